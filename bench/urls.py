"""The product's URLs plus, for the benchmark only, Wagtail's REST API at /api/v2/ and the Django
floor at /bench/floor/<scenario>/.

The floor is a bare view answering the bytes of a scenario's GraphQL answer, which the benchmark
captured at its start and wrote to var/bench/floor/<scenario>.json: what this stack (gunicorn,
Django, the middleware) costs before the API does anything.
"""

from functools import cache

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path, re_path

from bench.rest_api import api_router
from cms.urls import urlpatterns as cms_urlpatterns

FLOOR_DIR = settings.VAR_DIR / "bench" / "floor"


@cache
def floor_body(scenario: str) -> bytes:
    """A scenario's captured answer, read once per process."""
    return (FLOOR_DIR / f"{scenario}.json").read_bytes()


def floor(request, scenario: str) -> HttpResponse:
    try:
        body = floor_body(scenario)
    except FileNotFoundError:
        raise Http404("The benchmark has not captured this scenario's answer.") from None
    return HttpResponse(body, content_type="application/json")


# Before cms.urls: its catch-all page route (under a language prefix) must not shadow these.
urlpatterns = [
    path("api/v2/", api_router.urls),
    re_path(r"^bench/floor/(?P<scenario>[a-z])/$", floor, name="bench-floor"),
    *cms_urlpatterns,
]
