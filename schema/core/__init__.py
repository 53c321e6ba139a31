"""What every part of the API shares: the request's context and loader registry, the `locale`
argument, search text, limits and input checks, blocks, rich text, images, pagination, errors.

May import the apps (their selectors and services), never the domain packages beside it.
"""
