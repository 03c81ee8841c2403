"""The app's event loop takes callbacks from plain Python threads without calling Qt there."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from traitel_desktop.runtime.event_loop import AppEventLoop


def test_callbacks_from_many_threads_all_run_in_order(qloop: Any) -> None:
    assert isinstance(qloop, AppEventLoop)
    received: dict[int, list[int]] = {}
    calls_on: set[str] = set()

    def note(worker: int, n: int) -> None:
        calls_on.add(threading.current_thread().name)
        received.setdefault(worker, []).append(n)

    def worker(index: int) -> None:
        for n in range(300):
            qloop.call_soon_threadsafe(note, index, n)

    async def main() -> None:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            await asyncio.to_thread(thread.join)
        while sum(map(len, received.values())) < 12 * 300:
            await asyncio.sleep(0.01)

    qloop.run_until_complete(asyncio.wait_for(main(), 20))
    assert received == {i: list(range(300)) for i in range(12)}
    assert calls_on == {threading.main_thread().name}


def test_executor_results_come_back(qloop: Any) -> None:
    async def main() -> list[int]:
        return list(await asyncio.gather(*(asyncio.to_thread(pow, i, 2) for i in range(100))))

    assert qloop.run_until_complete(main()) == [i * i for i in range(100)]
