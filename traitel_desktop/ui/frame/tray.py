"""The tray icon (issue 15, part 4): its tooltip shows the balance; its menu has Open,
Refresh, Pause alerts and Quit. It exists only where the system has a tray
(``QSystemTrayIcon.isSystemTrayAvailable()``); everything else works without it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from traitel_desktop.core.money import format_amount
from traitel_desktop.ui.frame.look import app_icon

#: How long a notification stays up (the system may shorten it).
NOTIFICATION_MS = 15_000


def tray_available() -> bool:
    """Whether this system shows tray icons (not under the offscreen platform, nor on a
    desktop without a notification area)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class AppTray(QSystemTrayIcon):
    """The app's tray icon. Its menu's choices are signals: the window opens, refreshes or
    quits; ``pause_toggled(True)`` asks the watcher to stop raising alerts until
    ``pause_toggled(False)``. Clicking the icon opens the window too."""

    open_requested = Signal()
    refresh_requested = Signal()
    pause_toggled = Signal(bool)
    quit_requested = Signal()
    #: The owner clicked the last notification: the alert it showed.
    message_opened = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(app_icon(), parent)
        self.menu = QMenu()
        self.open_action = QAction(self.tr("&Open TraiTel Desktop"), self.menu)
        self.refresh_action = QAction(self.tr("&Refresh"), self.menu)
        self.pause_action = QAction(self.tr("&Pause alerts"), self.menu)
        self.pause_action.setCheckable(True)
        self.pause_action.setToolTip(self.tr("No alerts pop up until you choose this again"))
        self.quit_action = QAction(self.tr("&Quit"), self.menu)
        self.open_action.triggered.connect(self.open_requested)
        self.refresh_action.triggered.connect(self.refresh_requested)
        self.pause_action.toggled.connect(self.pause_toggled)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.open_action)
        self.menu.addAction(self.refresh_action)
        self.menu.addAction(self.pause_action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.messageClicked.connect(self._message_clicked)
        #: The alert the last notification showed (None before the first).
        self.last_alert: Any = None
        self.show_balance(None)

    def notify(self, alert: Any) -> None:
        """Pop up ``alert`` (a ``core.alerts.Alert``) as a desktop notification."""
        from traitel_desktop.core.alerts import Severity

        self.last_alert = alert
        icon = (QSystemTrayIcon.MessageIcon.Critical if alert.severity is Severity.CRITICAL
                else QSystemTrayIcon.MessageIcon.Warning)
        self.showMessage(alert.title, alert.text, icon, NOTIFICATION_MS)

    def _message_clicked(self) -> None:
        if self.last_alert is not None:
            self.message_opened.emit(self.last_alert)

    def show_balance(self, balance: object) -> None:
        """The tooltip: the app's name and the balance (a Decimal; otherwise not known yet)."""
        if isinstance(balance, Decimal):
            line = self.tr("Balance: {0}").format(format_amount(balance))
        else:
            line = self.tr("Balance: not read yet")
        self.setToolTip(f"TraiTel Desktop\n{line}")

    @property
    def paused(self) -> bool:
        """Whether the owner paused the alerts from the tray."""
        return self.pause_action.isChecked()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        """A click or double click on the icon opens the window (the menu is the right click)."""
        if reason in (QSystemTrayIcon.ActivationReason.Trigger,
                      QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def dispose(self) -> None:
        """Hide the icon and free its menu (a QMenu has no QObject parent here: Qt wants the
        context menu free of the icon's lifetime)."""
        self.hide()
        self.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()
        self.deleteLater()


def make_tray(parent: QObject | None = None) -> AppTray | None:
    """The tray icon, shown, where the system has a tray; None elsewhere."""
    if not tray_available():
        return None
    tray = AppTray(parent)
    tray.show()
    return tray
