"""A real HTTP server on loopback that plays a TraiTel gateway with canned answers.

Each ``FakeGateway`` records every request (method, path, headers, raw body, decoded form) and
answers with a :class:`Reply`: a body, a status, a delay, or a dropped connection; or a hostile
one: a body dripped a byte at a time (``drip``, its status line and headers too with
``drip_head``), sent without a length (``length=False``: the end of the connection ends it).
Answers come from ``replies`` (a queue; the last one repeats) or, when that is empty, from
``by_mode``.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

PASSWORD = "Zq9-very-secret-PW"


@dataclass
class Recorded:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    form: dict[str, str]


@dataclass
class Reply:
    """What the fake gateway answers."""

    body: bytes | str = "Ok\n"
    status: int = 200
    delay: float = 0.0
    drop: bool = False
    cut: bool = False  # promise twice the length, send the body, close the connection
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    drip: float = 0.0  # seconds between bytes of the body (0: all at once)
    drip_head: bool = False  # drip the status line and headers too
    length: bool = True  # send Content-Length (else close the connection after the body)


@dataclass
class FakeGateway:
    """A loopback gateway; ``url`` is where to send requests."""

    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    by_mode: dict[str, Reply | str] = field(default_factory=dict)
    handler: Callable[[Recorded], Reply] | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reply(self, *replies: Reply | str) -> None:
        """Answer the next requests with these (the last repeats)."""
        self.replies = [r if isinstance(r, Reply) else Reply(r) for r in replies]

    def modes(self) -> list[str]:
        """The modes of the requests received so far."""
        return [r.form.get("mode", "") for r in self.requests]

    def answer(self, recorded: Recorded) -> Reply:
        with self.lock:
            self.requests.append(recorded)
            if self.handler is not None:
                return self.handler(recorded)
            if self.replies:
                return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
            found = self.by_mode.get(recorded.form.get("mode", ""), Reply("Ok\n"))
            return found if isinstance(found, Reply) else Reply(found)


def _handler_for(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            form_text = raw.decode("utf-8", "replace")
            if "?" in self.path:
                form_text = self.path.split("?", 1)[1] + "&" + form_text
            form = {k: v[-1] for k, v in parse_qs(form_text, keep_blank_values=True).items()}
            recorded = Recorded(self.command, self.path, dict(self.headers.items()), raw, form)
            reply = gateway.answer(recorded)
            if reply.delay:
                gateway.stop.wait(reply.delay)
            if reply.drop:
                self.close_connection = True
                return
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            if reply.drip:
                self._drip(reply, body)
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.length:
                self.send_header("Content-Length", str(len(body) * (2 if reply.cut else 1)))
            self.end_headers()
            self.wfile.write(body)
            if reply.cut or not reply.length:
                self.close_connection = True

        def _drip(self, reply: Reply, body: bytes) -> None:
            """Send the answer a byte every ``reply.drip`` seconds, until done, the client
            gone or the gateway stopped."""
            self.close_connection = True
            head = [f"HTTP/1.1 {reply.status} Whatever", f"Content-Type: {reply.content_type}",
                    *(f"{k}: {v}" for k, v in reply.headers.items())]
            if reply.length:
                head.append(f"Content-Length: {len(body)}")
            head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
            if not reply.drip_head:
                self.wfile.write(head_bytes)
                head_bytes = b""
            for byte in head_bytes + body:
                if gateway.stop.wait(reply.drip):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                except OSError:
                    return

        do_POST = _serve
        do_GET = _serve

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (time-out tests) is expected; do not print tracebacks."""


def start_gateway(
    tls: ssl.SSLContext | None = None,
) -> tuple[FakeGateway, Callable[[], None]]:
    """Start a fake gateway (HTTPS with ``tls``); returns it and the function that stops it."""
    gateway = FakeGateway()
    server = _Server(("127.0.0.1", 0), _handler_for(gateway))
    host, port = server.server_address[:2]
    scheme = "http"
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    gateway.url = f"{scheme}://{host!s}:{port}/accountmanager.pl"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()

    def stop() -> None:
        gateway.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)

    return gateway, stop


def closed_port_url() -> str:
    """A loopback URL on a port nobody listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/accountmanager.pl"
