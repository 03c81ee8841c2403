"""HistorySync against the real sandbox over HTTP, into a real SQLite archive.

Every test fixes the sandbox's "today" and gives the engine the same clock
(``today=sb.today_for``). Calls run through real ``TraiTelClient``s in worker threads (the
``Api`` adapter has the shape of ``Session.call``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import Api
from tests.helpers.history_session import HISTORY_DAY
from tests.helpers.log_rows import fetch_rows
from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.core.history_sync import HistorySync, RetryPolicy, month_chunks
from traitel_desktop.store.archive import Archive

D = dt.date
TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
LOG = "logsmsout"


@pytest.fixture
def api(sb: Any) -> Iterator[Api]:
    adapter = Api(sb)
    try:
        yield adapter
    finally:
        adapter.close()


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    opened = Archive.in_directory(tmp_path / "demo")
    yield opened
    opened.close()


#: Tries spaced by hundredths of a second: the tests never wait long.
QUICK = RetryPolicy(attempts=3, base=0.01)


def engine(api: Api, archive: Archive, sb: Any, **kwargs: Any) -> HistorySync:
    kwargs.setdefault("retry", QUICK)
    return HistorySync(api, archive, today=sb.today_for, **kwargs)


def direct(api: Api, log: str, start: D, end: D, sub_id: int | None = None) -> list[Any]:
    """The gateway's rows for the range in one request, typed as the archive keeps them."""
    return api.sync(lambda client: fetch_rows(client, log, start, end, sub_id))


def log_requests(api: Api) -> int:
    return sum(n for mode, n in api.counts.items() if mode.startswith("log"))


def test_month_chunks_cut_runs_at_month_ends() -> None:
    days = [D(2026, 1, 30), D(2026, 1, 31), D(2026, 2, 1), D(2026, 2, 3), D(2026, 2, 4)]
    assert [(c.first, c.last) for c in month_chunks(LOG, days)] == [
        (D(2026, 1, 30), D(2026, 1, 31)), (D(2026, 2, 1), D(2026, 2, 1)),
        (D(2026, 2, 3), D(2026, 2, 4))]
    assert month_chunks(LOG, []) == []


def test_overlapping_syncs_never_duplicate(api: Api, archive: Archive, sb: Any) -> None:
    sync = engine(api, archive, sb)
    first = asyncio.run(sync.sync([LOG], D(2026, 1, 1), D(2026, 3, 31)))
    assert first.needed_days == 90 and first.done_days == 90
    assert first.requests == 1 + 3  # the zone, then one request per month
    second = asyncio.run(sync.sync([LOG], D(2026, 2, 1), D(2026, 4, 30)))
    assert second.needed_days == 30  # only April was missing
    expected = direct(api, LOG, D(2026, 1, 1), D(2026, 4, 30))
    stored = archive.rows(LOG, D(2026, 1, 1), D(2026, 4, 30))
    assert len(expected) > 500
    assert stored == expected
    assert archive.row_count(LOG) == len(expected)


def test_a_sync_leaves_the_settled_months_ready_to_open(api: Api, archive: Archive,
                                                      sb: Any) -> None:
    asyncio.run(engine(api, archive, sb).sync([LOG], D(2026, 2, 15), TODAY))
    # March and April are whole and final; February is only half there, May not final.
    months = [m for (m,) in archive._conn.execute("SELECT month FROM column_cache")]
    assert sorted(months) == ["2026-03", "2026-04"]
    span = (D(2026, 3, 1), D(2026, 4, 30))
    assert list(zip(*archive.columns(LOG, *span), strict=True)) == direct(api, LOG, *span)


def test_a_repeated_sync_asks_nothing_for_final_days(api: Api, archive: Archive,
                                                     sb: Any) -> None:
    sync = engine(api, archive, sb)
    asyncio.run(sync.sync(LOG_NAMES, D(2026, 2, 1), D(2026, 3, 31)))
    before = sb.request_count["total"]
    logs_before = log_requests(api)
    report = asyncio.run(sync.sync(LOG_NAMES, D(2026, 2, 1), D(2026, 3, 31)))
    assert report.needed_days == 0 and report.requests == 1
    assert log_requests(api) == logs_before
    assert sb.request_count["total"] - before == 1  # querytimezone only


def insert_sms(sb: Any, ident: int, day: D, hour: int) -> None:
    """A new logsmsout row for the demo account, at ``hour`` o'clock Sydney time."""
    from zoneinfo import ZoneInfo

    ts = int(dt.datetime(day.year, day.month, day.day, hour,
                         tzinfo=ZoneInfo("Australia/Sydney")).timestamp())
    with sb.db.transaction() as conn:
        conn.execute("INSERT INTO log_smsout VALUES (?, 1, ?, 0, '61400000001',"
                     " '61400000002', 1, '', 55000)", (ident, ts))


def test_today_and_yesterday_are_fetched_again(api: Api, archive: Archive, sb: Any) -> None:
    sync = engine(api, archive, sb)
    asyncio.run(sync.sync([LOG], D(2026, 5, 1), TODAY))
    insert_sms(sb, 9_000_001, TODAY, 11)
    insert_sms(sb, 9_000_002, TODAY - dt.timedelta(days=1), 11)
    insert_sms(sb, 9_000_003, TODAY - dt.timedelta(days=2), 11)  # final: never asked again
    logs_before = log_requests(api)
    report = asyncio.run(sync.sync([LOG], D(2026, 5, 1), TODAY))
    assert report.needed_days == 2
    assert log_requests(api) - logs_before == 1  # one chunk: yesterday and today
    ids = {r[0] for r in archive.rows(LOG, D(2026, 5, 1), TODAY)}
    assert {9_000_001, 9_000_002} <= ids
    assert 9_000_003 not in ids


def test_full_answers_are_split_until_they_fit(api: Api, archive: Archive, sb: Any) -> None:
    sync = engine(api, archive, sb, limit=50)
    seen: list[tuple[int, int]] = []
    report = asyncio.run(sync.sync([LOG], D(2026, 3, 1), D(2026, 4, 30),
                                   progress=lambda done, need: seen.append((done, need))))
    assert report.splits > 0 and report.truncated == []
    assert report.requests > 1 + 2 + report.splits
    assert archive.rows(LOG, D(2026, 3, 1), D(2026, 4, 30)) == direct(
        api, LOG, D(2026, 3, 1), D(2026, 4, 30))
    assert seen[0] == (0, 61) and seen[-1] == (61, 61)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_day_over_the_limit_is_kept_but_not_complete(api: Api, archive: Archive,
                                                       sb: Any) -> None:
    day = D(2026, 3, 10)  # a Tuesday: far more than 3 messages
    report = asyncio.run(engine(api, archive, sb, limit=3).sync([LOG], day, day))
    assert report.truncated == [(LOG, day)]
    assert len(archive.rows(LOG, day, day)) == 3
    assert archive.missing_days(LOG, day, day, TODAY) == [day]
    again = asyncio.run(engine(api, archive, sb).sync([LOG], day, day))
    assert again.truncated == [] and archive.missing_days(LOG, day, day, TODAY) == []
    assert archive.rows(LOG, day, day) == direct(api, LOG, day, day)


def test_a_time_zone_change_refetches_the_boundary_days(api: Api, archive: Archive,
                                                        sb: Any) -> None:
    sync = engine(api, archive, sb)
    start, end = D(2026, 1, 1), D(2026, 3, 31)
    asyncio.run(sync.sync(LOG_NAMES, start, end))
    api.sync(lambda c: c.set_time_zone("America/New_York"))
    logs_before = log_requests(api)
    report = asyncio.run(sync.sync(LOG_NAMES, start, end))
    assert report.zone == "America/New_York" and archive.zone == "America/New_York"
    assert report.zone_change[LOG] == [D(2026, 1, 1), D(2026, 1, 2), D(2026, 3, 30),
                                       D(2026, 3, 31)]
    assert report.needed_days == 4 * len(LOG_NAMES)
    assert log_requests(api) - logs_before == 2 * len(LOG_NAMES)
    for log in LOG_NAMES:
        stored = archive.rows(log, start, end)
        assert stored, log
        assert stored == direct(api, log, start, end), log


def test_cancel_keeps_the_chunks_already_stored(api: Api, archive: Archive, sb: Any) -> None:
    sb.faults.latency = 0.3
    sync = engine(api, archive, sb, parallel=1)

    async def scenario() -> None:
        task: asyncio.Task[Any] | None = None

        def progress(done: int, needed: int) -> None:
            if done and task is not None:
                task.cancel()

        task = asyncio.create_task(sync.sync([LOG], D(2026, 1, 1), D(2026, 4, 30), progress))
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    sb.faults.latency = 0.0
    april = [D(2026, 4, 1) + dt.timedelta(days=i) for i in range(30)]
    missing = archive.missing_days(LOG, D(2026, 1, 1), D(2026, 4, 30), TODAY)
    assert missing == [D(2026, 1, 1) + dt.timedelta(days=i) for i in range(90)]
    assert archive.rows(LOG, D(2026, 1, 1), D(2026, 3, 31)) == []
    assert archive.rows(LOG, april[0], april[-1]) == direct(api, LOG, april[0], april[-1])
    resumed = asyncio.run(sync.sync([LOG], D(2026, 1, 1), D(2026, 4, 30)))
    assert resumed.needed_days == 90


def test_offline_shows_the_archive_with_the_last_sync(api: Api, archive: Archive,
                                                      sb: Any) -> None:
    from traitel_desktop.core.history_sync import Offline

    sync = engine(api, archive, sb)
    asyncio.run(sync.sync([LOG], D(2026, 4, 1), D(2026, 4, 30)))
    stored = archive.rows(LOG, D(2026, 4, 1), D(2026, 4, 30))
    last = archive.last_sync(LOG)
    assert stored and last is not None
    sb.stop()
    with pytest.raises(Offline) as caught:
        asyncio.run(sync.sync([LOG], D(2026, 4, 1), TODAY))
    assert caught.value.last_sync == last
    assert "last sync" in str(caught.value) and caught.value.explanation
    assert archive.rows(LOG, D(2026, 4, 1), D(2026, 4, 30)) == stored
    assert archive.last_sync(LOG) == last


def test_totals_by_day_match_the_api_rows_to_the_cent(api: Api, archive: Archive,
                                                      sb: Any) -> None:
    from decimal import Decimal

    start, end = D(2026, 2, 1), D(2026, 3, 31)
    asyncio.run(engine(api, archive, sb).sync(LOG_NAMES, start, end))
    fetchers = {
        "logfaxin": lambda c: c.log_fax_in(start, end),
        "logfaxout": lambda c: c.log_fax_out(start, end),
        "logvoicein": lambda c: c.log_voice_in(start, end),
        "logvoiceout": lambda c: c.log_voice_out(start, end),
        "logsmsin": lambda c: c.log_sms_in(start, end),
        "logsmsout": lambda c: c.log_sms_out(start, end),
    }
    expected: dict[tuple[str, D, int], tuple[int, Decimal]] = {}
    for log, fetch in fetchers.items():
        for record in api.sync(fetch):
            key = (log, record.date, record.sub_id)
            count, cost = expected.get(key, (0, Decimal(0)))
            expected[key] = (count + 1, cost + getattr(record, "cost", Decimal(0)))
    totals = archive.totals_by_day(start, end)
    got = {(t.log, t.day, t.sub_id): (t.records, t.cost) for t in totals}
    assert got == expected
    assert sum(c for _, c in got.values()) > Decimal(10)
    sub = next(k[2] for k in expected if k[2])
    assert {(t.log, t.day, t.sub_id) for t in archive.totals_by_day(start, end, sub)} == {
        k for k in expected if k[2] == sub}


def test_rows_filter_by_sub_account_like_the_api(api: Api, archive: Archive, sb: Any) -> None:
    asyncio.run(engine(api, archive, sb).sync([LOG], D(2026, 4, 1), D(2026, 4, 30)))
    subs = {r[1] for r in archive.rows(LOG, D(2026, 4, 1), D(2026, 4, 30))}
    assert len(subs) > 2
    for sub in subs:
        assert archive.rows(LOG, D(2026, 4, 1), D(2026, 4, 30), sub) == direct(
            api, LOG, D(2026, 4, 1), D(2026, 4, 30), sub)


def test_the_engine_loads_no_qt() -> None:
    code = ("import sys, traitel_desktop.core.history_sync;"
            "bad = [m for m in ('PySide6', 'qasync') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True,
                   cwd=Path(__file__).resolve().parents[2])


def test_losing_the_gateways_mid_sync_keeps_what_arrived(api: Api, archive: Archive,
                                                         sb: Any) -> None:
    from traitel_desktop.core.history_sync import Offline

    sync = engine(api, archive, sb, parallel=1)

    def progress(done: int, needed: int) -> None:
        if done:
            sb.stop()  # both gateways gone after the first chunk

    with pytest.raises(Offline) as caught:
        asyncio.run(sync.sync([LOG], D(2026, 2, 1), D(2026, 4, 30), progress))
    assert caught.value.stored_days == 30
    assert caught.value.last_sync == archive.last_sync(LOG) is not None
    assert archive.missing_days(LOG, D(2026, 2, 1), D(2026, 4, 30), TODAY) == [
        D(2026, 2, 1) + dt.timedelta(days=i) for i in range(59)]
    assert len(archive.rows(LOG, D(2026, 4, 1), D(2026, 4, 30))) > 100


def test_a_clock_ahead_of_the_gateway_leaves_tomorrow_for_later(api: Api, archive: Archive,
                                                                 sb: Any) -> None:
    ahead = TODAY + dt.timedelta(days=1)  # our midnight came first; the gateway's is later
    sync = HistorySync(api, archive, today=lambda zone: ahead)
    seen: list[tuple[int, int]] = []
    report = asyncio.run(sync.sync([LOG], D(2026, 5, 1), None,
                                   lambda done, need: seen.append((done, need))))
    assert report.needed_days == report.done_days == 20 and seen[-1] == (20, 20)
    assert archive.missing_days(LOG, D(2026, 5, 1), ahead, ahead) == [TODAY, ahead]
    assert archive.rows(LOG, D(2026, 5, 1), ahead) == direct(api, LOG, D(2026, 5, 1), TODAY)


def test_a_day_marked_by_hand_is_fetched_again(api: Api, archive: Archive, sb: Any) -> None:
    sync = engine(api, archive, sb)
    asyncio.run(sync.sync([LOG], D(2026, 3, 1), D(2026, 3, 31)))
    assert archive.invalidate(LOG, [D(2026, 3, 3), D(2026, 3, 4), D(2026, 4, 9)]) == 2
    again = asyncio.run(sync.sync([LOG], D(2026, 3, 1), D(2026, 3, 31)))
    assert again.needed_days == 2 and again.requests == 2
