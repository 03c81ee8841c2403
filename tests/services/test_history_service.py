"""HistoryService (the Qt side of the history archive) against a real sandbox over HTTP.

Each test runs a qasync loop and a real ``Session`` whose archive lives in ``tmp_path``; the
sandbox's "today" is fixed and the service uses the same clock.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.helpers.history_session import HISTORY_DAY, dead_urls, make_session

T = TypeVar("T")
TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
WEEK = (TODAY - dt.timedelta(days=6), TODAY)


@pytest.fixture
def run(qloop: asyncio.AbstractEventLoop) -> Callable[..., Any]:
    def _run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    return _run


@pytest.fixture
def session(sb: Any, tmp_path: Path, run: Callable[..., Any]) -> Iterator[Any]:
    sess = make_session((sb.primary_url, sb.alternate_url), tmp_path / "data", run)
    run(sess.refresh_time_zone())
    yield sess
    sess.close()


@pytest.fixture
def service(session: Any, sb: Any) -> Iterator[Any]:
    from traitel_desktop.services.history import HistoryService

    svc = HistoryService(session, today=sb.today_for)
    yield svc
    svc.close()


def test_ensure_syncs_with_progress_then_reads_without_network(
    service: Any, sb: Any, run: Callable[..., Any]
) -> None:
    from traitel_desktop.services.history import DONE

    seen: list[tuple[int, int]] = []
    finished: list[Any] = []
    changed: list[bool] = []
    service.progress.connect(lambda d, n: seen.append((d, n)))
    service.sync_finished.connect(finished.append)
    service.archive_changed.connect(lambda: changed.append(True))
    result = run(service.ensure(["logvoicein"], *WEEK))
    assert result.state == DONE
    assert seen[0] == (0, 7) and seen[-1] == (7, 7)
    assert finished == [result] and changed == [True]
    rows = service.rows("logvoicein", *WEEK)
    assert rows and all(WEEK[0].isoformat() <= r[2] <= TODAY.isoformat() for r in rows)
    assert run(service.load_rows("logvoicein", *WEEK)) == rows
    assert service.last_sync is not None and not service.offline
    # Only today and yesterday are fetched again; older days never.
    before = sb.request_count["total"]
    again = run(service.ensure(["logvoicein"], *WEEK))
    assert again.report is not None and again.report.needed_days == 2
    assert sb.request_count["total"] - before <= 3


def test_totals_by_day_sum_the_rows(service: Any, run: Callable[..., Any]) -> None:
    from traitel_desktop.contract.logs import to_money

    run(service.ensure(["logsmsout"], *WEEK))
    rows = service.rows("logsmsout", *WEEK)
    totals = service.totals_by_day(*WEEK, logs=["logsmsout"])
    assert sum(t.records for t in totals) == len(rows)
    assert sum(t.cost for t in totals) == to_money(sum(r[8] for r in rows))


def test_cancel_keeps_what_arrived(service: Any, sb: Any, run: Callable[..., Any]) -> None:
    from traitel_desktop.services.history import CANCELLED

    sb.faults.latency = 0.15
    service.sync_engine.parallel = 1

    async def go() -> Any:
        task = asyncio.ensure_future(service.ensure(["logsmsout"], TODAY - dt.timedelta(150),
                                                    TODAY))
        while service.done_days == 0:
            await asyncio.sleep(0.02)
        service.cancel()
        return await task

    try:
        result = run(go())
    finally:
        sb.faults.latency = 0.0
    assert result.state == CANCELLED
    assert not service.syncing
    stored = service.archive.day_states("logsmsout", TODAY - dt.timedelta(150), TODAY)
    assert 0 < len(stored) < 151
    missing = service.missing_days(["logsmsout"], TODAY - dt.timedelta(150), TODAY)
    assert missing == 151 - len(stored) + sum(1 for s in stored.values() if not s.final)


def test_offline_keeps_the_archive_and_says_when(
    service: Any, session: Any, tmp_path: Path, run: Callable[..., Any], sb: Any
) -> None:
    from traitel_desktop.services.history import OFFLINE, HistoryService

    run(service.ensure(["logfaxout"], *WEEK))
    rows = service.rows("logfaxout", *WEEK)
    synced = service.last_sync
    service.close()
    dead = make_session(dead_urls(), session.data_dir, run)
    try:
        offline = HistoryService(dead, today=sb.today_for)
        states: list[bool] = []
        offline.offline_changed.connect(states.append)
        result = run(offline.ensure(["logfaxout"], *WEEK))
        assert result.state == OFFLINE and result.last_sync == synced
        assert offline.offline and states == [True]
        assert offline.rows("logfaxout", *WEEK) == rows
        offline.close()
    finally:
        dead.close()


def test_one_service_per_session(session: Any) -> None:
    from traitel_desktop.services.history import HistoryService

    first = HistoryService.for_session(session)
    assert HistoryService.for_session(session) is first
    first.close()
    assert HistoryService.for_session(session) is not first
    HistoryService.for_session(session).close()


def test_time_zone_change_moves_the_archive(
    service: Any, session: Any, run: Callable[..., Any]
) -> None:
    run(service.ensure(["logvoiceout"], *WEEK))
    assert service.archive.zone == "Australia/Sydney"
    moved: list[bool] = []
    service.archive_changed.connect(lambda: moved.append(True))

    async def change() -> None:
        await session.set_time_zone("Europe/London")
        for _ in range(200):
            if moved:
                return
            await asyncio.sleep(0.02)

    run(change())
    assert moved and service.archive.zone == "Europe/London"
    assert service.zone == "Europe/London"


def test_load_columns_match_the_archive_rows(service: Any, run: Callable[..., Any]) -> None:
    start = TODAY - dt.timedelta(days=40)
    run(service.ensure(["logsmsin", "logfaxout"], start, TODAY))
    for log in ("logsmsin", "logfaxout"):
        rows = service.rows(log, start, TODAY)
        columns = run(service.load_columns(log, start, TODAY))
        assert rows and [tuple(r) for r in zip(*columns, strict=True)] == rows
        one = service.rows(log, start, TODAY, sub_id=0)
        assert [tuple(r) for r in zip(*run(service.load_columns(log, start, TODAY, 0)),
                                      strict=True)] == one
    assert run(service.load_columns("logsmsin", TODAY, TODAY - dt.timedelta(days=1))) == [
        [] for _ in range(8)
    ]


def test_a_zone_change_during_a_sync_never_stores_old_zone_dates(
    service: Any, session: Any, sb: Any, run: Callable[..., Any]
) -> None:
    from tests.helpers.log_rows import fetch_rows
    from traitel_desktop.api import TraiTelClient

    span = (TODAY - dt.timedelta(days=120), TODAY)
    sb.faults.latency = 0.15
    service.sync_engine.parallel = 1
    moved: list[bool] = []
    service.archive_changed.connect(lambda: moved.append(True))

    async def change_midway() -> Any:
        task = asyncio.ensure_future(service.ensure(["logsmsout"], *span))
        while service.done_days == 0:
            await asyncio.sleep(0.02)
        await session.set_time_zone("America/New_York")
        first = await task
        while not moved:
            await asyncio.sleep(0.02)
        sb.faults.latency = 0.0
        return first, await service.ensure(["logsmsout"], *span)

    try:
        first, second = run(change_midway(), timeout=60.0)
    finally:
        sb.faults.latency = 0.0
    assert first.state == "cancelled" and second.state == "done"
    assert service.archive.zone == "America/New_York"
    client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url))
    try:
        expected = fetch_rows(client, "logsmsout", *span)
    finally:
        client.close()
    assert len(expected) > 100
    assert service.rows("logsmsout", *span) == expected
