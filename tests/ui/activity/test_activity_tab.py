"""The Activity tab against the demo sandbox over real HTTP: the columns and decoding of each
of the six logs, sorting on raw values, totals, the date pickers, the filters, the details
pane and Ctrl+C, sync with progress and cancel, offline mode, and the Qt thread staying free
while a sync runs."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.helpers.activity import DAYS, choose, column
from tests.helpers.history_session import dead_urls
from tests.helpers.log_rows import fetch_rows
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.decode import fax_result, sms_text
from traitel_desktop.contract.logs import LOG_NAMES, LOGS
from traitel_desktop.core.money import exact_money, format_amount
from traitel_desktop.core.phones import format_number
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.ui.activity.fax_words import advice
from traitel_desktop.ui.activity.model import Role
from traitel_desktop.ui.activity.tab import ActivityTab


@pytest.fixture
def history(session: Session) -> Iterator[HistoryService]:
    service = HistoryService(session)
    yield service
    service.close()


@pytest.fixture
def client(sandbox: Any) -> Iterator[TraiTelClient]:
    c = TraiTelClient("demo", "demo", gateways=(sandbox.primary_url, sandbox.alternate_url))
    yield c
    c.close()


def make_tab(qtbot: Any, session: Session, history: HistoryService) -> ActivityTab:
    tab = ActivityTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    return tab




def api_rows(client: TraiTelClient, log: str, tab: ActivityTab) -> list[tuple[Any, ...]]:
    return fetch_rows(client, log, *tab.date_range())




def shown(tab: ActivityTab, key: str, role: int = 0) -> list[Any]:
    c = column(tab, key)
    return [tab.model.index(r, c).data(role) for r in range(tab.model.rowCount())]


def by_id(tab: ActivityTab) -> dict[int, tuple[Any, ...]]:
    return {tab.model.index(r, 0).data(Role.RECORD)[0]: tab.model.index(r, 0).data(Role.RECORD)
            for r in range(tab.model.rowCount())}


DURATION = re.compile(r"\d+:\d\d:\d\d")


@pytest.mark.parametrize("log", LOG_NAMES)
def test_each_log_shows_the_gateway_rows_decoded(
    qtbot: Any, session: Session, history: HistoryService, client: TraiTelClient,
    run: Callable[..., Any], log: str,
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, log, run=run)
    expected = api_rows(client, log, tab)
    assert expected, f"the demo sandbox has no {log} rows in {DAYS} days"
    assert tab.model.rowCount() == len(expected)
    assert by_id(tab) == {r[0]: r for r in expected}
    headers = LOGS[log].headers
    horizontal = Qt.Orientation.Horizontal
    titles = [tab.model.headerData(c, horizontal) for c in range(tab.model.columnCount())]
    assert titles[:4] == ["When", "Sub-account", "From", "To"] and titles[-1] == "ID"
    for r in range(tab.model.rowCount()):
        raw = tab.model.index(r, 0).data(Role.RECORD)
        values = dict(zip(headers, raw, strict=True))
        text = {v.key: tab.model.index(r, c).data() for c, v in enumerate(tab.model.table.view)}
        assert text["from"] == format_number(values["From"])
        assert text["to"] == format_number(values["To"]) and text["to"].startswith("+")
        assert text["id"] == str(values["ID"])
        assert values["Time"] in text["when"]
        if "Duration" in values:
            seconds = values["Duration"]
            assert DURATION.fullmatch(text["duration"])
            h, m, s = (int(x) for x in text["duration"].split(":"))
            assert h * 3600 + m * 60 + s == seconds
        if "Cost" in values:  # to the cent in the cell, every digit on hover
            exact = Decimal(values["Cost"]).scaleb(-6)
            assert Decimal(text["cost"]) == exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
            tip = tab.model.index(r, column(tab, "cost")).data(Qt.ItemDataRole.ToolTipRole)
            assert Decimal(tip.replace(",", "")) == exact
        if log == "logfaxout":
            decoded = fax_result(values["ErrorCode"])
            assert text["result"] == decoded.text
            tip = tab.model.index(r, column(tab, "result")).data(Qt.ItemDataRole.ToolTipRole)
            if not decoded.delivered:  # the reason and what to do, not TraiTel's numbers
                assert tip == f"{decoded.text}.\n{advice(decoded)}"
                assert "State" not in tip and "Error" not in tip
        if log.startswith("logvoice"):
            assert text["result"] == {"answered": "Answered", "failed": "Not answered"}[
                values["Result"]]
        if log == "logsmsin":
            full = sms_text(values["MessageType"], values["Message"])
            assert text["message"] == full.replace("\n", " ⏎ ")
            tip = tab.model.index(r, column(tab, "message")).data(Qt.ItemDataRole.ToolTipRole)
            assert tip == full
        if log == "logsmsout":
            assert text["delivery"] in {"Delivered", "Not delivered", "Waiting for the network",
                                        "Not tracked"}
    if log == "logfaxout":
        assert any("," in t and t != "Delivered" for t in shown(tab, "result"))
    if log == "logsmsin":
        types = {tab.model.index(r, 0).data(Role.RECORD)[6] for r in range(tab.model.rowCount())}
        assert "U16" in types  # a UCS-2 message was decoded above


def test_sorting_uses_raw_values_and_totals_are_exact(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, "logvoiceout", run=run)
    model = tab.model
    for key in ("cost", "duration", "id"):
        c = column(tab, key)
        tab.view.sortByColumn(c, Qt.SortOrder.DescendingOrder)
        keys = [model.index(r, c).data(Role.SORT) for r in range(model.rowCount())]
        assert keys == sorted(keys, reverse=True)
        tab.view.sortByColumn(c, Qt.SortOrder.AscendingOrder)
        keys = [model.index(r, c).data(Role.SORT) for r in range(model.rowCount())]
        assert keys == sorted(keys)
    c = column(tab, "duration")
    texts = shown(tab, "duration")
    assert texts != sorted(texts) or len(set(len(t) for t in texts)) == 1
    rows = [model.index(r, 0).data(Role.RECORD) for r in range(model.rowCount())]
    totals = model.totals()
    assert totals.count == len(rows)
    assert totals.duration == sum(r[6] for r in rows)
    assert totals.cost == sum((Decimal(r[8]).scaleb(-6) for r in rows), Decimal(0))
    assert f"cost {format_amount(totals.cost)}" in tab.body.totals.text()  # to the cent
    assert tab.body.totals.toolTip() == f"Exact cost: {exact_money(totals.cost)}"
    assert f"{len(rows)} records" in tab.body.totals.text().replace(",", "")


def test_fax_totals_count_pages(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, "logfaxin", run=run)
    rows = [tab.model.index(r, 0).data(Role.RECORD) for r in range(tab.model.rowCount())]
    assert tab.model.totals().pages == sum(r[7] for r in rows) > 0
    assf = tab.body.totals.text()
    assert f"{sum(r[7] for r in rows):,} pages" in assf and "cost" not in assf


def test_date_pickers_stop_at_today_in_the_account_zone(
    qtbot: Any, session: Session, history: HistoryService
) -> None:
    tab = make_tab(qtbot, session, history)
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        session.time_zone = zone
        tab.cap_dates()
        today = dt.datetime.now(ZoneInfo(zone)).date()
        for edit in (tab.start_edit, tab.end_edit):
            top = edit.maximumDate()
            assert (top.year(), top.month(), top.day()) == (today.year, today.month, today.day)
            edit.setDate(edit.maximumDate().addDays(5))
            assert edit.date() == edit.maximumDate()
            assert edit.calendarPopup()
    session.time_zone = "Australia/Sydney"


def test_the_log_and_dates_come_back_next_session(
    qtbot: Any, session: Session, history: HistoryService, app_settings: Any,
    run: Callable[..., Any],
) -> None:
    tab = make_tab(qtbot, session, history)
    today = history.today()
    choose(tab, "logfaxout")
    tab.set_range(today - dt.timedelta(days=29), today)  # ends today: "the last 30 days"
    qtbot.waitUntil(lambda: tab.task is not None and tab.task.done(), timeout=30_000)
    tab.close()
    again = make_tab(qtbot, session, history)
    assert again.log == "logfaxout"
    assert again.date_range() == (today - dt.timedelta(days=29), today)
    # A rolling range keeps its length and ends on a later today.
    view = app_settings.activity_view
    assert view.rolling and view.dates(today + dt.timedelta(days=3)) == (
        today - dt.timedelta(days=26), today + dt.timedelta(days=3))
    # A range in the past comes back exactly.
    march = (dt.date(today.year, 3, 1) if today.month > 3 else dt.date(today.year - 1, 3, 1))
    again.set_range(march, march + dt.timedelta(days=30))
    qtbot.waitUntil(lambda: again.task is not None and again.task.done(), timeout=30_000)
    third = make_tab(qtbot, session, history)
    assert third.date_range() == (march, march + dt.timedelta(days=30))
    assert not app_settings.activity_view.rolling
    # A damaged setting is ignored: the default week of voice calls.
    app_settings.qsettings.setValue("activity/start", "yesterday")
    fourth = make_tab(qtbot, session, history)
    assert fourth.log == "logvoicein"
    assert fourth.date_range() == (today - dt.timedelta(days=6), today)


def test_a_rolling_range_follows_midnight_and_damage_is_ignored(
    qtbot: Any, session: Session, app_settings: Any, run: Callable[..., Any],
) -> None:
    shift = [0]
    real = HistoryService(session).today()

    def today(zone: str) -> dt.date:
        return real + dt.timedelta(days=shift[0])

    history = HistoryService(session, today=today)
    try:
        tab = make_tab(qtbot, session, history)
        choose(tab, "logsmsin")
        tab.set_range(real - dt.timedelta(days=6), real)
        qtbot.waitUntil(lambda: tab.task is not None and tab.task.done(), timeout=30_000)
        shift[0] = 1  # the app stays open past midnight
        tab.cap_dates()
        run(tab.reload(), timeout=30.0)
        assert tab.date_range() == (real - dt.timedelta(days=5), real + dt.timedelta(days=1))
        assert app_settings.activity_view.rolling
        # A log the app no longer knows, or an absurd span, gives the default view.
        for key, value in (("activity/log", "logfaxes"), ("activity/start", "0001-01-01")):
            app_settings.qsettings.setValue(key, value)
            fresh = make_tab(qtbot, session, history)
            assert fresh.log == "logvoicein" and fresh.date_range()[1] == today("")
            choose(fresh, "logsmsin", days=7)
            fresh.remember_view()
    finally:
        history.close()


def test_a_time_zone_change_shows_the_rows_in_the_new_zone(
    qtbot: Any, session: Session, history: HistoryService, client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, "logvoicein", days=10, run=run)
    before = by_id(tab)
    assert before == {r[0]: r for r in api_rows(client, "logvoicein", tab)}

    async def move_to(zone: str) -> None:
        await session.set_time_zone(zone)
        while (history.archive.zone != zone or tab.task is None or not tab.task.done()):
            await asyncio.sleep(0.02)

    try:
        run(move_to("Pacific/Auckland"))  # ahead: the end date stays put
        after = by_id(tab)
        assert after == {r[0]: r for r in api_rows(client, "logvoicein", tab)}
        assert after != before  # the same calls, at Auckland's date and time
    finally:
        run(move_to("Australia/Sydney"))


def test_sub_account_and_text_filters(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    # 90 days: a given month of demo data may have no undelivered message (as few as 2).
    choose(tab, "logsmsout", days=90, run=run)
    everything = tab.model.rowCount()
    subs = {tab.model.index(r, 0).data(Role.RECORD)[1] for r in range(everything)}
    assert len(subs) > 1
    wanted = max(subs)
    tab.sub_box.setCurrentIndex(tab.sub_box.findData(wanted))
    assert 0 < tab.model.rowCount() < everything
    assert {tab.model.index(r, 0).data(Role.RECORD)[1] for r in range(tab.model.rowCount())} \
        == {wanted}
    assert "of" in tab.body.totals.text()
    tab.sub_box.setCurrentIndex(0)
    assert tab.model.rowCount() == everything
    # Free text over every column: a formatted number, a word, case ignored.
    number = shown(tab, "to")[0]
    qtbot.keyClicks(tab.search, number.upper())
    qtbot.waitUntil(lambda: tab.model.filter_text == number.upper(), timeout=2000)
    texts = shown(tab, "to") + shown(tab, "from")
    assert 0 < tab.model.rowCount() < everything
    assert all(number in " ".join((t, f)) for t, f in zip(
        shown(tab, "to"), shown(tab, "from"), strict=True)), texts[:3]
    tab.search.setText("not delivered")
    qtbot.waitUntil(lambda: tab.model.filter_text == "not delivered", timeout=2000)
    assert set(shown(tab, "delivery")) == {"Not delivered"}
    tab.search.setText("no such thing anywhere")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=2000)
    tab.body.show_empty(tab._empty_text())
    assert "matches" in tab.body.empty.text()


def test_details_pane_and_ctrl_c(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    tab.show()
    # 90 days: some 10% of the demo's faxes fail, but a given month may have none.
    choose(tab, "logfaxout", days=90, run=run)
    failed = [r for r in range(tab.model.rowCount())
              if tab.model.index(r, 0).data(Role.RECORD)[11] != 0]
    assert failed, "no failed fax in 90 days of demo data"
    tab.select_row(failed[0])
    raw = tab.model.index(failed[0], 0).data(Role.RECORD)
    details = tab.body.details_text()
    assert fax_result(raw[11]).text in details
    assert f"ID: {raw[0]}" in details and f"ErrorCode={raw[11]}" in details  # copied in full
    QApplication.clipboard().clear()
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == details
    QApplication.clipboard().clear()
    tab.body.copy_button.click()
    assert QApplication.clipboard().text() == details


def test_failed_fax_details_lead_with_the_reason_and_hide_what_traitel_sent(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    tab.show()
    choose(tab, "logfaxout", days=90, run=run)
    failed = [r for r in range(tab.model.rowCount())
              if tab.model.index(r, 0).data(Role.RECORD)[11] != 0]
    assert failed, "no failed fax in 90 days of demo data"
    tab.select_row(failed[0])
    code = tab.model.index(failed[0], 0).data(Role.RECORD)[11]
    result = fax_result(code)
    body = tab.body
    shown = body.details.toPlainText()
    first, second = shown.splitlines()[:2]
    assert first == f"Not delivered: {result.text}."
    assert second == f"What you can do: {advice(result)}"
    assert not re.search(r"State:? \d", shown) and "ErrorCode" not in shown
    assert "Sub-ID" not in shown
    raw_line = f"State {result.state}, Error {result.error} (code {code:03d})"
    assert raw_line in body.raw.text()
    assert body.raw_button.isVisible() and not body.raw.isVisible()
    qtbot.mouseClick(body.raw_button, Qt.MouseButton.LeftButton)  # a real click opens it
    assert body.raw.isVisible() and body.raw_button.arrowType() == Qt.ArrowType.DownArrow
    assert f"ErrorCode={code}" in body.raw.text()
    body.raw_button.setFocus()
    qtbot.keyClick(body.raw_button, Qt.Key.Key_Space)  # and the keyboard closes it
    assert not body.raw.isVisible() and body.raw_button.arrowType() == Qt.ArrowType.RightArrow
    qtbot.keyClick(body.raw_button, Qt.Key.Key_Space)
    assert body.raw.isVisible()
    delivered = [r for r in range(tab.model.rowCount()) if r not in failed]
    if delivered:  # a delivered fax has no reason to lead with; the disclosure stays open
        tab.select_row(delivered[0])
        assert body.details.toPlainText().startswith("When: ")
        assert body.raw.isVisible() and "ErrorCode=0" in body.raw.text()


def test_sync_shows_progress_and_cancel_keeps_what_arrived(
    qtbot: Any, session: Session, history: HistoryService, sandbox: Any,
    run: Callable[..., Any],
) -> None:
    tab = make_tab(qtbot, session, history)
    tab.show()
    history.sync_engine.parallel = 1
    sandbox.faults.latency = 0.2
    seen: list[tuple[int, int]] = []
    history.progress.connect(lambda d, n: seen.append((d, n)))
    choose(tab, "logsmsout", days=200)

    async def go() -> None:
        task = asyncio.ensure_future(tab.reload())
        while not (seen and seen[-1][0] > 0):
            await asyncio.sleep(0.02)
        assert tab.body.sync_row.isVisible()
        assert tab.body.progress.maximum() == seen[-1][1] > seen[-1][0]
        tab.body.cancel_button.click()
        await task

    run(go(), timeout=60.0)
    assert not tab.body.sync_row.isVisible()
    assert "cancelled" in tab.message_bar.text
    start, end = tab.date_range()
    kept = history.rows("logsmsout", start, end)
    assert tab.model.rowCount() == len(kept) > 0
    assert history.missing_days(["logsmsout"], start, end) > 2


def test_offline_shows_archived_rows_marked_with_the_last_sync(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any]
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, "logvoicein", run=run)
    online_rows = by_id(tab)
    assert online_rows and tab.body.offline.isHidden()
    offline_session = Session("demo", "demo", dead_urls(), data_dir=Path(session.data_dir),
                              connect_timeout=0.5, read_timeout=1.0)
    offline_session.time_zone = session.time_zone
    offline = HistoryService(offline_session)
    try:
        tab2 = make_tab(qtbot, offline_session, offline)
        tab2.show()
        choose(tab2, "logvoicein", run=run)
        assert by_id(tab2) == online_rows
        note = tab2.body.offline
        assert note.isVisible()
        assert note.text().startswith(
            "Offline — showing history saved on this computer, last updated ")
        assert str(history.last_sync.astimezone().year) in note.text()  # type: ignore[union-attr]
    finally:
        offline.close()
        offline_session.close()


def test_the_qt_thread_stays_free_while_a_sync_runs(
    qtbot: Any, session: Session, history: HistoryService, run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A year's sync asks, parses and stores in worker threads, and the Qt thread goes on
    serving its events meanwhile: the first chunk's store is held until a Qt timer has fired
    three times, which it cannot do if the store holds the Qt thread. (How late the timer
    fires during a sync is a figure for bench/bench_activity.py, not a test.)"""
    qt_thread = threading.get_ident()
    fetched: list[int] = []  # the threads that asked TraiTel for a chunk
    stored: list[int] = []  # the threads that stored one
    first = threading.Lock()
    holding, release = threading.Event(), threading.Event()
    released_in_time: list[bool] = []
    request = TraiTelClient.request
    store_range = history.archive.store_range

    def fetch(client: TraiTelClient, mode: str, **params: Any) -> Any:
        fetched.append(threading.get_ident())
        return request(client, mode, **params)

    def store(*args: Any, **kwargs: Any) -> None:
        if first.acquire(blocking=False):  # the first chunk only
            holding.set()
            released_in_time.append(release.wait(30))
        store_range(*args, **kwargs)
        stored.append(threading.get_ident())

    beats_while_held: list[int] = []

    def beat() -> None:
        if holding.is_set() and not release.is_set():
            beats_while_held.append(threading.get_ident())
            if len(beats_while_held) == 3:
                release.set()

    monkeypatch.setattr(TraiTelClient, "request", fetch)
    monkeypatch.setattr(history.archive, "store_range", store)
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(beat)

    async def sync_year() -> Any:
        timer.start()
        try:
            return await history.ensure(LOG_NAMES)
        finally:
            timer.stop()

    result = run(sync_year(), timeout=120.0)
    assert result.report is not None and result.report.needed_days > 300
    assert released_in_time == [True], "the Qt timer did not fire while a chunk was stored"
    assert beats_while_held == [qt_thread] * 3
    assert len(fetched) >= 12 * len(LOG_NAMES) and len(stored) >= 12 * len(LOG_NAMES)
    assert qt_thread not in fetched and qt_thread not in stored


def test_model_passes_qtmodeltester(
    qtmodeltester: Any, qtbot: Any, session: Session, history: HistoryService,
    run: Callable[..., Any],
) -> None:
    tab = make_tab(qtbot, session, history)
    choose(tab, "logsmsin", run=run)
    qtmodeltester.check(tab.model)
    tab.view.sortByColumn(column(tab, "message"), Qt.SortOrder.AscendingOrder)
    tab.model.set_filter("a")
    qtmodeltester.check(tab.model)
