"""Mixins shared by every page type: where a page belongs in the community tree (and
`community_root_of`, the one lookup of a page's community), and until when it is served."""

from datetime import datetime
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page, get_page_models


def community_root_models() -> list[type[Page]]:
    """Page models that mark the root of a community subtree."""
    return [model for model in get_page_models() if getattr(model, "is_community_root", False)]


def community_root_of(page: Page) -> Page | None:
    """The community a page is in: its nearest ancestor (or itself) marked as a community root,
    as a base `Page`, or None for a city-wide page."""
    root_models = community_root_models()
    if not root_models:
        return None
    root_types = list(ContentType.objects.get_for_models(*root_models).values())
    return (
        Page.objects.ancestor_of(page, inclusive=True)
        .filter(content_type__in=root_types)
        .order_by("-depth")
        .first()
    )


class CommunityRootMixin:
    """Marks a page type whose instances are the roots of a community's subtree.

    Content apps below `communities/` find their community through this flag, so they never
    import the community model itself.
    """

    is_community_root = True


class CommunityMemberMixin:
    """Gives a page its community: the nearest ancestor (or itself) marked as a community root."""

    @cached_property
    def community(self) -> Page | None:
        root = community_root_of(self)
        return root.specific if root else None

    @property
    def is_city_wide(self) -> bool:
        return self.community is None


class ServedUntilExpiryMixin:
    """Page models: a page past its expiry time is not served (404), as the API hides it.

    Wagtail clears `live` only when the expiry job runs and serves every live page until then;
    `home.selectors.pages_visible` hides such a page from every list already, and so does this
    from its own URL. The admin's built-in preview does not go through `serve` and still works.
    """

    def has_expired(self, now: datetime | None = None) -> bool:
        return self.expire_at is not None and self.expire_at <= (now or timezone.now())

    def serve(self, request, *args, **kwargs):
        if self.has_expired():
            raise Http404("This page has expired.")
        return super().serve(request, *args, **kwargs)
