"""The GraphQL context: what one request's resolvers share, in the open (`info.context`)."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from schema.core.loaders import Loaders


@dataclass
class Context:
    """`request` is the HTTP request (user, headers, client address, absolute URLs); `loaders`
    the registry of the pages served so far and of what has been loaded for them."""

    request: HttpRequest
    loaders: Loaders = field(default_factory=Loaders)
