"""The asyncio adapter the DID purchase tests drive the wizard with.

``Api`` has the shape of ``Session.call`` and runs each call in the production
:class:`ClientPool` (worker threads, one real ``TraiTelClient`` each, real HTTP). The clients
count the requests they make per mode, so a test can tell how often a change was sent.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from traitel_desktop.api import TraiTelClient
from traitel_desktop.services.pool import ClientPool

T = TypeVar("T")


class CountingClient(TraiTelClient):
    """A real client that also counts the requests it sends, per mode (thread-safe)."""

    counts: Counter[str]
    lock: threading.Lock

    def request(self, mode: str, **params: Any) -> Any:  # type: ignore[override]
        with self.lock:
            self.counts[mode] += 1
        return super().request(mode, **params)


class Api:
    """``await api(lambda c: c.query_balance())``: the shape of ``Session.call``."""

    def __init__(self, sandbox: Any, *, read_timeout: float = 10.0) -> None:
        self.counts: Counter[str] = Counter()
        lock = threading.Lock()
        counts = self.counts

        def factory() -> CountingClient:
            client = CountingClient(
                "demo",
                "demo",
                gateways=(sandbox.primary_url, sandbox.alternate_url),
                connect_timeout=2.0,
                read_timeout=read_timeout,
                verify=False,
            )
            client.counts = counts
            client.lock = lock
            return client

        self.pool = ClientPool(factory, max_workers=4)

    async def __call__(self, fn: Callable[[TraiTelClient], T], /) -> T:
        loop = asyncio.get_running_loop()
        result, _gateway = await loop.run_in_executor(self.pool.executor, self.pool.run, fn)
        return result

    def sync(self, fn: Callable[[TraiTelClient], T]) -> T:
        """Run one call from the test itself (outside the wizard's loop)."""
        return asyncio.run(self(fn))

    def close(self) -> None:
        """Close the clients (their HTTP sessions)."""
        self.pool.executor.shutdown(wait=True)
        self.pool.shutdown()
