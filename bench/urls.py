"""The product's URLs plus Wagtail's REST API at /api/v2/, for the benchmark only."""

from django.urls import path

from bench.rest_api import api_router
from cms.urls import urlpatterns as cms_urlpatterns

# Before cms.urls: its catch-all page route (under a language prefix) must not shadow /api/v2/.
urlpatterns = [path("api/v2/", api_router.urls), *cms_urlpatterns]
