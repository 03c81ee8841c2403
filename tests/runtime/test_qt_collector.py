"""Cyclic garbage collection runs on the Qt thread, and waits for bulk jobs to finish."""

from __future__ import annotations

import gc
import threading
from typing import Any

from traitel_desktop.runtime.qt_collector import QtThreadCollector
from traitel_desktop.runtime.responsiveness import bulk_job


class Cycle:
    def __init__(self) -> None:
        self.me = self


def _make_garbage(n: int) -> None:
    for _ in range(n):
        Cycle()


def test_collection_runs_on_the_qt_thread_only(qtbot: Any) -> None:
    threads: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.current_thread().name)

    automatic = gc.isenabled()
    collector = QtThreadCollector(interval_ms=10)  # the conftest one runs as well
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=_make_garbage, args=(50_000,), name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(threads), timeout=2000)
    finally:
        gc.callbacks.remove(note)
        collector.uninstall()
    assert set(threads) == {threading.main_thread().name}
    assert gc.isenabled() == automatic  # given back as it was


def test_collections_wait_for_bulk_jobs(qtbot: Any) -> None:
    collector = QtThreadCollector(interval_ms=100_000)  # driven by hand
    try:
        gc.collect()
        with bulk_job():
            generations = set()
            for _ in range(100):
                _make_garbage(2_000)
                generations.add(collector.check())
            assert generations == {None}
            assert gc.get_count()[0] > 100_000  # the garbage waits
            collector.BULK_CEILING = 300_000
            _make_garbage(300_000)
            assert collector.check() == 0  # but not past the ceiling
            assert gc.get_count()[0] < 1_000
        # After the job every generation is collected again once due.
        seen = set()
        for _ in range(200):
            _make_garbage(2_000)
            seen.add(collector.check())
        assert 2 in seen
    finally:
        collector.uninstall()
