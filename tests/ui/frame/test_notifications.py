"""Desktop notifications of new alerts (issue 15, part 3): shown through the tray icon where
the system has one; during the owner's quiet hours only critical alerts pop up (all are listed
anyway); none while the alerts are paused from the tray, which also pauses the watcher; a
click on a notification opens the app at what it is about."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from traitel_desktop.core.alerts import Alert, AlertKind, Severity, Target
from traitel_desktop.services import Session
from traitel_desktop.ui.frame import alert_links
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.frame.tray import AppTray

ZONE = "Australia/Sydney"


def alert(severity: Severity, hour: int, target: Target | None = None) -> Alert:
    """An alert raised at ``hour`` o'clock on the account's clock (Sydney)."""
    at = dt.datetime(2026, 5, 20, hour, 30, tzinfo=ZoneInfo(ZONE))
    return Alert(AlertKind.UNUSUAL_SPEND, severity, "Unusual spending today",
                 "Today's spend is four times the usual day.", f"spend:{severity}:{hour}",
                 target or Target("spend"), at.astimezone(dt.UTC))


def quiet_at_night(session: Session) -> None:
    settings = session.settings
    assert settings is not None
    settings.alert_settings = dataclasses.replace(
        settings.alert_settings, quiet_hours=True, quiet_start=dt.time(22, 0),
        quiet_end=dt.time(7, 0))


def test_quiet_hours_let_only_critical_alerts_pop_up(session: Session) -> None:
    quiet_at_night(session)
    settings = session.settings
    assert not alert_links.notifies(settings, alert(Severity.WARNING, 23), ZONE)
    assert not alert_links.notifies(settings, alert(Severity.WARNING, 6), ZONE)
    assert alert_links.notifies(settings, alert(Severity.CRITICAL, 23), ZONE)
    assert alert_links.notifies(settings, alert(Severity.WARNING, 7), ZONE)  # quiet ends at 7
    assert alert_links.notifies(settings, alert(Severity.WARNING, 12), ZONE)
    # The account's clock decides, not the computer's: 23:30 in Sydney is 13:30 UTC.
    assert not alert_links.notifies(settings, alert(Severity.WARNING, 23), ZONE)
    assert alert_links.notifies(settings, alert(Severity.WARNING, 23), "UTC")


def window_with_tray(qtbot: Any, session: Session, run: Any) -> tuple[MainWindow, AppTray]:
    run(session.set_time_zone(ZONE))
    window = MainWindow(session)
    qtbot.addWidget(window)
    tray = AppTray(window)  # offscreen has no tray to show it in: attached as make_tray would
    window.attach_tray(tray)
    window.show()
    qtbot.waitExposed(window)
    return window, tray


def test_a_new_alert_pops_up_unless_quiet_or_paused(
    qtbot: Any, session: Session, run: Any
) -> None:
    window, tray = window_with_tray(qtbot, session, run)
    assert window.watcher is not None
    quiet_at_night(session)
    daytime = alert(Severity.WARNING, 12)
    window.watcher.alert_raised.emit(daytime)
    assert tray.last_alert is daytime

    night = alert(Severity.WARNING, 23)
    window.watcher.alert_raised.emit(night)
    assert tray.last_alert is daytime  # listed, not popped up
    urgent = alert(Severity.CRITICAL, 23)
    window.watcher.alert_raised.emit(urgent)
    assert tray.last_alert is urgent

    tray.pause_action.trigger()  # Pause alerts, from the tray's menu
    assert window.watcher.paused
    window.watcher.alert_raised.emit(alert(Severity.CRITICAL, 12))
    assert tray.last_alert is urgent
    tray.pause_action.trigger()
    assert not window.watcher.paused
    window.watcher.pause()  # no check runs on after the test


def test_a_click_on_a_notification_opens_what_it_is_about(
    qtbot: Any, session: Session, run: Any
) -> None:
    window, tray = window_with_tray(qtbot, session, run)
    assert window.watcher is not None
    window.tabs.setCurrentIndex(0)
    window.hide()  # the owner works elsewhere; the app sits in the tray
    window.watcher.alert_raised.emit(alert(Severity.WARNING, 12))
    tray.messageClicked.emit()
    assert window.isVisible()
    names = [spec.name for spec in window.specs]
    assert names[window.tabs.currentIndex()] == "spend"
