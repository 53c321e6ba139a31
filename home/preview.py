"""Headless preview: the admin's Preview button hands the frontend a short-lived token.

Pressing Preview stores the draft as the editor sees it (saved or not) and sends the browser to
the frontend's preview URL (TAPESTRY_PREVIEW_URL) with `?token=...`; the frontend asks GraphQL
for `preview(token)` and renders the draft like any page. A token works once, within
TAPESTRY_PREVIEW_TTL_SECONDS.

Without a frontend URL configured, every Preview (the editor's panel, the listings' and the
dashboard's Preview, the workflow mails' links) shows Tapestry's own HTML rendering of the draft;
the token and its query stay one mode away, for frontend developers.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode

from home.models.preview import PagePreview

PREVIEW_QUERY = """query Preview($token: String!) {
  preview(token: $token) {
    __typename id title urlPath locale
    ... on Article { kind summary bodyHtml }
    ... on Event { startsAt venue bodyHtml }
  }
}"""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def preview_create(page, user=None) -> tuple[str, PagePreview]:
    """Store the page's current (unsaved) state; return the token and the preview."""
    now = timezone.now()
    PagePreview.objects.filter(expires_at__lte=now).delete()
    token = secrets.token_urlsafe(32)
    preview = PagePreview.objects.create(
        token_hash=_hash(token),
        page_id=page.pk,
        content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
        content_json=page.to_json(),
        created_by=user if user is not None and user.is_authenticated else None,
        expires_at=now + timedelta(seconds=settings.TAPESTRY_PREVIEW_TTL_SECONDS),
    )
    return token, preview


class PreviewError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Draft:
    """A previewed page as the editor left it (unsaved), and the id it is previewed under."""

    page: object
    id: int | str


def preview_take(token: str) -> Draft:
    """The draft behind `token`, marking the token used. PreviewError when it can't be."""
    now = timezone.now()
    with transaction.atomic():
        preview = (
            PagePreview.objects.select_for_update().filter(token_hash=_hash(token or "")).first()
        )
        if preview is None:
            raise PreviewError("This preview token is not valid.", "INVALID_TOKEN")
        if preview.expires_at <= now:
            raise PreviewError("This preview token has expired: press Preview again.", "EXPIRED")
        if preview.used_at is not None:
            raise PreviewError("This preview token was already used: press Preview again.", "USED")
        preview.used_at = now
        preview.save(update_fields=["used_at"])
    model = preview.content_type.model_class()
    page = model.from_json(preview.content_json)
    page.pk = page.id = json.loads(preview.content_json).get("pk") or preview.page_id
    # A page that was never saved has no id yet: the preview stands in for it.
    return Draft(page=page, id=page.pk or f"preview-{preview.pk}")


FRONTEND = "frontend"
HTML = "html"


class HeadlessPreviewMixin:
    """Page models: Preview opens the frontend with a token when there is one, else the page.

    Every admin entry point previews in `default_preview_mode`, the first of `preview_modes`.
    """

    @property
    def preview_modes(self):
        if settings.TAPESTRY_PREVIEW_URL:
            return [(FRONTEND, "Frontend"), (HTML, "Built-in HTML")]
        return [(HTML, "Page"), (FRONTEND, "Frontend token")]

    def serve_preview(self, request, mode_name):
        if mode_name == HTML:
            return super().serve_preview(request, mode_name)
        token, preview = preview_create(self, getattr(request, "user", None))
        params = {"token": token, "locale": self.locale.language_code, "type": self._meta.label}
        if settings.TAPESTRY_PREVIEW_URL:
            separator = "&" if "?" in settings.TAPESTRY_PREVIEW_URL else "?"
            return redirect(f"{settings.TAPESTRY_PREVIEW_URL}{separator}{urlencode(params)}")
        graphiql = "/graphql/?" + urlencode(
            {"query": PREVIEW_QUERY, "variables": json.dumps({"token": token})}
        )
        return TemplateResponse(
            request,
            "home/headless_preview.html",
            {
                "page": self,
                "token": token,
                "expires_at": preview.expires_at,
                "query": PREVIEW_QUERY,
                "graphiql_url": graphiql if settings.DEBUG else None,
            },
        )
