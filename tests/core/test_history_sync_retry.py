"""HistorySync through a flaky gateway: failed chunks are tried again a bounded number of times,
the ones that still fail are left for the next sync (which asks for them alone), bad requests
are not repeated, and "offline" means that nothing answers.

A :class:`FlakyGateway` on loopback passes requests on to a real demo sandbox and fails the
ones each test chooses; storage is a real SQLite archive in ``tmp_path``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import Api
from tests.helpers.fake_gateway import Recorded
from tests.helpers.flaky_gateway import DROP, FlakyGateway, log_range
from tests.helpers.history_session import HISTORY_DAY
from tests.helpers.log_rows import fetch_rows
from traitel_desktop.api.errors import ApiError
from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.core.history_sync import Chunk, HistorySync, Offline, RetryPolicy
from traitel_desktop.store.archive import Archive

D = dt.date
TODAY = HISTORY_DAY  # the day the `sb` sandbox is pinned to (tests/conftest.py)
LOG = "logsmsout"
JANUARY = (LOG, "2026-01-01", "2026-01-31")
JANUARY_SPAN = (D(2026, 1, 1), D(2026, 1, 31))
TRIES = 3
QUICK = RetryPolicy(attempts=TRIES, base=0.01)


@pytest.fixture
def flaky(sb: Any) -> Iterator[FlakyGateway]:
    gateway = FlakyGateway(sb)
    try:
        yield gateway
    finally:
        gateway.close()


@pytest.fixture
def api(flaky: FlakyGateway) -> Iterator[Api]:
    adapter = Api(flaky)
    try:
        yield adapter
    finally:
        adapter.close()


@pytest.fixture
def direct_api(sb: Any) -> Iterator[Api]:
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


def engine(api: Api, archive: Archive, sb: Any, **kwargs: Any) -> HistorySync:
    kwargs.setdefault("retry", QUICK)
    return HistorySync(api, archive, today=sb.today_for, **kwargs)


def days(first: D, last: D) -> list[D]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def direct(api: Api, start: D, end: D) -> list[Any]:
    return api.sync(lambda client: fetch_rows(client, LOG, start, end))


def first_n(n: int, which: tuple[str, str, str], answer: str) -> Any:
    """A rule that fails the first ``n`` requests for ``which`` with ``answer``."""
    seen = 0

    def rule(request: Recorded) -> str | None:
        nonlocal seen
        if log_range(request) != which:
            return None
        seen += 1
        return answer if seen <= n else None

    return rule


def always(which: tuple[str, str, str], answer: str) -> Any:
    return lambda request: answer if log_range(request) == which else None


ERROR_001 = "Error 001: Service Unavailable.\n"


@pytest.mark.parametrize("answer", [DROP, ERROR_001])
def test_a_chunk_that_fails_now_and_then_is_tried_again_and_kept(
        api: Api, direct_api: Api, archive: Archive, sb: Any, flaky: FlakyGateway,
        answer: str) -> None:
    flaky.fail = first_n(TRIES - 1, JANUARY, answer)
    report = asyncio.run(engine(api, archive, sb).sync([LOG], D(2026, 1, 1), D(2026, 4, 30)))
    assert report.missing == [] and report.missing_days == 0
    assert report.done_days == report.needed_days == 120
    assert report.retries == TRIES - 1
    assert flaky.tries(*JANUARY) == TRIES
    assert archive.missing_days(LOG, D(2026, 1, 1), D(2026, 4, 30), TODAY) == []
    span = (D(2026, 1, 1), D(2026, 4, 30))
    assert archive.rows(LOG, *span) == direct(direct_api, *span)


@pytest.mark.parametrize("answer", [DROP, ERROR_001])
@pytest.mark.parametrize("parallel", [1, 3])
def test_a_chunk_that_keeps_failing_is_left_for_the_next_sync(
        api: Api, direct_api: Api, archive: Archive, sb: Any, flaky: FlakyGateway,
        answer: str, parallel: int) -> None:
    # January is the oldest chunk, so it is tried last: with one request at a time nothing
    # else answers during its tries, and the sync must still tell it from being offline.
    flaky.fail = always(JANUARY, answer)
    sync = engine(api, archive, sb, parallel=parallel)
    report = asyncio.run(sync.sync([LOG], D(2026, 1, 1), D(2026, 4, 30)))
    assert report.missing == [Chunk(LOG, D(2026, 1, 1), D(2026, 1, 31))]
    assert report.missing_days == 31
    assert report.needed_days == 120 and report.done_days == 120 - 31
    assert flaky.tries(*JANUARY) == TRIES  # tried at most TRIES times, no more
    january = days(D(2026, 1, 1), D(2026, 1, 31))
    assert archive.missing_days(LOG, D(2026, 1, 1), D(2026, 4, 30), TODAY) == january
    assert archive.rows(LOG, *JANUARY_SPAN) == []
    kept = (D(2026, 2, 1), D(2026, 4, 30))
    assert archive.rows(LOG, *kept) == direct(direct_api, *kept)

    flaky.fail = lambda request: None  # the gateway is well again
    before = [log_range(r) for r in flaky.gateway.requests if r.form.get("mode") == LOG]
    again = asyncio.run(sync.sync([LOG], D(2026, 1, 1), D(2026, 4, 30)))
    asked = [log_range(r) for r in flaky.gateway.requests if r.form.get("mode") == LOG]
    assert asked[len(before):] == [JANUARY]  # only the missing days, in one request
    assert again.needed_days == again.done_days == 31 and again.missing == []
    assert archive.rows(LOG, D(2026, 1, 1), D(2026, 4, 30)) == direct(
        direct_api, D(2026, 1, 1), D(2026, 4, 30))


def test_a_request_the_gateway_refuses_is_not_repeated(
        api: Api, archive: Archive, sb: Any, flaky: FlakyGateway) -> None:
    flaky.fail = always(JANUARY, "Error 105: Invalid sub-account.\n")
    with pytest.raises(ApiError) as caught:
        asyncio.run(engine(api, archive, sb, parallel=1).sync([LOG], D(2026, 1, 1),
                                                              D(2026, 4, 30)))
    assert caught.value.code == 105
    assert flaky.tries(*JANUARY) == 1


def test_offline_from_the_start_stops_after_the_first_question(
        api: Api, archive: Archive, sb: Any, flaky: FlakyGateway) -> None:
    flaky.fail = lambda request: DROP
    with pytest.raises(Offline) as caught:
        asyncio.run(engine(api, archive, sb).sync(LOG_NAMES))
    assert caught.value.last_sync is None and caught.value.stored_days == 0
    assert flaky.modes() == ["querytimezone"] * TRIES  # no log asked, let alone retried
    assert archive.row_count(LOG) == 0


def test_gateways_lost_mid_sync_stop_it_as_offline_without_trying_every_chunk(
        api: Api, archive: Archive, sb: Any, flaky: FlakyGateway) -> None:
    lost = False

    def rule(request: Recorded) -> str | None:
        return DROP if lost else None

    def progress(done: int, needed: int) -> None:
        nonlocal lost
        lost = lost or done > 0  # every gateway gone after the first chunk stored

    flaky.fail = rule
    sync = engine(api, archive, sb, parallel=1)
    with pytest.raises(Offline) as caught:
        asyncio.run(sync.sync(LOG_NAMES, D(2025, 6, 1), D(2026, 4, 30), progress))
    assert caught.value.stored_days == 30
    log_tries = [m for m in flaky.modes() if m.startswith("log")]
    # The first chunk, then one chunk's tries and one more question: not 66 chunks x 3 tries.
    assert len(log_tries) == 1 + TRIES, flaky.modes()
    assert flaky.modes()[-1] == "querytimezone"


def test_cancel_ends_a_backoff_wait_at_once(
        api: Api, archive: Archive, sb: Any, flaky: FlakyGateway,
        caplog: pytest.LogCaptureFixture) -> None:
    flaky.fail = always(JANUARY, DROP)
    slow = RetryPolicy(attempts=TRIES, base=600.0, cap=600.0)  # a wait far past the test
    sync = engine(api, archive, sb, parallel=1, retry=slow)

    async def scenario() -> None:
        task = asyncio.create_task(sync.sync([LOG], D(2026, 1, 1), D(2026, 2, 28)))
        while not any("again in" in r.getMessage() for r in caplog.records):
            assert not task.done()
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=60)

    with caplog.at_level(logging.INFO, logger="traitel_desktop.core.sync_retry"):
        asyncio.run(scenario())
    assert flaky.tries(*JANUARY) == 1
    feb = (D(2026, 2, 1), D(2026, 2, 28))
    assert archive.missing_days(LOG, D(2026, 1, 1), feb[1], TODAY) == days(*JANUARY_SPAN)


def test_thirty_percent_drops_one_sync_completes_and_names_what_is_missing(
        direct_api: Api, archive: Archive, sb: Any, caplog: pytest.LogCaptureFixture) -> None:
    api = Api(sb)  # both sandbox gateways: a try fails when both drop it
    transport = "traitel_desktop.api.transport"  # notes each gateway that did not answer
    try:
        sb.faults.drop_rate = 0.3
        with caplog.at_level(logging.INFO, logger=transport):
            report = asyncio.run(engine(api, archive, sb,
                                        retry=RetryPolicy(attempts=4, base=0.01))
                                 .sync(LOG_NAMES))
    finally:
        sb.faults.drop_rate = 0.0
        api.close()
    # 79 requests or more, drops drawn by a seeded generator: some are sure to be dropped.
    assert report.requests >= 1 + 13 * len(LOG_NAMES)
    assert any(r.name == transport for r in caplog.records), "no connection was dropped"
    assert report.needed_days == 365 * len(LOG_NAMES)
    assert report.done_days + report.missing_days == report.needed_days
    first, settled = TODAY - dt.timedelta(days=364), TODAY - dt.timedelta(days=2)
    for log in LOG_NAMES:
        left = archive.missing_days(log, first, settled, TODAY)
        named = sorted(d for c in report.missing if c.log == log for d in days(c.first, c.last))
        assert left == [d for d in named if d <= settled], log
    missing = {d.isoformat() for c in report.missing if c.log == LOG
               for d in days(c.first, c.last)}
    assert archive.rows(LOG, first, TODAY) == [
        r for r in direct(direct_api, first, TODAY) if r[2] not in missing]
