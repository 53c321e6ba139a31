"""The `Page` interface every page type implements, and the queries over any page: `page(path)`,
`search` and `preview(token)`.

May import `schema.core`, `schema.communities.loaders` (a page's community) and the apps'
selectors.
"""
