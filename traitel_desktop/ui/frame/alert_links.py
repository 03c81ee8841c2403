"""Where the main window meets its alerts: the unread count on the Alerts tab's title,
opening an alert where it points (its row in Activity, the balance, the Spend tab), and the
desktop notifications: through the tray icon where the system has one, never during the
owner's quiet hours unless critical, never while the alerts are paused; clicking one opens
the app at what it is about."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from traitel_desktop.core.alerts import Alert, Severity, Target
from traitel_desktop.core.dates import in_zone
from traitel_desktop.services.storage import StorageError
from traitel_desktop.ui.widgets.async_tools import spawn

if TYPE_CHECKING:
    from traitel_desktop.services.watcher import StoredAlert

#: The main window (typed loosely: it imports this module).
MainWindow = Any

__all__ = ["connect_alerts", "connect_tray", "notifies", "open_alert", "open_target",
           "show_unread"]


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
    return open_target(window, Target.parse(alert.target), alert.created)


def open_target(window: MainWindow, target: Target, created: Any) -> asyncio.Task[Any] | None:
    """Open ``target`` (see :func:`open_alert`); ``created``: the alert's aware instant."""
    if target.place == "balance":
        window.header.focus_balance()
        return None
    names = [spec.name for spec in window.specs]
    window.tabs.setCurrentIndex(names.index("spend" if target.place == "spend" else "activity"))
    if target.place != "row" or target.log is None or target.row_id is None:
        return None
    log_name, row_id = target.log, target.row_id
    day = in_zone(created, window.session.time_zone).date()
    loading = window._reloads.get(names.index("activity"))

    async def show() -> None:
        if loading is not None and not loading.done():
            await asyncio.wait([loading])
        tab: Any = window.tab("activity")
        await tab.show_row(log_name, row_id, day)

    return spawn(window._guarded(show), name="open-alert")


# --- desktop notifications ------------------------------------------------------------------
def notifies(settings: Any, alert: Alert, zone: str) -> bool:
    """Whether ``alert`` pops up (it is listed in any case): always when critical, else
    outside the owner's quiet hours, read on the account's clock (``zone``)."""
    if settings is None:
        return True
    at = in_zone(alert.created, zone).time()
    return bool(settings.alert_settings.notifies(critical=alert.severity is Severity.CRITICAL,
                                                 at=at))


def connect_alerts(window: MainWindow) -> None:
    """Pause alerts (the tray's menu) pauses the watcher; each new alert may notify."""
    watcher = window.watcher
    if watcher is None:
        return
    window.alerts_paused.connect(lambda paused: watcher.pause() if paused else watcher.resume())
    watcher.alert_raised.connect(lambda alert: notify(window, alert))


def connect_tray(window: MainWindow, tray: Any) -> None:
    """A click on a notification brings the window back at what it is about."""

    def opened(alert: Alert) -> None:
        window.bring_back()
        open_target(window, alert.target, alert.created)

    tray.message_opened.connect(opened)


def notify(window: MainWindow, alert: Alert) -> bool:
    """Show ``alert`` as a desktop notification when it should (see :func:`notifies`);
    True when it was shown."""
    tray = window.tray
    if tray is None or tray.paused:
        return False
    if not notifies(window.session.settings, alert, window.session.time_zone):
        return False
    tray.notify(alert)
    return True
