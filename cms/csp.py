"""Nonces for the inline scripts Wagtail writes, so the admin runs under a script-src without
'unsafe-inline'.

django-csp gives each request a nonce (request.csp_nonce; it goes into the header once used).
Wagtail's templates that have a request at hand get it from there; its form widgets (date and
time pickers, choosers) render without one, so CSPNonceMiddleware keeps the request's nonce in a
context variable for them (current_nonce, `{% script_nonce %}` in cms/templatetags). The
overridden templates are in cms/templates/; the choosers build their script in Python, so their
render method is wrapped (nonce_chooser_scripts).

Wagtail's scripts that copy an inline script to run it again (dialogs, inline panels) copy its
nonce too, as long as the copy is made before the script is in the document.
"""

import functools
from contextvars import ContextVar

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

_request_nonce: ContextVar = ContextVar("tapestry_csp_nonce", default=None)


class CSPNonceMiddleware:
    """Makes the request's nonce available to code without the request. After CSPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_nonce.set(getattr(request, "csp_nonce", None))
        try:
            return self.get_response(request)
        finally:
            _request_nonce.reset(token)


def current_nonce() -> str:
    """The nonce of the request being answered ("" outside one). Using it puts it in the header."""
    nonce = _request_nonce.get()
    return str(nonce) if nonce is not None else ""


def nonce_attribute() -> str:
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""


def nonce_chooser_scripts() -> None:
    """Give the script that Wagtail's chooser widgets append to their HTML the request's nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    render = BaseChooser.render
    if getattr(render, "tapestry_nonced", False):
        return

    @functools.wraps(render)
    def nonced_render(self, *args, **kwargs):
        html = render(self, *args, **kwargs)
        before, tag, after = str(html).rpartition("<script>")
        if not tag:
            return html
        return mark_safe(f"{before}<script{nonce_attribute()}>{after}")  # noqa: S308 - Wagtail's own HTML

    nonced_render.tapestry_nonced = True
    BaseChooser.render = nonced_render


GRAPHIQL_CDN = "https://cdn.jsdelivr.net"


def graphiql_policy(view):
    """The GraphQL view, whose GraphiQL page (served with DEBUG only) loads React and GraphiQL
    from jsdelivr (pinned by SRI hashes) and configures them in an inline script without a
    nonce: with DEBUG its policy allows that; without, the view is left as it is."""
    if not settings.DEBUG:
        return view
    sources = {"script-src": [GRAPHIQL_CDN, UNSAFE_INLINE], "style-src": [GRAPHIQL_CDN]}
    return csp_update(sources, REPORT_ONLY=True)(csp_update(sources)(view))
