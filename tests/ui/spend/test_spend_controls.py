"""The Spend tab's controls on their own: periods and their suggested bars, custom dates
capped at the account's today, sub-accounts kept across reloads, and which signal fires."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate

from traitel_desktop.core.spend import BY_SUB_ACCOUNT, Bucket, DateRange, Period
from traitel_desktop.ui.spend.controls import SpendControls, qdate

TODAY = dt.date(2026, 3, 18)


def make(qtbot: Any) -> tuple[SpendControls, list[str]]:
    controls = SpendControls()
    qtbot.addWidget(controls)
    controls.set_today(TODAY)
    fired: list[str] = []
    controls.range_changed.connect(lambda: fired.append("range"))
    controls.view_changed.connect(lambda: fired.append("view"))
    return controls, fired


def test_periods_suggest_bars_and_show_their_dates(qtbot: Any) -> None:
    controls, fired = make(qtbot)
    assert controls.period() is Period.LAST_12_MONTHS and controls.bucket() is Bucket.MONTH
    assert controls.date_range() == DateRange(dt.date(2025, 3, 19), TODAY)  # 12 months
    assert not controls.start_edit.isEnabled()  # shown, not editable, outside "custom"
    controls.set_period(Period.LAST_30_DAYS)
    assert controls.bucket() is Bucket.DAY and fired == ["range"]
    assert controls.start_edit.date() == QDate(2026, 2, 17)
    controls.set_period(Period.YEAR_TO_DATE)
    assert controls.bucket() is Bucket.WEEK
    assert controls.date_range() == DateRange(dt.date(2026, 1, 1), TODAY)
    fired.clear()
    controls.bucket_box.setCurrentIndex(2)
    controls.stack_box.setCurrentIndex(controls.stack_box.findData(BY_SUB_ACCOUNT))
    assert fired == ["view", "view"] and controls.group_by() == BY_SUB_ACCOUNT


def test_custom_dates_are_capped_at_today(qtbot: Any) -> None:
    controls, fired = make(qtbot)
    controls.set_period(Period.CUSTOM)
    assert controls.start_edit.isEnabled() and controls.end_edit.isEnabled()
    assert controls.end_edit.maximumDate() == qdate(TODAY)
    fired.clear()
    controls.start_edit.setDate(QDate(2026, 1, 5))
    controls.end_edit.setDate(QDate(2026, 12, 31))  # past today: held at today
    assert controls.end_edit.date() == qdate(TODAY)
    assert controls.date_range() == DateRange(dt.date(2026, 1, 5), TODAY)
    assert fired == ["range"]  # the end date was today already: unchanged
    # A new "today" (e.g. after midnight) moves the cap.
    controls.set_today(TODAY + dt.timedelta(days=1))
    assert controls.end_edit.maximumDate() == qdate(TODAY + dt.timedelta(days=1))


def test_sub_accounts_listed_and_choice_kept(qtbot: Any) -> None:
    controls, fired = make(qtbot)
    assert controls.sub_id() is None
    controls.set_sub_accounts([(0, "main"), (1002, "reception"), (1003, "sales")])
    assert [controls.sub_box.itemText(i) for i in range(controls.sub_box.count())] == [
        "All sub-accounts", "Main account", "reception", "sales"]
    controls.sub_box.setCurrentIndex(3)
    assert controls.sub_id() == 1003
    fired.clear()
    controls.set_sub_accounts([(1003, "sales team"), (1004, "new")])
    assert controls.sub_id() == 1003 and controls.sub_box.currentText() == "sales team"
    assert fired == []  # same choice: nothing to redraw
    controls.set_sub_accounts([(1004, "new")])  # the chosen one is gone: back to all
    assert controls.sub_id() is None and fired == ["view"]
    controls.sub_box.setCurrentIndex(1)
    assert controls.sub_id() == 0
