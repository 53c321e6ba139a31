"""The address a request came from, as far as Tapestry can trust it.

Behind N proxies that each append the address they received the connection from to
X-Forwarded-For, the chain X-Forwarded-For + REMOTE_ADDR ends with N addresses written by those
proxies; everything to their left was written by the client and proves nothing. The client is
therefore the (N+1)-th address from the right: the one the outermost trusted proxy saw. Taking
the left-most hop instead lets anyone choose their own address (and escape every per-IP limit).

`TAPESTRY_TRUSTED_PROXY_COUNT` is N; 0 (the default) reads REMOTE_ADDR only and ignores the
header. django-ipware parses the chain (IPv6, ports, RFC 7239 tokens) and picks the position.
Everything that needs a client's address (rate limits, login throttling) uses this one function.
"""

from types import SimpleNamespace

from django.conf import settings
from ipware import get_client_ip

_FORWARDED = "HTTP_X_FORWARDED_FOR"


def client_address(request) -> str | None:
    """The client's IP address, or None when the request carries none that parses (a request
    built in code, such as a test client's forced login, has no REMOTE_ADDR)."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    proxies = settings.TAPESTRY_TRUSTED_PROXY_COUNT
    hops = [remote]
    if proxies:
        hops.insert(0, request.META.get(_FORWARDED) or "")
    # Only this one chain is read: ipware's other headers (X-Real-IP, True-Client-IP, ...) are
    # whatever the client sent unless a proxy overwrote them.
    chain = SimpleNamespace(META={_FORWARDED: ",".join(hop for hop in hops if hop.strip())})
    # Fewer hops than proxies: the request skipped an outer proxy, and every hop there is was
    # written by a proxy it did pass, so the farthest of them is the client.
    for count in range(proxies, -1, -1):
        address, _routable = get_client_ip(
            chain, proxy_count=count, request_header_order=[_FORWARDED], strict=False
        )
        if address:
            return address
    return None
