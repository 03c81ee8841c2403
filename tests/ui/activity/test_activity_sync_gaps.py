"""The Activity tab through a flaky gateway: one Refresh gets through (not "offline") and says
in plain words how many days could not be fetched; the next Refresh fetches only those.

Real widgets (pytest-qt), a real ``Session`` and ``HistoryService`` over HTTP: against the
sandbox with 30% of its connections dropped, and through a :class:`FlakyGateway` that always
drops the requests for one month, so the note's exact words can be checked on any date.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.activity import choose
from tests.helpers.fake_gateway import Recorded
from tests.helpers.flaky_gateway import DROP, FlakyGateway, log_range
from traitel_desktop.core.history_sync import RetryPolicy
from traitel_desktop.services import Session
from traitel_desktop.services.history import DONE, EnsureResult, HistoryService
from traitel_desktop.ui.activity.tab import ActivityTab

LOG = "logsmsout"
YEAR = 365
QUICK = RetryPolicy(attempts=4, base=0.01)
#: The logger that notes each gateway that did not answer (a dropped connection here).
TRANSPORT = "traitel_desktop.api.transport"


def make_tab(qtbot: Any, session: Session, history: HistoryService) -> ActivityTab:
    tab = ActivityTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def results_of(history: HistoryService) -> list[EnsureResult]:
    seen: list[EnsureResult] = []
    history.sync_finished.connect(lambda result: seen.append(result))
    return seen


@pytest.fixture
def history(session: Session) -> Iterator[HistoryService]:
    service = HistoryService(session)
    service.sync_engine.retry = QUICK
    yield service
    service.close()


def test_thirty_percent_drops_one_refresh_gets_through_and_says_what_is_missing(
    qtbot: Any, session: Session, history: HistoryService, sandbox: Any,
    run: Callable[..., Any], caplog: pytest.LogCaptureFixture,
) -> None:
    tab = make_tab(qtbot, session, history)
    results = results_of(history)
    # Answers of at most 50 rows: a year of this log takes well over 100 requests, so the
    # drops are sure to hit some (the sandbox draws them with a seeded generator).
    history.sync_engine.limit = 50
    sandbox.faults.drop_rate = 0.3  # put back by the conftest after the test
    with caplog.at_level(logging.INFO, logger=TRANSPORT):
        choose(tab, LOG, days=YEAR, run=run)
    sandbox.faults.drop_rate = 0.0
    assert any(r.name == TRANSPORT for r in caplog.records), "no connection was dropped"
    result = results[-1]
    assert result.state == DONE and result.report is not None
    report = result.report
    assert report.requests > 100
    assert not history.offline and tab.body.offline.isHidden()
    start, end = tab.date_range()
    assert (end - start).days + 1 == YEAR
    assert tab.model.table.count == len(history.rows(LOG, start, end))
    # What the note says is what the archive still lacks (today and yesterday, never final,
    # are fetched at every Refresh anyway).
    settled = end - dt.timedelta(days=2)
    assert history.missing_days([LOG], start, settled) == sum(
        (min(c.last, settled) - c.first).days + 1 for c in report.missing if c.first <= settled)
    if report.missing_days:
        assert tab.message_bar.text == (
            f"Up to date except {report.missing_days} of {YEAR} days that could not be fetched"
            " from TraiTel; they will be fetched at the next refresh (F5).")
    else:
        assert tab.message_bar.text == ""


@pytest.fixture
def flaky(sandbox: Any) -> Iterator[FlakyGateway]:
    gateway = FlakyGateway(sandbox)
    try:
        yield gateway
    finally:
        gateway.close()


@pytest.fixture
def flaky_session(flaky: FlakyGateway, tmp_path: Path, run: Callable[..., Any]
                  ) -> Iterator[Session]:
    sess = Session("demo", "demo", flaky.urls, data_dir=tmp_path / "flaky",
                   connect_timeout=2.0, read_timeout=10.0)
    run(sess.refresh_time_zone())
    yield sess
    sess.close()


def test_the_note_names_the_days_left_and_the_next_refresh_fetches_only_them(
    qtbot: Any, flaky: FlakyGateway, flaky_session: Session, run: Callable[..., Any],
) -> None:
    history = HistoryService(flaky_session)
    history.sync_engine.retry = QUICK
    try:
        tab = make_tab(qtbot, flaky_session, history)
        today = history.today()
        lost = today - dt.timedelta(days=120)  # its whole month lies inside the year shown
        month_days = ((lost.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                      - lost.replace(day=1)).days

        def rule(request: Recorded) -> str | None:
            mode, first, last = log_range(request)
            return DROP if mode == LOG and first <= lost.isoformat() <= last else None

        flaky.fail = rule
        choose(tab, LOG, days=YEAR, run=run)
        assert tab.message_bar.text == (
            f"Up to date except {month_days} of {YEAR} days that could not be fetched from "
            "TraiTel; they will be fetched at the next refresh (F5).")
        assert tab.body.offline.isHidden() and not history.offline
        start, end = tab.date_range()
        month = (lost.replace(day=1), lost.replace(day=month_days))
        assert history.rows(LOG, *month) == []
        assert tab.model.table.count == len(history.rows(LOG, start, end)) > 0

        flaky.fail = lambda request: None  # the gateway is well again: Refresh (F5)
        asked_before = len(flaky.modes())
        run(tab.reload(), timeout=30.0)
        with flaky.gateway.lock:
            asked = [log_range(r) for r in flaky.gateway.requests[asked_before:]
                     if r.form.get("mode") == LOG]
        yesterday = (today - dt.timedelta(days=1)).isoformat()
        month_range = (LOG, month[0].isoformat(), month[1].isoformat())
        assert month_range in asked
        assert all(r == month_range or r[1] >= yesterday for r in asked), asked
        assert tab.message_bar.text == ""
        assert len(history.rows(LOG, *month)) > 0
        assert tab.model.table.count == len(history.rows(LOG, start, end))
    finally:
        history.close()
