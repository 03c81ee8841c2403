"""Helpers shared by the benchmark scripts (run them from the repository root: bench/ is on
the path when a script in it runs)."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from typing import Any, TypeVar

from traitel_desktop.api import TraiTelClient
from traitel_desktop.services.pool import ClientPool

T = TypeVar("T")


def median_time(action: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of ``runs`` calls, and the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


class Caller:
    """``await caller(fn)``: ``fn(client)`` in a pool of real clients (like ``Session.call``)."""

    def __init__(self, sb: Any) -> None:
        def factory() -> TraiTelClient:
            return TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url),
                                 read_timeout=120.0, verify=False)

        self.pool = ClientPool(factory, max_workers=4)

    async def __call__(self, fn: Callable[[Any], T], /) -> T:
        loop = asyncio.get_running_loop()
        result, _ = await loop.run_in_executor(self.pool.executor, self.pool.run, fn)
        return result

    def close(self) -> None:
        self.pool.executor.shutdown(wait=True)
        self.pool.shutdown()
