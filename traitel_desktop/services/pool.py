"""A bounded pool of worker threads, each with its own API client (and so its own HTTP session).

The pool is Qt-free: it only knows how to run ``fn(client)`` in a worker thread. The Qt side
(:class:`traitel_desktop.services.session.Session`) awaits it through ``loop.run_in_executor``.

A stuck gateway never takes the pool: every request a client makes has a total deadline
(:mod:`traitel_desktop.api.bounded`; 60 s, 120 s for the logs), held by a watchdog that shuts
the connection at that time even when the gateway drips its answer a byte at a time
(:mod:`traitel_desktop.api.watchdog`), so each call returns (or raises ``AnswerTooSlow`` /
``UnknownOutcome``) and gives its thread back by then. ``tests/services/test_pool.py`` runs
twice as many dripping calls as workers and a healthy call behind them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from traitel_desktop.runtime.responsiveness import tune_interpreter

T = TypeVar("T")

#: Builds one client; called once per worker thread.
ClientFactory = Callable[[], Any]


class ClientPool:
    """Runs calls in up to ``max_workers`` threads; each thread lazily builds its own client."""

    def __init__(self, factory: ClientFactory, *, max_workers: int = 4) -> None:
        tune_interpreter()  # workers must never starve the Qt thread (see responsiveness.py)
        self._factory = factory
        self._local = threading.local()
        self._clients: list[Any] = []
        self._lock = threading.Lock()
        self.executor = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="traitel-api"
        )

    def __repr__(self) -> str:
        return f"<ClientPool workers={self.executor._max_workers}>"

    def client(self) -> Any:
        """The calling worker thread's own client (built on first use)."""
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._factory()
            self._local.client = client
            with self._lock:
                self._clients.append(client)
        return client

    def run(self, fn: Callable[[Any], T]) -> tuple[T, Any]:
        """Run ``fn(client)`` in the current (worker) thread; return (result, last_gateway)."""
        client = self.client()
        try:
            result = fn(client)
        except BaseException as exc:
            # Attach the gateway that answered (if any) so the caller can still update state.
            exc.__dict__.setdefault("_traitel_gateway", getattr(client, "last_gateway", None))
            raise
        return result, getattr(client, "last_gateway", None)

    def shutdown(self) -> None:
        """Stop accepting calls; queued calls are cancelled, running ones finish on their own
        (every request has a total deadline, so they do not hang)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            close = getattr(client, "close", None)
            if callable(close):
                # Closing an HTTP session must never break sign-out.
                with contextlib.suppress(Exception):
                    close()
