"""HTTP caching of `/graphql/` answers: what a successful anonymous query's response says to
browsers, proxies and CDNs.

- `Cache-Control: public, max-age=TAPESTRY_GRAPHQL_MAX_AGE,
  stale-while-revalidate=TAPESTRY_GRAPHQL_STALE_WHILE_REVALIDATE`;
- a strong `ETag` (a hash of the body); a GET whose `If-None-Match` names it is answered 304
  (anything else in `If-None-Match`, garbage included, is a plain miss);
- `Surrogate-Key` (space-separated) and `Cache-Tag` (comma-separated): the response's cache tags
  (`home.cache_tags`), which a publish purges. Headers have limits (Varnish 8 KiB by default,
  CDNs 16 KiB): past TAPESTRY_GRAPHQL_CACHE_TAGS_MAX_BYTES the response carries only its list
  tags and COARSE_TAG, which every purge includes, so it is never stale, only purged more often;
- no cookie and no `Vary: Cookie` or `Vary: Accept-Language`: the answer depends only on the
  request's URL or body, never on who asks (signed-in users are answered `no-store`) or their
  browser's languages (the locale is an argument).
"""

import base64
import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.http import parse_etags

from home.cache_tags import COARSE_TAG

# Headers a 304 repeats from the response it stands for.
NOT_MODIFIED_HEADERS = ("ETag", "Cache-Control", "Surrogate-Key", "Cache-Tag", "X-Cache")
# Vary entries a cacheable answer does not depend on.
VARY_DROPPED = {"cookie", "accept-language"}


def anonymous(request) -> bool:
    """Whether nobody is signed in, decided without loading a session the request has no cookie
    for (loading one makes SessionMiddleware add `Vary: Cookie`)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def etag_of(body: bytes) -> str:
    digest = hashlib.sha256(body).digest()
    return '"' + base64.urlsafe_b64encode(digest).decode().rstrip("=") + '"'


def cache_control() -> str:
    return (
        f"public, max-age={settings.TAPESTRY_GRAPHQL_MAX_AGE}, "
        f"stale-while-revalidate={settings.TAPESTRY_GRAPHQL_STALE_WHILE_REVALIDATE}"
    )


def header_tags(tags) -> list[str]:
    """The tags the headers carry: all of them, or past the cap the list tags and COARSE_TAG."""
    cap = settings.TAPESTRY_GRAPHQL_CACHE_TAGS_MAX_BYTES
    tags = sorted(tags)
    if len(" ".join(tags)) <= cap:
        return tags
    coarse = [tag for tag in tags if tag.startswith("list-")] + [COARSE_TAG]
    return coarse if len(" ".join(coarse)) <= cap else [COARSE_TAG]


def cacheable_headers(response, *, etag: str, tags, cache_status: str | None) -> None:
    response["ETag"] = etag
    response["Cache-Control"] = cache_control()
    carried = header_tags(tags)
    response["Surrogate-Key"] = " ".join(carried)
    response["Cache-Tag"] = ",".join(carried)
    if cache_status:
        response["X-Cache"] = cache_status


def not_modified(request, response):
    """A 304 for a GET whose If-None-Match names the response's ETag; else the response."""
    if request.method not in ("GET", "HEAD"):
        return response
    given = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not given:
        return response
    etag = response["ETag"]
    # Weak comparison, as RFC 9110 asks of If-None-Match.
    if not any(tag == "*" or tag.removeprefix("W/") == etag for tag in parse_etags(given)):
        return response
    answer = HttpResponseNotModified()
    for header in NOT_MODIFIED_HEADERS:
        if response.has_header(header):
            answer[header] = response[header]
    return answer


class CacheableVaryMiddleware:
    """Drops `Vary: Cookie` and `Vary: Accept-Language` (and `Content-Language`) from cacheable
    GraphQL answers.

    SessionMiddleware varies on Cookie whenever a request looked at its session, and
    LocaleMiddleware on Accept-Language for every URL outside i18n_patterns; a cache keeps one
    copy per distinct header value then. Goes before both in MIDDLEWARE (its response hook runs
    after theirs).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "graphql" or not response.has_header("ETag"):
            return response
        if not response.get("Cache-Control", "").startswith("public"):
            return response
        kept = [
            value
            for value in (part.strip() for part in response.get("Vary", "").split(","))
            if value and value.lower() not in VARY_DROPPED
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif response.has_header("Vary"):
            del response["Vary"]
        # LocaleMiddleware's, from the first asker's Accept-Language: a cache would repeat it
        # to everyone, whatever the `locale` argument asked for.
        if response.has_header("Content-Language"):
            del response["Content-Language"]
        return response
