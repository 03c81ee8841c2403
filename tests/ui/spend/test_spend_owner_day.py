"""The Spend tab as an owner meets it on a new day (issue 14, item 11): the runway says it is
still counting while the first fetch brings the last 30 days in (not "about 3,197 days"),
"Last 12 months" means the 12 months ending today in the account's zone, and the chosen
period comes back at the next start (QSettings). Real sandbox over HTTP, real SQLite."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QSettings

from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.spend import DateRange, Period
from traitel_desktop.services import Session
from traitel_desktop.services.history import HistoryService
from traitel_desktop.services.settings import AppSettings
from traitel_desktop.ui.spend.tab import SpendTab


def make_tab(qtbot: Any, session: Session, history: HistoryService | None = None) -> SpendTab:
    tab = SpendTab(session, history=history)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.show()
    return tab


def test_runway_says_still_counting_while_the_first_fetch_runs(
    qtbot: Any, sandbox: Any, session: Session, run: Callable[..., Any]
) -> None:
    assert session.balance is not None  # known from sign-in: the old runway showed at once
    sandbox.faults.latency = 0.2
    history = HistoryService(session, parallel=1)
    tab = make_tab(qtbot, session, history)
    tab.controls.set_period(Period.LAST_30_DAYS)
    seen: list[tuple[str, str]] = []

    async def scenario() -> None:
        task = asyncio.ensure_future(tab.reload())
        deadline = asyncio.get_running_loop().time() + 30
        while history.done_days < 2:
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.05)
        seen.append((tab.insights.runway_headline.text(), tab.insights.runway_details.text()))
        sandbox.faults.latency = 0.0
        await task

    try:
        run(scenario(), timeout=90)
    finally:
        history.close()
    headline, details = seen[0]
    assert headline == "Still counting your spending…"
    assert "still arriving" in details and "days" not in headline
    # Once the days are in, the real answer.
    assert tab.last_result is not None and tab.last_result.state == "done"
    assert "your balance lasts about" in tab.insights.runway_headline.text()


def test_last_12_months_ends_today_in_the_accounts_zone(
    qtbot: Any, session: Session
) -> None:
    tab = make_tab(qtbot, session)  # the default period
    assert tab.controls.period() is Period.LAST_12_MONTHS
    today = today_in(session.time_zone)
    shown = tab.controls.date_range()
    assert shown.end == today
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = dt.date(today.year - 1, 2, 28)
    assert shown.start == year_ago + dt.timedelta(days=1)
    assert tab.controls.start_edit.date() == QDate(shown.start.year, shown.start.month,
                                                   shown.start.day)


def test_the_period_is_remembered_between_starts(
    qtbot: Any, session: Session, app_settings: AppSettings
) -> None:
    first = make_tab(qtbot, session)
    first.controls.set_period(Period.LAST_90_DAYS)
    app_settings.sync()
    # The next start: a new settings object on the same file, a new tab.
    session.settings = AppSettings(QSettings(app_settings.qsettings.fileName(),
                                             QSettings.Format.IniFormat))
    again = make_tab(qtbot, session)
    assert again.controls.period() is Period.LAST_90_DAYS
    assert again.controls.date_range().days == 90

    # Custom dates come back as chosen.
    again.controls.set_period(Period.CUSTOM)
    today = today_in(session.time_zone)
    start, end = today - dt.timedelta(days=40), today - dt.timedelta(days=10)
    again.controls.start_edit.setDate(QDate(start.year, start.month, start.day))
    again.controls.end_edit.setDate(QDate(end.year, end.month, end.day))
    session.settings.sync()
    session.settings = AppSettings(QSettings(app_settings.qsettings.fileName(),
                                             QSettings.Format.IniFormat))
    third = make_tab(qtbot, session)
    assert third.controls.period() is Period.CUSTOM
    assert third.controls.date_range() == DateRange(start, end)
    assert third.controls.start_edit.isEnabled()
