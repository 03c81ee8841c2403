"""Driving the Activity tab in tests: pick a log and a range, find a shown column."""

from __future__ import annotations

import datetime as dt
from typing import Any

from traitel_desktop.ui.activity.tab import ActivityTab

DAYS = 30


def choose(tab: ActivityTab, log: str, days: int = DAYS, run: Any = None) -> None:
    """Pick ``log`` and the last ``days`` days without starting the tab's own reloads."""
    today = tab.history.today()
    for widget in (tab.log_box, tab.start_edit, tab.end_edit):
        widget.blockSignals(True)
    tab.log_box.setCurrentIndex(tab.log_box.findData(log))
    tab.start_edit.setDate(tab.start_edit.date().fromString(
        (today - dt.timedelta(days=days - 1)).isoformat(), "yyyy-MM-dd"))
    tab.end_edit.setDate(tab.end_edit.date().fromString(today.isoformat(), "yyyy-MM-dd"))
    for widget in (tab.log_box, tab.start_edit, tab.end_edit):
        widget.blockSignals(False)
    if run is not None:
        run(tab.reload(), timeout=30.0)


def column(tab: ActivityTab, key: str) -> int:
    return [v.key for v in tab.model.table.view].index(key)
