"""HistoryService through a flaky gateway, on the app's qasync loop: a sync whose chunks fail
now and then ends DONE (not offline) with the missing days named, and Cancel ends a backoff
wait at once while the Qt thread goes on serving its timers.

A :class:`FlakyGateway` on loopback passes requests on to a real demo sandbox and fails the
ones each test chooses; the archive is real SQLite in ``tmp_path``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from tests.helpers.fake_gateway import Recorded
from tests.helpers.flaky_gateway import DROP, FlakyGateway, log_range
from traitel_desktop.core.history_sync import RetryPolicy
from traitel_desktop.services import Session
from traitel_desktop.services.history import CANCELLED, DONE, HistoryService

LOG = "logsmsout"


@pytest.fixture
def flaky(sandbox: Any) -> Iterator[FlakyGateway]:
    gateway = FlakyGateway(sandbox)
    try:
        yield gateway
    finally:
        gateway.close()


@pytest.fixture
def history(flaky: FlakyGateway, tmp_path: Path, run: Callable[..., Any]
            ) -> Iterator[HistoryService]:
    session = Session("demo", "demo", flaky.urls, data_dir=tmp_path / "data",
                      connect_timeout=2.0, read_timeout=10.0)
    run(session.refresh_time_zone())
    service = HistoryService(session)
    try:
        yield service
    finally:
        service.close()
        session.close()


def drop_the_oldest_month(history: HistoryService, days: int) -> tuple[str, str, str]:
    """A rule for requests of the range's oldest day; returns that request's range."""
    first = history.today() - dt.timedelta(days=days - 1)
    last = min((first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
               - dt.timedelta(days=1), history.today())
    return (LOG, first.isoformat(), last.isoformat())


def test_a_flaky_month_ends_done_with_its_days_named(
    history: HistoryService, flaky: FlakyGateway, run: Callable[..., Any],
) -> None:
    history.sync_engine.retry = RetryPolicy(attempts=3, base=0.01)
    oldest = drop_the_oldest_month(history, 90)
    flaky.fail = lambda r: DROP if log_range(r) == oldest else None
    states: list[bool] = []
    history.offline_changed.connect(states.append)
    today = history.today()
    result = run(history.ensure([LOG], today - dt.timedelta(days=89), today), timeout=30.0)
    assert result.state == DONE and result.report is not None
    assert not history.offline and states == []
    first, last = (dt.date.fromisoformat(d) for d in oldest[1:])
    assert result.report.missing_days == (last - first).days + 1
    assert flaky.tries(*oldest) == 3
    assert history.missing_days([LOG], first, last) == result.report.missing_days


def test_cancel_ends_a_backoff_wait_at_once_and_the_qt_thread_stays_free(
    history: HistoryService, flaky: FlakyGateway, run: Callable[..., Any],
) -> None:
    history.sync_engine.retry = RetryPolicy(attempts=3, base=600.0, cap=600.0)
    history.sync_engine.parallel = 1
    oldest = drop_the_oldest_month(history, 60)
    waiting = threading.Event()

    def rule(request: Recorded) -> str | None:
        if log_range(request) != oldest:
            return None
        waiting.set()  # the sync now waits 600 s or more before trying again
        return DROP

    flaky.fail = rule
    beats: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: beats.append(threading.get_ident()) if waiting.is_set()
                          else None)

    async def scenario() -> Any:
        today = history.today()
        task = asyncio.ensure_future(history.ensure([LOG], today - dt.timedelta(days=59), today))
        timer.start()
        try:
            while len(beats) < 3:  # the Qt thread serves its timer during the wait
                assert not task.done()
                await asyncio.sleep(0.01)
            history.cancel()
            return await task
        finally:
            timer.stop()

    result = run(scenario(), timeout=60.0)  # far less than one 600 s wait
    assert result.state == CANCELLED and not history.syncing
    assert beats == [threading.get_ident()] * len(beats)
    assert flaky.tries(*oldest) == 1


def test_the_header_stays_online_while_a_sync_retries_and_goes_offline_when_it_gives_up(
    history: HistoryService, flaky: FlakyGateway, run: Callable[..., Any],
) -> None:
    """Each dropped try used to mark the session offline and the next answer online again,
    so the header flickered through a flaky gateway; only the sync's verdict counts now."""
    history.sync_engine.retry = RetryPolicy(attempts=3, base=0.01)
    tries: dict[tuple[str, str, str], int] = {}

    def first_try_dropped(request: Recorded) -> str | None:
        key = log_range(request)
        tries[key] = tries.get(key, 0) + 1
        return DROP if key[0] == LOG and tries[key] == 1 else None

    flaky.fail = first_try_dropped
    online: list[bool] = []
    history.session.connection_changed.connect(online.append)
    today = history.today()
    result = run(history.ensure([LOG], today - dt.timedelta(days=89), today), timeout=30.0)
    assert result.state == DONE and result.report is not None
    assert result.report.missing_days == 0
    assert any(count > 1 for count in tries.values())  # some tries were dropped
    assert False not in online

    flaky.fail = lambda request: DROP
    run(history.ensure([LOG], today - dt.timedelta(days=400), today), timeout=30.0)
    assert history.offline
    assert online[-1] is False and history.session.online is False
