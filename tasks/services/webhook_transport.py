"""One webhook POST: to the checked addresses only, within one deadline, reading little.

http.client on a socket Tapestry opens itself, rather than requests, because three things must
hold that requests cannot promise without reaching into urllib3:

- The connection goes to an address webhook_target() checked, never to a fresh DNS answer. The
  socket connects to that address; the request still names the host (Host header) and TLS still
  sends it (SNI) and verifies the certificate against it, so nothing changes for the receiver.
- The timeout is the total time of the delivery (connecting, TLS, sending, waiting for and
  reading the answer), not the time between two bytes: every blocking call on the socket may
  wait only for what is left of the deadline, so a receiver trickling one byte at a time is cut
  off when it runs out.
- At most RESPONSE_READ_LIMIT bytes of an answer are read, and only of a failure (its start goes
  to the delivery log); a 2xx body is not read at all. Then the connection is closed.

Redirects are not followed: a 3xx is a failed attempt like any other non-2xx answer.
"""

import functools
import http.client
import socket
import ssl
import time
from dataclasses import dataclass

import certifi

from tasks.services.webhook_targets import WebhookTarget

# Enough for the delivery log's short excerpt of an error answer.
RESPONSE_READ_LIMIT = 4 * 1024
# The certificate authorities receivers' certificates are checked against (as requests did).
TRUSTED_CA_FILE = certifi.where()


class _Deadline:
    """Socket calls that wait at most until `deadline` (time.monotonic()), then time out."""

    deadline: float = 0.0  # already passed: a socket nobody gave a deadline cannot wait

    def _wait_at_most_what_is_left(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the delivery's deadline has passed")
        self.settimeout(left)

    def connect(self, address) -> None:
        self._wait_at_most_what_is_left()
        super().connect(address)

    def sendall(self, data, *args) -> None:
        self._wait_at_most_what_is_left()
        super().sendall(data, *args)

    def send(self, data, *args) -> int:
        self._wait_at_most_what_is_left()
        return super().send(data, *args)

    def recv_into(self, buffer, *args) -> int:
        self._wait_at_most_what_is_left()
        return super().recv_into(buffer, *args)

    def recv(self, *args) -> bytes:
        self._wait_at_most_what_is_left()
        return super().recv(*args)


class _DeadlineSocket(_Deadline, socket.socket):
    pass


class _DeadlineSSLSocket(_Deadline, ssl.SSLSocket):
    def do_handshake(self, *args) -> None:
        self._wait_at_most_what_is_left()
        super().do_handshake(*args)


@functools.cache
def _tls_context(cafile: str) -> ssl.SSLContext:
    """Certificates required and checked against the host name, as for any https client."""
    context = ssl.create_default_context(cafile=cafile)
    context.sslsocket_class = _DeadlineSSLSocket
    return context


@dataclass(frozen=True)
class WebhookResponse:
    status: int
    # The start of an error answer (at most RESPONSE_READ_LIMIT bytes); empty for a 2xx.
    body: bytes


def _connect(target: WebhookTarget, deadline: float) -> socket.socket:
    """A connection to the first of the target's addresses that answers (as
    socket.create_connection tries them in turn), wrapped in TLS for https."""
    error: OSError = ConnectionError("no address to connect to")
    for address in target.addresses:
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = _DeadlineSocket(family, socket.SOCK_STREAM)
        sock.deadline = deadline
        try:
            sock.connect((str(address), target.port))
        except OSError as exc:
            sock.close()
            error = exc
            continue
        if target.scheme != "https":
            return sock
        try:
            tls = _tls_context(TRUSTED_CA_FILE).wrap_socket(
                sock, server_hostname=target.host, do_handshake_on_connect=False
            )
        except OSError:
            sock.close()
            raise
        tls.deadline = deadline
        try:
            tls.do_handshake()
        except OSError:
            tls.close()
            raise
        return tls
    raise error


def _read_some(response: http.client.HTTPResponse) -> bytes:
    """Up to RESPONSE_READ_LIMIT bytes of the body, or what arrived before the deadline."""
    body = b""
    try:
        while len(body) < RESPONSE_READ_LIMIT:
            chunk = response.read1(RESPONSE_READ_LIMIT - len(body))
            if not chunk:
                break
            body += chunk
    except (OSError, http.client.HTTPException):
        pass  # the status already says the delivery failed; the excerpt is what we have
    return body


def webhook_post(
    target: WebhookTarget, *, body: bytes, headers: dict[str, str], timeout: float
) -> WebhookResponse:
    """POST `body` to the target within `timeout` seconds in all.

    Raises TimeoutError when the deadline passes before the answer's headers arrived, OSError
    (ssl.SSLError included) when no connection could be made, and http.client.HTTPException
    when the answer is not HTTP.
    """
    deadline = time.monotonic() + timeout
    sock = _connect(target, deadline)
    connection = http.client.HTTPConnection(target.host, target.port)
    connection.sock = sock  # http.client uses it instead of connecting (and resolving) itself
    response = None
    try:
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": target.host_header, "Connection": "close"},
        )
        response = connection.getresponse()
        status = response.status
        return WebhookResponse(
            status=status, body=b"" if 200 <= status < 300 else _read_some(response)
        )
    finally:
        if response is not None:
            response.close()
        connection.close()
        sock.close()
