from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.csp import graphiql_policy
from cms.health import healthz
from cms.media import media_serve
from schema.view import TapestryGraphQLView

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "graphql/",
        graphiql_policy(csrf_exempt(TapestryGraphQLView.as_view(graphiql=settings.DEBUG))),
        name="graphql",
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("residents/", include("communities.resident_urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploaded images, when TAPESTRY_SERVE_MEDIA (or DEBUG) is on at request time; never documents,
# which only the document view above serves, after checking their collection's privacy.
# Not when media live on object storage (MEDIA_URL is then the store's URL).
if settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", media_serve, name="media"),
    ]

# Pages are served under a language prefix (/en/..., /zh-hans/...), one tree per locale.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=True)
