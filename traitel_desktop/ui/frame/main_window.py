"""The main window: header, message bar, the tabs, menus; remembers geometry and last tab."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from traitel_desktop.services import Superseded
from traitel_desktop.services.currency import owner_currency, show_currency
from traitel_desktop.services.storage import StorageError
from traitel_desktop.ui.alerts.watching import forget_watcher, watch_minutes, watcher_for
from traitel_desktop.ui.frame import alert_links
from traitel_desktop.ui.frame.crash import report
from traitel_desktop.ui.frame.header import AccountHeader
from traitel_desktop.ui.frame.tab_host import TabHost
from traitel_desktop.ui.frame.tabs import TabSpec, tab_specs
from traitel_desktop.ui.frame.tray import AppTray, make_tray
from traitel_desktop.ui.help.menu import HelpMenu
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.demo import PracticeData
    from traitel_desktop.services.watcher import StoredAlert, Watcher

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The signed-in window. Emits ``sign_out_requested`` and ``quit_requested``; the app
    decides what happens next."""

    sign_out_requested = Signal()
    quit_requested = Signal()
    settings_requested = Signal()
    #: The owner paused (True) or resumed (False) the alerts from the tray menu.
    alerts_paused = Signal(bool)

    def __init__(
        self, session: Session, parent: QWidget | None = None, *,
        practice: PracticeData | None = None,
    ) -> None:
        """``practice``: the session is on this computer's sandbox (the demo): the header
        shows the demo badge, saying whether changes are kept."""
        super().__init__(parent)
        self.session = session
        self.setObjectName("mainWindow")
        # Ends with the app's name, so Qt (which appends it to other titles) adds nothing.
        self.setWindowTitle(self.tr("{0} — TraiTel Desktop").format(session.username))
        self.setMinimumSize(720, 480)
        self._loaded: set[int] = set()
        self._reloads: dict[int, asyncio.Task[Any]] = {}
        self._closing_for = ""  # "", "signout" or "quit"
        show_currency(owner_currency(session))  # before any amount is written

        self.header = AccountHeader(session, self)
        if practice is not None:
            self.header.show_practice(practice.kept_in)
        self.header.refresh_requested.connect(self.refresh_balance)
        self.message_bar = MessageBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Account sections"))
        self.specs: list[TabSpec] = tab_specs()
        self.hosts: list[TabHost] = []
        for spec in self.specs:
            host = TabHost(spec, session, self.tabs)  # the real tab is built when first shown
            host.content_built.connect(self._tab_built)
            self.hosts.append(host)
            self.tabs.addTab(host, spec.title.replace("&", "&&"))
        #: The session's watcher (started by :meth:`start_watching`); None when the
        #: account's record cannot be opened (the Alerts tab then says why).
        self.watcher: Watcher | None = None
        try:
            self.watcher = watcher_for(session)
        except StorageError as exc:
            log.warning("alerts unavailable: %s", exc)
        else:
            self.watcher.alerts_changed.connect(self.show_unread)
            self.watcher.status_changed.connect(self.header.show_watch_status)
            alert_links.connect_alerts(self)
        self.show_unread()

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 8, 16, 0)
        body_layout.setSpacing(8)
        body_layout.addWidget(self.message_bar)
        body_layout.addWidget(self.tabs, 1)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)
        self.statusBar().setSizeGripEnabled(True)

        self._build_menus()
        self.tray: AppTray | None = None
        tray = make_tray(self)
        if tray is not None:
            self.attach_tray(tray)
        self.apply_preferences()
        self._restore_state()
        self.tabs.currentChanged.connect(self._on_tab_changed)

    # --- menus --------------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence | None, slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        std = QKeySequence.StandardKey
        self.refresh_action = self._action(self.tr("&Refresh"), QKeySequence("F5"), self.refresh)
        extra = [k for k in QKeySequence.keyBindings(std.Refresh) if k != QKeySequence("F5")]
        self.refresh_action.setShortcuts([QKeySequence("F5"), *extra])
        preferences = QKeySequence.keyBindings(std.Preferences)
        self.settings_action = self._action(
            self.tr("&Settings…"),
            preferences[0] if preferences else QKeySequence("Ctrl+,"),
            self.settings_requested,
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.sign_out_action = self._action(
            self.tr("Sign &out"), QKeySequence("Ctrl+Shift+L"), self._sign_out
        )
        quit_keys = QKeySequence.keyBindings(std.Quit)
        self.quit_action = self._action(
            self.tr("&Quit"), quit_keys[0] if quit_keys else QKeySequence("Ctrl+Q"), self._quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.history_action = self._action(
            self.tr("Change &history…"), QKeySequence("Ctrl+H"), self.show_change_history
        )
        self.history_action.setToolTip(self.tr("Every change this app made on your account"))
        self.about_action = self._action(self.tr("&About TraiTel Desktop"), None, self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        account = self.menuBar().addMenu(self.tr("&Account"))
        account.addAction(self.refresh_action)
        account.addSeparator()
        account.addAction(self.settings_action)
        account.addSeparator()
        account.addAction(self.sign_out_action)
        account.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for index, spec in enumerate(self.specs):
            action = self._action(
                spec.title.replace("&", "&&"),
                QKeySequence(f"Ctrl+{index + 1}"),
                lambda _=False, i=index: self.tabs.setCurrentIndex(i),
            )
            view.addAction(action)
        view.addSeparator()
        view.addAction(self.history_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help = HelpMenu(self, self.session, help_menu, self._tab_areas)
        help_menu.addAction(self.about_action)

    def _tab_areas(self) -> list[tuple[str, QWidget]]:
        """Every tab (built if it was not yet; its data loads when it is shown), for the
        keyboard shortcuts page of Help."""
        return [(host.spec.title, host.content()) for host in self.hosts]

    # --- the tray ------------------------------------------------------------------------
    def attach_tray(self, tray: AppTray) -> None:
        """Use ``tray`` (made by :func:`make_tray` where the system has a tray): its tooltip
        follows the balance, its menu opens, refreshes and quits this window."""
        self.tray = tray
        tray.show_balance(self.session.balance)
        self.session.balance_read.connect(tray.show_balance)
        tray.open_requested.connect(self.bring_back)
        tray.refresh_requested.connect(self.refresh)
        tray.quit_requested.connect(self._quit)
        tray.pause_toggled.connect(self.alerts_paused)
        alert_links.connect_tray(self, tray)

    def bring_back(self) -> None:
        """Show the window again (from the tray), in front."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def keeps_running_in_tray(self) -> bool:
        """Whether closing the window leaves the app in the tray: the owner chose it, and
        the system has a tray."""
        settings = self.session.settings
        return self.tray is not None and settings is not None and settings.keep_in_tray

    # --- state --------------------------------------------------------------------------
    def apply_preferences(self) -> None:
        """Read the threshold and refresh interval from the settings."""
        settings = self.session.settings
        if settings is None:
            return
        self.header.set_threshold(settings.low_balance_threshold)
        self.header.set_refresh_minutes(settings.refresh_minutes)
        if self.watcher is not None:
            self.watcher.interval_minutes = watch_minutes(settings)

    def _restore_state(self) -> None:
        settings = self.session.settings
        restored = False
        if settings is not None:
            geometry = settings.geometry
            if not geometry.isEmpty():
                restored = self.restoreGeometry(geometry)
            names = [spec.name for spec in self.specs]
            if settings.last_tab in names:
                self.tabs.setCurrentIndex(names.index(settings.last_tab))
        if not restored:
            self.resize(1100, 720)

    def save_state(self) -> None:
        """Remember geometry and the current tab."""
        settings = self.session.settings
        if settings is None:
            return
        settings.geometry = self.saveGeometry()
        settings.last_tab = self.current_spec().name
        settings.sync()

    def current_spec(self) -> TabSpec:
        """The spec of the tab shown now."""
        return self.specs[max(self.tabs.currentIndex(), 0)]

    def tab(self, name: str) -> QWidget:
        """The tab widget called ``name`` (see tabs.py)."""
        for host in self.hosts:
            if host.spec.name == name:
                return host.content()
        raise KeyError(name)

    # --- alerts -------------------------------------------------------------------------
    def start_watching(self) -> None:
        """Start checking the account every few minutes (the app does, once the window is
        shown); the header shows how it goes."""
        if self.watcher is not None:
            self.watcher.start()
            self.header.show_watch_status(self.watcher.status)

    def show_unread(self) -> None:
        """The Alerts tab's title with the unread count: "Alerts (3)"."""
        alert_links.show_unread(self)

    def _tab_built(self, widget: QWidget) -> None:
        opened = getattr(widget, "open_requested", None)
        if opened is not None:
            opened.connect(self.open_alert)

    def open_alert(self, alert: StoredAlert) -> asyncio.Task[Any] | None:
        """Open where ``alert`` points (see :func:`.alert_links.open_alert`)."""
        return alert_links.open_alert(self, alert)

    # --- loading ------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:
        """Load the first tab once the window is shown."""
        super().showEvent(event)
        # Next turn of the loop: the window paints first, then the tab is built and loads.
        QTimer.singleShot(0, self, lambda: self._on_tab_changed(self.tabs.currentIndex()))

    def _on_tab_changed(self, index: int) -> None:
        if index >= 0 and index not in self._loaded:
            self.reload_tab(index)

    def reload_tab(self, index: int) -> asyncio.Task[Any] | None:
        """Start (or restart) loading the tab at ``index``; returns the task."""
        widget = self.hosts[index].content()
        reload = getattr(widget, "reload", None)
        if reload is None:
            return None
        self._loaded.add(index)
        task = spawn(self._guarded(reload), name=f"reload-{self.specs[index].name}")
        self._reloads[index] = task
        return task

    async def _guarded(self, start: Callable[[], Awaitable[Any]]) -> None:
        """Run a view's coroutine; show API errors in the message bar, ignore Superseded.

        Takes the coroutine function, not a coroutine, so a task cancelled before it starts
        leaves no never-awaited coroutine behind."""
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services.storage import StorageError

        try:
            await start()
        except Superseded:
            return
        except (TraiTelError, StorageError) as exc:
            if not self.session.closed:
                self.message_bar.show_error(exc)

    def refresh(self) -> None:
        """F5: reload the current tab and the balance."""
        self.message_bar.clear()
        self.reload_tab(self.tabs.currentIndex())
        self.refresh_balance()

    def refresh_balance(self) -> asyncio.Task[Any]:
        """Ask for the balance now."""
        return spawn(self._guarded(self.session.refresh_balance), name="refresh-balance")

    # --- actions ------------------------------------------------------------------------
    def show_change_history(self) -> QWidget:
        """Open the change history window (View ▸ Change history…, Ctrl+H); returns it."""
        from traitel_desktop.ui.change_history.window import open_change_history

        return open_change_history(self.session, self)

    def _about(self) -> None:
        from traitel_desktop.ui.frame.about import show_about

        show_about(self)

    def _sign_out(self) -> None:
        self._closing_for = "signout"
        self.close()

    def _quit(self) -> None:
        self._closing_for = "quit"
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save state, stop loading and tell the app why the window closed. Closed by its
        title bar while the owner keeps the app in the tray: only hide (Quit still quits)."""
        self.save_state()
        if not self._closing_for and self.keeps_running_in_tray():
            event.ignore()
            self.hide()
            return
        if self.tray is not None:
            self.session.balance_read.disconnect(self.tray.show_balance)
            self.tray.dispose()
            self.tray = None
        self.header.timer.stop()
        if self.watcher is not None:
            self.watcher.alerts_changed.disconnect(self.show_unread)
            self.watcher.status_changed.disconnect(self.header.show_watch_status)
            forget_watcher(self.session)
            self.watcher = None
        for task in self._reloads.values():
            task.cancel()
        super().closeEvent(event)
        reason, self._closing_for = self._closing_for or "quit", ""
        try:
            if reason == "signout":
                self.sign_out_requested.emit()
            else:
                self.quit_requested.emit()
        except Exception as exc:  # pragma: no cover - a failing slot must not kill the app
            report(exc)
