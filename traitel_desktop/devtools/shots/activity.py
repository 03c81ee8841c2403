"""Screenshot (``--screenshots``) of the Activity tab on a fax that was not delivered
(``activity-failed-fax``): its details lead with the plain reason and what to do; the raw
"As sent by TraiTel" line stays folded away. Listed in :data:`SHOTS`."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT, Shot, settle

#: Days shown: about one fax in ten fails in the demo, so 90 days always hold one.
DAYS = 90


async def failed_fax_shot(ctx: Any) -> QWidget:
    """The main window on Activity, "Faxes sent" over :data:`DAYS` days, the newest failed
    fax selected."""
    from traitel_desktop.ui.activity.model import Role
    from traitel_desktop.ui.activity.tab import ActivityTab

    window = ctx.window
    tab = window.tab("activity")
    assert isinstance(tab, ActivityTab)
    window.tabs.blockSignals(True)  # no reload of its own: the one below does
    window.tabs.setCurrentIndex([spec.name for spec in window.specs].index("activity"))
    window.tabs.blockSignals(False)
    today = tab.history.today()
    start = today - dt.timedelta(days=DAYS - 1)
    for widget in (tab.log_box, tab.start_edit, tab.end_edit):
        widget.blockSignals(True)
    tab.log_box.setCurrentIndex(tab.log_box.findData("logfaxout"))
    tab.start_edit.setDate(QDate(start.year, start.month, start.day))
    tab.end_edit.setDate(QDate(today.year, today.month, today.day))
    for widget in (tab.log_box, tab.start_edit, tab.end_edit):
        widget.blockSignals(False)
    await asyncio.wait_for(tab.reload(), LOAD_TIMEOUT)
    code = tab.model.table.spec.headers.index("ErrorCode")
    failed = [r for r in range(tab.model.rowCount())
              if tab.model.index(r, 0).data(Role.RECORD)[code] != 0]
    if failed:
        tab.select_row(failed[0])
    await settle()
    return window


SHOTS: list[tuple[str, Shot]] = [("activity-failed-fax", failed_fax_shot)]
