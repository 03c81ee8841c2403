"""The Alerts tab: the alerts the watcher kept, newest first, unread ones bold.

Mark as read (the selected alerts), Mark all as read and Clear (after a confirmation: it
cannot be undone) act on the account's record through the session's watcher
(:func:`~.watching.watcher_for`). Enter or a double-click on an alert marks it read and asks
the main window to open where it points (``open_requested(StoredAlert)``): the row in
Activity, the balance in the header, or the Spend tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services.storage import StorageError
from traitel_desktop.services.watcher import StoredAlert, Watcher
from traitel_desktop.ui.alerts.model import ALERT_ROLE, AlertColumn, AlertsModel, AlertsProxy
from traitel_desktop.ui.alerts.watching import watcher_for
from traitel_desktop.ui.widgets.confirm_delete import ConfirmDeleteDialog
from traitel_desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from traitel_desktop.services import Session

__all__ = ["AlertsTab", "empty_text"]


def empty_text(minutes: int) -> str:
    """What the empty list says, with how often the app checks."""
    from PySide6.QtCore import QCoreApplication

    every = (QCoreApplication.translate("AlertsTab", "every minute") if minutes == 1 else
             QCoreApplication.translate("AlertsTab", "every {0} minutes").format(minutes))
    return QCoreApplication.translate(
        "AlertsTab", "No alerts. The app checks your account {0} while it runs.").format(every)


class AlertsTab(QWidget):
    """The Alerts list (see the module docstring). Tab protocol: ``reload()``, ``loaded``."""

    loaded = Signal()
    open_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None,
                 watcher: Watcher | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.watcher = watcher if watcher is not None else watcher_for(session)
        self.setObjectName("alertsTab")
        self.setAccessibleName(self.tr("Alerts"))
        self.confirm: ConfirmDeleteDialog | None = None

        self.message_bar = MessageBar(self)
        self.model = AlertsModel(self)
        self.proxy = AlertsProxy(self.model, self)
        self.view = QTableView(self)
        self.view.setObjectName("alertsTable")
        self.view.setAccessibleName(self.tr("Alerts, newest first"))
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(AlertColumn.WHEN, Qt.SortOrder.DescendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(AlertColumn.WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlertColumn.SEVERITY,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlertColumn.TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(AlertColumn.TITLE, 260)
        header.setStretchLastSection(True)
        self.empty = QLabel(self)
        self.empty.setObjectName("alertsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel(self)
        self.details.setObjectName("alertDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("The selected alert"))
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        self.read_button = QPushButton(self.tr("Mark as &read"), self)
        self.all_button = QPushButton(self.tr("Mark a&ll as read"), self)
        self.clear_button = QPushButton(self.tr("&Clear all…"), self)
        self.clear_button.setAccessibleName(self.tr("Clear all alerts"))
        self.hint = QLabel(self.tr("Double-click an alert or press Enter to see it."), self)
        self.hint.setObjectName("accountSub")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.setSpacing(8)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

        self.read_action = self._action(self.tr("Mark as read"), "Ctrl+M", self.mark_selected)
        self.all_action = self._action(self.tr("Mark all as read"), "Ctrl+Shift+M",
                                       self.mark_all)
        self.clear_action = self._action(self.tr("Clear all alerts"), "Ctrl+Shift+Delete",
                                         self.ask_clear)
        self.read_button.clicked.connect(self.read_action.trigger)
        self.all_button.clicked.connect(self.all_action.trigger)
        self.clear_button.clicked.connect(self.clear_action.trigger)
        for button, action in ((self.read_button, self.read_action),
                               (self.all_button, self.all_action),
                               (self.clear_button, self.clear_action)):
            button.setToolTip(f"{action.text()} ({action.shortcut().toString()})")
        self.view.activated.connect(self.open_alert)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.watcher.alerts_changed.connect(self.show_alerts)
        session.data_changed.connect(self._data_changed)
        self.show_alerts()

    def _action(self, text: str, keys: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- showing --------------------------------------------------------------------------
    async def reload(self) -> None:
        """Show the kept alerts (tab protocol; the record is local: no network)."""
        self.show_alerts()
        self.loaded.emit()

    def show_alerts(self) -> None:
        """Read the alerts again, keeping the selection."""
        kept = {a.id for a in self.selected()}
        try:
            alerts = self.watcher.alerts()
        except StorageError as exc:
            self.message_bar.show_error(exc)
            return
        self.model.set_alerts(alerts, self.session.time_zone)
        self.empty.setText(empty_text(self.watcher.interval_minutes))
        self.stack.setCurrentWidget(self.view if alerts else self.empty)
        selection = self.view.selectionModel()
        for row in range(self.proxy.rowCount()):
            alert = self.proxy.alert(row)
            if alert is not None and alert.id in kept:
                selection.select(self.proxy.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        self._enable()

    def _data_changed(self, topic: str) -> None:
        if topic == "timezone":
            self.show_alerts()

    def _enable(self) -> None:
        alerts = self.model.alerts
        chosen = self.selected()
        self.details.setText(f"{chosen[-1].title}\n{chosen[-1].text}" if chosen else "")
        self.details.setVisible(bool(chosen))
        self.read_action.setEnabled(any(not a.read for a in self.selected()))
        self.all_action.setEnabled(any(not a.read for a in alerts))
        self.clear_action.setEnabled(bool(alerts))
        for button, action in ((self.read_button, self.read_action),
                               (self.all_button, self.all_action),
                               (self.clear_button, self.clear_action)):
            button.setEnabled(action.isEnabled())

    def selected(self) -> list[StoredAlert]:
        """The selected alerts."""
        found = (index.data(ALERT_ROLE) for index in self.view.selectionModel().selectedRows())
        return [a for a in found if isinstance(a, StoredAlert)]

    def select_row(self, row: int) -> None:
        """Select the shown row ``row`` (tests and screenshots)."""
        index = self.proxy.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, self.view.selectionModel().SelectionFlag.ClearAndSelect
            | self.view.selectionModel().SelectionFlag.Rows)

    # --- actions --------------------------------------------------------------------------
    def _write(self, change: Any) -> bool:
        try:
            change()
        except StorageError as exc:
            self.message_bar.show_error(exc)
            return False
        return True

    def mark_selected(self) -> None:
        """Mark the selected alerts as read."""
        unread = [a.id for a in self.selected() if not a.read]

        def mark() -> None:
            for alert_id in unread:
                self.watcher.mark_read(alert_id)

        if unread:
            self._write(mark)

    def mark_all(self) -> None:
        """Mark every alert as read."""
        self._write(self.watcher.mark_read)

    def ask_clear(self) -> ConfirmDeleteDialog | None:
        """Ask before removing every alert; Clear removes them, Keep them changes nothing."""
        count = len(self.model.alerts)
        if not count:
            return None
        dialog = ConfirmDeleteDialog(
            [], self,
            title=self.tr("Clear alerts"),
            question=self.tr("Remove all {0} alerts from this list?").format(count)
            if count > 1 else self.tr("Remove the alert from this list?"),
            explanation=self.tr("Nothing changes on your TraiTel account, and the activity "
                                "stays in the Activity tab. Alerts that were cleared do not "
                                "come back."),
            items=[], list_name="",
            delete_text=self.tr("&Remove alerts"), delete_name=self.tr("Remove alerts"),
            keep_name=self.tr("Keep the alerts"),
        )
        dialog.cancel_button.setText(self.tr("&Keep them"))
        dialog.accepted.connect(lambda: self._write(self.watcher.clear))
        dialog.finished.connect(dialog.deleteLater)
        self.confirm = dialog
        dialog.open()
        return dialog

    def open_alert(self, index: QModelIndex) -> None:
        """Enter or double-click: mark the alert read and open where it points."""
        alert = index.data(ALERT_ROLE)
        if not isinstance(alert, StoredAlert):
            return
        if not alert.read:
            self._write(lambda: self.watcher.mark_read(alert.id))
        self.open_requested.emit(alert)
