"""Where the main window meets its alerts: the unread count on the Alerts tab's title, and
opening an alert where it points (its row in Activity, the balance, the Spend tab)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from traitel_desktop.core.alerts import Target
from traitel_desktop.core.dates import in_zone
from traitel_desktop.services.storage import StorageError
from traitel_desktop.ui.widgets.async_tools import spawn

if TYPE_CHECKING:
    from traitel_desktop.services.watcher import StoredAlert

#: The main window (typed loosely: it imports this module).
MainWindow = Any

__all__ = ["open_alert", "show_unread"]


def show_unread(window: MainWindow) -> None:
    """Write the Alerts tab's title with the unread count: "Alerts (3)" ("Alerts": none)."""
    index = [spec.name for spec in window.specs].index("alerts")
    title = window.specs[index].title.replace("&", "&&")
    try:
        unread = window.watcher.unread_count() if window.watcher is not None else 0
    except StorageError:
        unread = 0
    window.tabs.setTabText(index, window.tr("{0} ({1})").format(title, unread) if unread
                           else title)


def open_alert(window: MainWindow, alert: StoredAlert) -> asyncio.Task[Any] | None:
    """Open where ``alert`` points: the balance in the header, the Spend tab, the Activity
    tab, or its row there (on the days around the alert, once the tab has loaded). Returns
    the task that shows the row."""
    target = Target.parse(alert.target)
    if target.place == "balance":
        window.header.focus_balance()
        return None
    names = [spec.name for spec in window.specs]
    window.tabs.setCurrentIndex(names.index("spend" if target.place == "spend" else "activity"))
    if target.place != "row" or target.log is None or target.row_id is None:
        return None
    log_name, row_id = target.log, target.row_id
    day = in_zone(alert.created, window.session.time_zone).date()
    loading = window._reloads.get(names.index("activity"))

    async def show() -> None:
        if loading is not None and not loading.done():
            await asyncio.wait([loading])
        tab: Any = window.tab("activity")
        await tab.show_row(log_name, row_id, day)

    return spawn(window._guarded(show), name="open-alert")
