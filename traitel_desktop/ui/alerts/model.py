"""The Alerts table: the kept alerts (newest first), one row each, unread rows bold.

:class:`AlertsModel` holds a list of :class:`StoredAlert`; :data:`ALERT_ROLE` gives a row's
alert in any column, :data:`SORT_ROLE` the value the proxy (:class:`AlertsProxy`) sorts by.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from traitel_desktop.core.alerts import Severity
from traitel_desktop.core.dates import local_time_text
from traitel_desktop.services.watcher import StoredAlert
from traitel_desktop.ui.widgets.zone_time import with_zone

__all__ = ["ALERT_ROLE", "SORT_ROLE", "AlertColumn", "AlertsModel", "AlertsProxy",
           "severity_word"]

Index = QModelIndex | QPersistentModelIndex

#: A row's :class:`StoredAlert`, in any column.
ALERT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The value a column sorts by.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("AlertsModel", text)


class AlertColumn(IntEnum):
    """The table's columns, in order."""

    WHEN = 0
    SEVERITY = 1
    TITLE = 2
    TEXT = 3


def severity_word(severity: str) -> str:
    """"Urgent" for a critical alert, "Warning" otherwise."""
    return _tr("Urgent") if severity == Severity.CRITICAL else _tr("Warning")


def _severity_icon(severity: str) -> QIcon:
    pixmap = (QStyle.StandardPixmap.SP_MessageBoxCritical if severity == Severity.CRITICAL
              else QStyle.StandardPixmap.SP_MessageBoxWarning)
    return QApplication.style().standardIcon(pixmap)


class AlertsModel(QAbstractTableModel):
    """The alerts in the order given (the watcher lists them newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alerts: list[StoredAlert] = []
        #: The account's time zone ("When" is on its clock).
        self.zone: str | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_alerts(self, alerts: Sequence[StoredAlert], zone: str | None) -> None:
        """Show ``alerts`` with their times in ``zone``."""
        self.beginResetModel()
        self.alerts = list(alerts)
        self.zone = zone
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(AlertColumn) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AlertColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.alerts):
            return None
        alert = self.alerts[index.row()]
        column = AlertColumn(index.column())
        if role == ALERT_ROLE:
            return alert
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(alert, column)
        if role == SORT_ROLE:
            return alert.created.timestamp() if column is AlertColumn.WHEN \
                else self._text(alert, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (AlertColumn.TITLE,
                                                              AlertColumn.TEXT):
            return alert.text
        if role == Qt.ItemDataRole.FontRole and not alert.read:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and column is AlertColumn.SEVERITY:
            return _severity_icon(alert.severity)
        if (role == Qt.ItemDataRole.ForegroundRole and column is AlertColumn.SEVERITY
                and alert.severity == Severity.CRITICAL):
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = _tr("unread") if not alert.read else _tr("read")
            return f"{self._text(alert, column)} ({state})"
        return None

    def _text(self, alert: StoredAlert, column: AlertColumn) -> str:
        if column is AlertColumn.WHEN:
            return local_time_text(alert.created, self.zone)
        if column is AlertColumn.SEVERITY:
            return severity_word(alert.severity)
        if column is AlertColumn.TITLE:
            return alert.title
        return alert.text

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole
                or not 0 <= section < len(AlertColumn)):
            return None
        return {
            AlertColumn.WHEN: with_zone(_tr("When"), self.zone),
            AlertColumn.SEVERITY: _tr("How serious"),
            AlertColumn.TITLE: _tr("What happened"),
            AlertColumn.TEXT: _tr("Details and what to do"),
        }[AlertColumn(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AlertsProxy(QSortFilterProxyModel):
    """Sorts the alerts by :data:`SORT_ROLE` (newest first to start with)."""

    def __init__(self, source: AlertsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.sort(AlertColumn.WHEN, Qt.SortOrder.DescendingOrder)

    def alert(self, row: int) -> StoredAlert | None:
        """The alert shown in ``row`` (None: no such row)."""
        value = self.index(row, 0).data(ALERT_ROLE)
        return value if isinstance(value, StoredAlert) else None
