"""The watcher against a real sandbox over HTTP: a new row added to the sandbox -> one alert;
the next check -> none; a restart (new objects on the same record file) -> none; a check
sends one request per log (plus the balance and the time zone); many new rows -> one
summary; a gateway that does not answer -> no alert, and the wait doubles.

The sandbox's "today" is fixed and the services use the same clock; checks are driven with
``poll()`` (no timer, no sleeping).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.fresh_sandbox import until
from tests.helpers.history_session import HISTORY_DAY, dead_urls, make_session
from traitel_desktop.core.alerts import AlertConfig, AlertKind
from traitel_desktop.services.changes import forget_record
from traitel_desktop.services.history import HistoryService
from traitel_desktop.services.watcher import Watcher

TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
NOW = dt.datetime(2026, 5, 20, 2, 0, tzinfo=dt.UTC)  # noon in Sydney
ROW_ALERTS = frozenset({AlertKind.NEW_TEXT, AlertKind.NEW_FAX, AlertKind.MISSED_CALL})


@pytest.fixture
def session(sb: Any, tmp_path: Path, run: Callable[..., Any]) -> Iterator[Any]:
    sess = make_session((sb.primary_url, sb.alternate_url), tmp_path / "data", run)
    run(sess.refresh_time_zone())
    yield sess
    forget_record(sess)
    sess.close()


def make_watcher(session: Any, sb: Any, **options: Any) -> tuple[Watcher, HistoryService]:
    history = HistoryService(session, today=sb.today_for)
    options.setdefault("config", lambda: AlertConfig(enabled=ROW_ALERTS))
    return Watcher(session, history, now=lambda: NOW, **options), history


def add_text(sb: Any, ident: int, text: str, hour: int = 11) -> None:
    ts = int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, hour,
                         tzinfo=ZoneInfo("Australia/Sydney")).timestamp())
    with sb.db.transaction() as conn:
        conn.execute("INSERT INTO log_smsin VALUES (?, 1, ?, 0, '61400111222', '61290002222',"
                     " 'text', ?)", (ident, ts, text))


def test_a_new_row_raises_one_alert_and_the_next_check_none(
    session: Any, sb: Any, run: Callable[..., Any],
) -> None:
    watcher, history = make_watcher(session, sb)
    try:
        assert run(watcher.poll(), 60) == []  # the first check only takes note
        raised: list[Any] = []
        changed: list[bool] = []
        watcher.alert_raised.connect(raised.append)
        watcher.alerts_changed.connect(lambda: changed.append(True))
        add_text(sb, 9_000_001, "Is the office open on Saturday?")
        before = sb.request_count["total"]
        found = run(watcher.poll(), 60)
        # the balance, the time zone, and one request per log: nothing twice
        assert sb.request_count["total"] - before == 2 + 6
        assert [a.key for a in found] == ["new_text:logsmsin:9000001"]
        assert "Is the office open on Saturday?" in found[0].text
        assert raised == found and changed == [True]
        assert 9_000_001 in {r[0] for r in history.rows("logsmsin", TODAY, TODAY)}
        assert run(watcher.poll(), 60) == []
        assert [a.key for a in watcher.alerts()] == ["new_text:logsmsin:9000001"]
        assert watcher.unread_count() == 1 and watcher.status == "Watching"
    finally:
        history.close()


def test_a_restart_repeats_no_alert(session: Any, sb: Any, run: Callable[..., Any]) -> None:
    watcher, history = make_watcher(session, sb)
    run(watcher.poll(), 60)
    add_text(sb, 9_000_001, "hello")
    assert len(run(watcher.poll(), 60)) == 1
    history.close()
    forget_record(session)  # the record file is opened again, as by a new process
    again, history = make_watcher(session, sb)
    try:
        assert run(again.poll(), 60) == []
        assert [a.key for a in again.alerts()] == ["new_text:logsmsin:9000001"]
    finally:
        history.close()


def test_many_new_rows_make_one_summary(session: Any, sb: Any, run: Callable[..., Any]) -> None:
    watcher, history = make_watcher(session, sb)
    try:
        run(watcher.poll(), 60)
        for i in range(30):
            add_text(sb, 9_000_100 + i, f"message {i}", hour=1 + i % 10)
        found = run(watcher.poll(), 60)
        assert [a.kind for a in found] == [AlertKind.SUMMARY]
        assert "30 new texts" in found[0].text
        assert run(watcher.poll(), 60) == []
    finally:
        history.close()


def test_an_unreachable_gateway_raises_nothing_and_backs_off(
    sb: Any, tmp_path: Path, run: Callable[..., Any],
) -> None:
    dead = make_session(dead_urls(), tmp_path / "dead", run)
    watcher, history = make_watcher(dead, sb, interval_minutes=2)
    statuses: list[str] = []
    watcher.status_changed.connect(statuses.append)
    try:
        assert run(watcher.poll(), 120) == []
        assert run(watcher.poll(), 120) == []
        assert statuses == ["Not reachable, retrying in 2 min",
                            "Not reachable, retrying in 4 min"]
        assert watcher.alerts() == []
        watcher.pause()
        assert watcher.status == "Paused"
    finally:
        history.close()
        forget_record(dead)
        dead.close()


def test_closing_during_a_check_schedules_nothing_after_it(
    session: Any, sb: Any, run: Callable[..., Any]
) -> None:
    """The cancelled check's end used to start the timer again, so a closed watcher kept
    checking (and a test left a running timer behind)."""
    watcher, history = make_watcher(session, sb)
    try:
        watcher.start()  # a check starts at once (a zero-time timer)
        run(until(lambda: watcher._task is not None))
        task = watcher._task
        watcher.close()
        assert task is not None
        run(asyncio.wait([task]))
        assert task.cancelled() or task.done()
        assert not watcher._timer.isActive()
    finally:
        history.close()
