"""A watchdog that ends a request at its deadline, whatever it is waiting for.

Time-outs on a socket bound each wait for data, not a whole request: a gateway that drips one
byte a second (in its status line, its headers or its body) never trips them, and the worker
thread waiting for it stays blocked. :class:`DeadlineAdapter` remembers every connection a
request takes from its pool; when the request's :class:`Watch` passes its deadline, a timer
shuts those sockets down, so the blocked read returns at once (with an error or the end of the
data) and the thread is free again. The transport then reports the request as too slow.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter

__all__ = ["DeadlineAdapter", "Watch", "watching"]

_current = threading.local()


class Watch:
    """The deadline of one request: connections attached to it are shut down when it fires."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self._done = False
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.name = "traitel-deadline"

    def attach(self, connection: Any) -> None:
        """Watch ``connection`` (an urllib3 connection; its socket may not exist yet)."""
        with self._lock:
            self._connections.append(connection)
            if self.fired:
                _shut(connection)

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            for connection in self._connections:
                _shut(connection)

    def start(self) -> None:
        """Start counting."""
        self._timer.start()

    def stop(self) -> None:
        """The request is over: never fire from now on."""
        with self._lock:
            self._done = True
            self._connections = []
        self._timer.cancel()


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is not None:
        # The socket may be closing on the worker thread at the same moment.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def watching(seconds: float) -> Iterator[Watch]:
    """Watch the requests this thread makes through a :class:`DeadlineAdapter` for
    ``seconds``; the watch's ``fired`` says whether the deadline cut them."""
    watch = Watch(seconds)
    previous = getattr(_current, "watch", None)
    _current.watch = watch
    watch.start()
    try:
        yield watch
    finally:
        watch.stop()
        _current.watch = previous


def _attach(connection: Any) -> None:
    watch: Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(connection)


class _Watched:
    """Mixed into a connection pool class: each connection it hands out is attached to the
    current thread's watch."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        _attach(connection)
        return connection


_watched_classes: dict[type, type] = {}


def _watched(pools: dict[str, type]) -> dict[str, type]:
    """``pools`` (scheme -> pool class, SOCKS pools included) with watched subclasses."""
    out = {}
    for scheme, cls in pools.items():
        if not issubclass(cls, _Watched):
            if cls not in _watched_classes:
                _watched_classes[cls] = type(f"Watched{cls.__name__}", (_Watched, cls), {})
            cls = _watched_classes[cls]
        out[scheme] = cls
    return out


class DeadlineAdapter(HTTPAdapter):
    """``requests`` adapter whose connections (direct or through a proxy) are watched by the
    current thread's :class:`Watch`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        manager = self.poolmanager
        manager.pool_classes_by_scheme = _watched(manager.pool_classes_by_scheme)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _watched(manager.pool_classes_by_scheme)
        return manager
