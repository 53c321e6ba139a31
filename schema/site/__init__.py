"""`site`: the service's name, default locale and locales.

May import `schema.core` and the apps' selectors.
"""
