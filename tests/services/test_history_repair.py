"""A damaged history archive: found (whole-file check in a worker thread), moved aside with
the date in its name, replaced by an empty one and fetched again from a real sandbox over
HTTP; the views are told in plain words and never get a bare ``sqlite3`` error."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.damage import DAMAGES, damage_file
from tests.helpers.history_session import HISTORY_DAY
from traitel_desktop.store.archive import Archive

TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
WEEK = (TODAY - dt.timedelta(days=6), TODAY)
LOG = "logvoicein"


@pytest.fixture
def run(qloop: asyncio.AbstractEventLoop) -> Callable[..., Any]:
    def _run(coro: Any, timeout: float = 30.0) -> Any:
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    return _run


@pytest.fixture
def session(sb: Any, tmp_path: Path, run: Callable[..., Any]) -> Iterator[Any]:
    from traitel_desktop.services import Session

    sess = Session("demo", "demo", (sb.primary_url, sb.alternate_url),
                   data_dir=tmp_path / "data", connect_timeout=1.0, read_timeout=10.0)
    run(sess.refresh_time_zone())
    yield sess
    sess.close()


def service_for(session: Any, sb: Any) -> Any:
    from traitel_desktop.services.history import HistoryService

    return HistoryService(session, today=sb.today_for)


def archived_week(session: Any, sb: Any, run: Callable[..., Any]) -> list[tuple[Any, ...]]:
    """Sync a week of ``LOG`` into the session's archive, close it, and return its rows."""
    service = service_for(session, sb)
    try:
        run(service.ensure([LOG], *WEEK))
        rows = service.rows(LOG, *WEEK)
    finally:
        service.close()
    assert rows
    return rows


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_archive_is_moved_aside_told_and_fetched_again(
    session: Any, sb: Any, run: Callable[..., Any], how: str
) -> None:
    from traitel_desktop.services.history import DONE

    rows = archived_week(session, sb, run)
    path = session.data_dir / Archive.FILE_NAME
    damage_file(path, how)
    damaged = path.read_bytes()
    before = dt.date.today()
    service = service_for(session, sb)
    told: list[Any] = []
    service.repaired.connect(told.append)
    try:
        shown = run(service.load_columns(LOG, *WEEK))  # a view's first read: never raises
        result = run(service.ensure([LOG], *WEEK))
        after = dt.date.today()
        assert result.state == DONE
        assert service.rows(LOG, *WEEK) == rows
        assert run(service.load_rows(LOG, *WEEK)) == rows
    finally:
        service.close()
    assert len(shown[0]) in (0, len(rows))  # the old rows, or none once moved aside
    (moved,) = session.data_dir.glob("history.damaged-*.sqlite3")
    stamp = re.search(r"damaged-(\d{4}-\d{2}-\d{2})-", moved.name)
    assert stamp is not None and stamp.group(1) in (before.isoformat(), after.isoformat())
    assert moved.read_bytes() == damaged
    (notice,) = told
    assert notice.explanation.startswith(
        "Your saved activity history was damaged and could not be read.")
    assert moved.name in notice.explanation
    assert notice.explanation.endswith("is being downloaded again from TraiTel.")


def test_a_healthy_archive_is_checked_once_and_kept(
    session: Any, sb: Any, run: Callable[..., Any]
) -> None:
    rows = archived_week(session, sb, run)
    service = service_for(session, sb)
    told: list[Any] = []
    service.repaired.connect(told.append)
    try:
        before = sb.request_count["total"]
        run(service.ensure([LOG], *WEEK))
        run(service.ensure([LOG], *WEEK))
        assert service.rows(LOG, *WEEK) == rows
        assert sb.request_count["total"] - before <= 6  # today and yesterday, twice
    finally:
        service.close()
    assert told == []
    assert list(session.data_dir.glob("*damaged*")) == []


def test_reads_on_the_qt_thread_give_nothing_rather_than_fail_until_the_repair(
    session: Any, sb: Any, run: Callable[..., Any]
) -> None:
    archived_week(session, sb, run)
    damage_file(session.data_dir / Archive.FILE_NAME, "garbage in the middle")
    service = service_for(session, sb)
    told: list[Any] = []
    service.repaired.connect(told.append)
    try:
        service.totals_by_day(*WEEK)  # may meet the damage: no exception either way
        service.rows(LOG, *WEEK)
        run(service.ensure([LOG], *WEEK))
        assert len(told) == 1
        assert service.totals_by_day(*WEEK, logs=[LOG])
    finally:
        service.close()
