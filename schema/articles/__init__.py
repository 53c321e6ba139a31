"""Articles, events, their index pages, topics and bureaus: types, resolvers and loaders.

May import `schema.core`, `schema.pages` and the apps' selectors and services.
"""
