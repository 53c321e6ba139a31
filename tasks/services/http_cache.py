"""Purging the HTTP caches in front of the API by cache tag: Varnish, and a CDN.

The cache-purge task calls every purger in TAPESTRY_CACHE_PURGERS with the tags a change
affected (`page-123`, `snippet-topic-4`, `list-articles-huacao-town-zh-hans`, ...), after the
change's transaction commits. The two here are the HTTP caches'; settings add them to
TAPESTRY_HTTP_CACHE_PURGERS when their environment is set. Each raises when a cache could not
be purged, so the task tries again.

- `varnish_purge` sends `PURGE` with `xkey-purge: <keys>` to every Varnish of
  VARNISH_PURGE_URLS (deploy/varnish/default.vcl answers it), in batches that keep the header
  short.
- `frontend_cache_purge` goes through Wagtail's frontend-cache backends (WAGTAILFRONTENDCACHE,
  built from the environment). A backend that can purge by tag (`CloudflareTagBackend`: Wagtail's
  Cloudflare backend, which purges by URL, plus Cloudflare's purge by Cache-Tag) purges exactly
  the tags; any other (CloudFront has no tags) invalidates every GraphQL response, `/graphql/*`.
"""

import logging

import requests
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import CloudflareBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)

# The longest xkey-purge header one PURGE carries: well inside Varnish's http_req_hdr_len (8 KiB).
PURGE_HEADER_MAX_BYTES = 4096
# Cloudflare purges at most 100 tags (or URLs) per call, on every plan.
CLOUDFLARE_TAGS_PER_REQUEST = 100
CLOUDFLARE_TIMEOUT_SECONDS = 30


class CachePurgeError(Exception):
    """A cache in front of the API could not be purged (the task retries)."""


def _checked(tags: set[str]) -> list[str]:
    """The tags in a stable order. A tag with a separator in it would purge other keys than it
    names, and one that is not printable ASCII cannot go in a header: both are refused."""
    for tag in tags:
        if not (tag.isascii() and tag.isprintable()) or not tag or any(s in tag for s in " ,"):
            raise ValueError(f"not a cache tag: {tag!r}")
    return sorted(tags)


def purge_header_batches(keys: list[str], limit: int = PURGE_HEADER_MAX_BYTES) -> list[str]:
    """Space-separated runs of `keys`, each at most `limit` bytes (a longer key goes alone)."""
    batches, current, size = [], [], 0
    for key in keys:
        length = len(key.encode()) + (1 if current else 0)
        if current and size + length > limit:
            batches.append(" ".join(current))
            current, size = [], 0
            length = len(key.encode())
        current.append(key)
        size += length
    if current:
        batches.append(" ".join(current))
    return batches


def varnish_purge(tags: set[str]) -> None:
    """Remove every object tagged with one of `tags` from each Varnish of VARNISH_PURGE_URLS.

    Every Varnish is tried even when one fails; then the failures are raised together.
    """
    keys = _checked(tags)
    if not keys or not settings.VARNISH_PURGE_URLS:
        return
    failures = []
    with requests.Session() as session:
        for url in settings.VARNISH_PURGE_URLS:
            purged = 0
            try:
                for batch in purge_header_batches(keys):
                    response = session.request(
                        "PURGE",
                        url,
                        headers={"xkey-purge": batch},
                        timeout=settings.VARNISH_PURGE_TIMEOUT_SECONDS,
                        allow_redirects=False,
                    )
                    if response.status_code != 200:
                        raise CachePurgeError(f"answered {response.status_code} {response.reason}")
                    purged += int(response.headers.get("xkey-purged", 0))
            except (requests.RequestException, CachePurgeError) as error:
                failures.append(f"{url}: {error}")
            else:
                logger.info("Varnish %s: purged %d objects for %d tags", url, purged, len(keys))
    if failures:
        raise CachePurgeError("Varnish purge failed: " + "; ".join(failures))


class CloudflareTagBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend (purge by URL), which also purges by Cache-Tag.

    Configured like Wagtail's (ZONEID, and BEARER_TOKEN or EMAIL with API_KEY). Unlike the URL
    purge, which logs Cloudflare's refusals, a tag purge raises them.
    """

    def _auth_headers(self) -> dict[str, str]:
        if self.cloudflare_token:
            return {"Authorization": f"Bearer {self.cloudflare_token}"}
        return {"X-Auth-Email": self.cloudflare_email, "X-Auth-Key": self.cloudflare_api_key}

    def purge_tags(self, tags: list[str]) -> None:
        for start in range(0, len(tags), CLOUDFLARE_TAGS_PER_REQUEST):
            try:
                response = requests.post(
                    self.cloudflare_purge_endpoint_url,
                    json={"tags": tags[start : start + CLOUDFLARE_TAGS_PER_REQUEST]},
                    headers=self._auth_headers(),
                    timeout=CLOUDFLARE_TIMEOUT_SECONDS,
                )
                answer = response.json()
            except (requests.RequestException, ValueError) as error:
                raise CachePurgeError(f"Cloudflare tag purge failed: {error}") from error
            if response.status_code != 200 or not answer.get("success"):
                messages = ", ".join(str(e.get("message")) for e in answer.get("errors") or [])
                raise CachePurgeError(
                    f"Cloudflare tag purge failed ({response.status_code}): {messages}"
                )


def frontend_cache_purge(tags: set[str]) -> None:
    """Purge `tags` from the CDNs of WAGTAILFRONTENDCACHE: by tag where the CDN can, else every
    GraphQL response."""
    keys = _checked(tags)
    if not keys:
        return
    graphql_everything = reverse("graphql") + "*"
    for name, backend in get_backends(settings.WAGTAILFRONTENDCACHE).items():
        if isinstance(backend, CloudflareTagBackend):
            backend.purge_tags(keys)
            logger.info("Frontend cache %s: purged %d tags", name, len(keys))
        else:
            backend.purge_batch([graphql_everything])
            logger.info("Frontend cache %s: invalidated %s", name, graphql_everything)
