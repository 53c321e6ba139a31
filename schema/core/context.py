"""The GraphQL context: what one request's resolvers share, in the open (`info.context`)."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from schema.core.loaders import Loaders


@dataclass
class Context:
    """`request` is the HTTP request (user, headers, client address, absolute URLs); `loaders`
    the registry of the pages served so far and of what has been loaded for them; `tags` the
    cache tags (`home.cache_tags`) of everything the response is made of: the loaders record
    the pages, snippets and images they load, list resolvers their list."""

    request: HttpRequest
    tags: set[str] = field(default_factory=set)
    loaders: Loaders = field(init=False)

    def __post_init__(self):
        self.loaders = Loaders(tags=self.tags)
