"""Communities and what residents do: their types and loaders, and the mutations for feedback,
event registrations and notice subscriptions (which write through the apps' services).

May import `schema.core`, `schema.pages`, `schema.articles` and the apps' selectors and services.
"""
