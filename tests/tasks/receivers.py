"""Real local servers for background-work tests: webhook receivers (plain, TLS, and ones that
answer slowly or endlessly) and an SMTP server."""

import email
import http.server
import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

# A test-only certificate authority and, signed by it, the certificate of "hooks.example.test"
# (valid for a century; the authority's key was thrown away). See tls/README.md.
TLS_DIR = Path(__file__).resolve().parent / "tls"
TEST_CA_FILE = str(TLS_DIR / "ca.pem")
TLS_HOST = "hooks.example.test"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ReceivedRequest:
    path: str
    headers: dict
    body: bytes


@dataclass
class WebhookReceiver:
    """An http.server in a thread that records every POST and answers the next planned status
    (then 200 once the plan runs out), with `error_body` for a failure. With `tls`, it speaks
    https with the certificate of TLS_HOST and records the names clients asked for (SNI)."""

    statuses: list[int] = field(default_factory=list)
    requests: list[ReceivedRequest] = field(default_factory=list)
    error_body: bytes = b"not now"
    tls: bool = False
    server_names: list[str] = field(default_factory=list)
    delay: float = 0.0  # seconds before each answer (a slow receiver)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                receiver.requests.append(
                    ReceivedRequest(self.path, dict(self.headers.items()), self.rfile.read(length))
                )
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                time.sleep(receiver.delay)
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status < 300 else receiver.error_body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(TLS_DIR / "receiver.pem", TLS_DIR / "receiver-key.pem")
            context.sni_callback = lambda _sock, name, _context: self.server_names.append(name)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        """Plain: by address. TLS: by TLS_HOST, which a test's DNS must answer with 127.0.0.1."""
        if self.tls:
            return f"https://{TLS_HOST}:{self.port}/hooks/tapestry"
        return f"http://127.0.0.1:{self.port}/hooks/tapestry"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _read_request(conn: socket.socket) -> bytes:
    """One HTTP request: the head, then as many bytes as its Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _separator, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _colon, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


@dataclass
class StreamingReceiver:
    """A raw TCP receiver for the first request only: it reads the request, then writes
    `parts` one after the other, `interval` seconds apart (a receiver trickling its answer, or
    one with an endless body). It records how many bytes went out before the client hung up
    (`sent`), whether all of them did (`completed`), and sets `done` when it stopped."""

    parts: Iterable[bytes]
    interval: float = 0.0
    sent: int = 0
    completed: bool = False
    request: bytes = b""
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _address = self.listener.accept()
        except OSError:  # closed before anyone connected
            self.done.set()
            return
        with conn:
            try:
                self.request = _read_request(conn)
                for part in self.parts:
                    conn.sendall(part)
                    self.sent += len(part)
                    if self.interval:
                        time.sleep(self.interval)
                self.completed = True
            except OSError:
                pass  # the client hung up
            finally:
                self.done.set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/hooks/tapestry"

    def close(self) -> None:
        self.listener.close()


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's smtp backend: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._reply("220 localhost test SMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self._reply("250 localhost")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.messages.append((recipients, email.message_from_bytes(data)))
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int) -> None:
        self.messages: list[tuple[list[str], Message]] = []
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.shutdown()
        self.server_close()


def message_text(message: Message) -> str:
    """The text/plain part of a received mail, decoded."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""
