"""Where a webhook may go: an https URL whose host resolves only to public addresses.

An endpoint's URL is typed by an editor, but the request leaves from the worker, inside the
deployment's network. Without these rules an endpoint could point at the worker itself, the
database, the cloud metadata service or anything else only the worker can reach, and the
delivery log would show what answered. So a URL is checked when an endpoint is saved and again
for every delivery, and the delivery connects to exactly the addresses that were checked (see
tasks.services.webhook_transport): a host that resolves elsewhere between the check and the
connection (DNS rebinding) changes nothing.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_PORTS = {"https": 443, "http": 80}
# RFC 1918 and unique local IPv6 (fc00::/7): named "private" in refusals. ipaddress's own
# is_private also covers loopback, link-local, documentation ranges and more; those get
# their own names or "special-purpose".
PRIVATE_NETWORKS = [
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
]
# Carrier-grade NAT (RFC 6598): neither private nor global to ipaddress, and never a receiver.
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
# NAT64's well-known prefix (RFC 6052): the last 32 bits are the IPv4 address it reaches.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")


class WebhookTargetRefused(Exception):
    """A URL Tapestry does not send webhooks to, with a code and a message for people.

    `permanent` says whether trying again later can help: a scheme or a literal address stays
    refused, while a host name may resolve to a public address again.
    """

    def __init__(self, code: str, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.permanent = permanent


@dataclass(frozen=True)
class WebhookTarget:
    """A checked URL: where to connect (only these addresses) and what to ask for."""

    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    path: str  # path and query, as sent in the request line
    addresses: tuple[IPAddress, ...]

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"


def resolve_host(host: str) -> list[IPAddress]:
    """Every address (A and AAAA) the host name resolves to.

    The one place webhooks ask DNS: the addresses it returns are checked and then connected to,
    so nothing resolves the name again in between.
    """
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The networks an operator allowed despite the rules (TAPESTRY_WEBHOOK_ALLOWED_NETWORKS)."""
    return [ipaddress.ip_network(network) for network in settings.TAPESTRY_WEBHOOK_ALLOWED_NETWORKS]


def _is_allowed(address: IPAddress) -> bool:
    return any(
        address.version == network.version and address in network for network in allowed_networks()
    )


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64 or 6to4), if any: a
    connection to it reaches that IPv4 address, so that is the one to judge."""
    if address.version != 6:
        return None
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def _kind_of_non_public(address: IPAddress) -> str | None:
    """What makes the address unfit for a receiver (in words), or None when it is public."""
    if address.is_unspecified:
        return _("unspecified")
    if address.is_loopback:
        return _("loopback")
    if address.is_link_local:
        return _("link-local")
    if address.is_multicast:
        return _("multicast")
    if address in SHARED_ADDRESS_SPACE:
        return _("shared address space")
    if any(address.version == net.version and address in net for net in PRIVATE_NETWORKS):
        return _("private network")
    if address.is_reserved:
        return _("reserved")
    if not address.is_global:
        return _("special-purpose")
    return None


def address_refusal(address: IPAddress) -> str | None:
    """Why webhooks may not go to this address, or None when they may."""
    if _is_allowed(address):
        return None
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        if _is_allowed(embedded):
            return None
        kind = _kind_of_non_public(embedded)
        # The IPv6 form of a public IPv4 address is fine whatever ipaddress calls the prefix.
        return kind and _("%(kind)s, via %(ipv4)s") % {"kind": kind, "ipv4": embedded}
    return _kind_of_non_public(address)


def _ascii_host(host: str) -> str:
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise WebhookTargetRefused(
            "invalid_host", _("%(host)s is not a valid host name.") % {"host": host}, permanent=True
        ) from error


def webhook_url_refusal(url: str) -> WebhookTargetRefused | None:
    """What is wrong with the URL itself, before any DNS: scheme, user info, host, port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme != "https" and not (scheme == "http" and settings.TAPESTRY_WEBHOOK_ALLOW_HTTP):
        return WebhookTargetRefused(
            "scheme",
            _("Webhook URLs must start with https://."),
            permanent=True,
        )
    if "@" in parts.netloc:
        return WebhookTargetRefused(
            "userinfo",
            _(
                "A webhook URL must not contain a user name or password; receivers check the "
                "signature instead."
            ),
            permanent=True,
        )
    if not parts.hostname:
        return WebhookTargetRefused("invalid_host", _("The URL has no host."), permanent=True)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        return WebhookTargetRefused(
            "invalid_port", _("The URL's port is not valid."), permanent=True
        )
    return None


def webhook_target(url: str) -> WebhookTarget:
    """Check the URL and resolve its host once; raise WebhookTargetRefused when it may not
    receive webhooks (any one of its addresses not public is enough)."""
    refusal = webhook_url_refusal(url)
    if refusal:
        raise refusal
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = _ascii_host(parts.hostname)
    try:
        addresses = [ipaddress.ip_address(host)]
        literal = True
    except ValueError:
        literal = False
        try:
            addresses = resolve_host(host)
        except (OSError, UnicodeError, ValueError):
            addresses = []
    if not addresses:
        raise WebhookTargetRefused(
            "unresolvable", _("%(host)s does not resolve.") % {"host": host}, permanent=False
        )
    for address in addresses:
        kind = address_refusal(address)
        if kind:
            raise WebhookTargetRefused(
                "address_not_public",
                _(
                    "%(host)s resolves to %(address)s, which is not public (%(kind)s); webhooks "
                    "go to public addresses only."
                )
                % {"host": host, "address": address, "kind": kind},
                permanent=literal,
            )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return WebhookTarget(
        scheme=scheme,
        host=host,
        port=parts.port or DEFAULT_PORTS[scheme],
        path=path,
        addresses=tuple(addresses),
    )
