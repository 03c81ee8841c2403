"""One sandbox gateway: a threaded HTTP server answering ``/accountmanager.pl``.

Accepts POST (``application/x-www-form-urlencoded``) and GET (query string), like a Perl CGI.
Answers are HTTP 200 with a ``text/plain; charset=utf-8`` body (API errors included); HTTP/1.1
keep-alive is supported. Requests are not logged (a GET query would carry the password).
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import time
import traceback
from contextlib import AbstractContextManager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from traitel_desktop.sandbox.faults import Dice, Faults
from traitel_desktop.sandbox.wire import CONTENT_TYPE, error_body


class Sandbox(Protocol):
    """What a gateway asks of the sandbox behind it
    (:class:`traitel_desktop.sandbox.sandbox.Sandbox`)."""

    faults: Faults
    dice: Dice

    def answer(self, params: dict[str, str]) -> bytes:
        """The body answering an API call."""
        ...

    def serving(self) -> AbstractContextManager[bool]:
        """Scope of one request: False once the sandbox is stopping."""
        ...

PATH = "/accountmanager.pl"
MAX_BODY = 1 << 20


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], gateway: Gateway) -> None:
        self.gateway = gateway
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        with self.sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket) -> None:  # type: ignore[override]
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hung up (timeout, failover) is not an error; anything else is shown."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def drop_connections(self) -> None:
        """Cut every open connection (idle keep-alive ones included)."""
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TraiTelSandbox/1.0"
    timeout = 60
    server: _Server

    def setup(self) -> None:
        """Send each answer at once (no Nagle delay between headers and body)."""
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the access log: a GET query string would show the password."""

    def do_GET(self) -> None:
        """An API call with its parameters in the query string."""
        url = urlsplit(self.path)
        if url.path != PATH:
            self._send(404, b"Not Found\n")
            return
        self._api(url.query)

    def do_POST(self) -> None:
        """An API call with a form-encoded body."""
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY or length < 0:
            self.close_connection = True
            self._send(413, b"Request Entity Too Large\n")
            return
        body = self.rfile.read(length) if length else b""
        if url.path != PATH:
            self._send(404, b"Not Found\n")
            return
        self._api(body.decode("utf-8", "replace"), url.query)

    def _api(self, form: str, query: str = "") -> None:
        with self.server.gateway.sandbox.serving() as serving:
            if serving:
                self._serve(form, query)
            else:
                self.close_connection = True

    def _serve(self, form: str, query: str) -> None:
        gateway = self.server.gateway
        sandbox = gateway.sandbox
        faults = sandbox.faults
        if faults.down == gateway.name:
            self.close_connection = True
            return
        hit = faults.applies_to(gateway.name)
        if hit and faults.latency:
            time.sleep(faults.latency)
        if hit and sandbox.dice.roll(faults.drop_rate):
            self.close_connection = True
            return
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        params.update({k: v[0] for k, v in parse_qs(form, keep_blank_values=True).items()})
        status = 200
        if hit and sandbox.dice.roll(faults.error001_rate):
            body = error_body(1)
        else:
            try:
                body = sandbox.answer(params)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                status, body = 500, error_body(1)
        truncate = hit and sandbox.dice.roll(faults.truncate_rate)
        # Counted before the answer goes out: a client that has its answer must find the
        # request counted (counting after the send raced the test that checks the count).
        gateway.count()
        self._send(status, body, truncate)

    def _send(self, status: int, body: bytes, truncate: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(body)))
        if truncate:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if truncate else body)


class Gateway:
    """One listening port of the sandbox (``primary`` or ``alternate``) that can go down."""

    def __init__(self, sandbox: Sandbox, name: str, host: str, port: int) -> None:
        self.sandbox = sandbox
        self.name = name
        self.host = host
        self.port = port
        self.requests = 0
        self._count_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://HOST:PORT/accountmanager.pl``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{PATH}"

    @property
    def listening(self) -> bool:
        """True while the port accepts connections."""
        return self._server is not None

    def count(self) -> None:
        """One more request answered."""
        with self._count_lock:
            self.requests += 1

    def start(self) -> None:
        """Listen (on the same port as before, once one was picked) and serve in a thread."""
        if self._server is not None:
            return
        server = _Server((self.host, self.port), self)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"traitel-sandbox-{self.name}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop listening (the port then refuses connections) and cut open connections."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        server.drop_connections()
        if thread is not None:
            thread.join(timeout=5)
