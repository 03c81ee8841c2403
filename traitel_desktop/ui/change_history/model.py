"""The change history's table: change-log lines (``Change``) as rows, with words for their
areas and actions, failed changes marked, sorted on raw values; and the proxy that searches
them and can show only the failures. Used by :mod:`traitel_desktop.ui.change_history.window`."""

from __future__ import annotations

from datetime import UTC
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from traitel_desktop.core.dates import local_time_text
from traitel_desktop.services.changes import RESULT_OK
from traitel_desktop.ui.widgets.record_model import (
    Cells,
    RecordProxy,
    RecordTableModel,
    Role,
    text_key,
)
from traitel_desktop.ui.widgets.zone_time import moment_with_zone, with_zone

if TYPE_CHECKING:
    from traitel_desktop.services.changes import Change

FAILED_BACKGROUND = "#fef2f2"
FAILED_TEXT = "#b91c1c"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChangeHistory", text)


class Column(IntEnum):
    """The change history's columns, in order."""

    WHEN = 0
    WHO = 1
    AREA = 2
    WHAT = 3
    TARGET = 4
    RESULT = 5


def area_words() -> dict[str, str]:
    """The change log's areas as shown."""
    return {
        "sub-accounts": _tr("Sub-accounts"),
        "numbers": _tr("Numbers"),
        "ivml": _tr("Call flows"),
        "time zone": _tr("Time zone"),
    }


def action_words() -> dict[str, str]:
    """The change log's actions as shown."""
    return {
        "add": _tr("Added"),
        "change": _tr("Changed"),
        "delete": _tr("Deleted"),
        "assign": _tr("Assigned"),
        "buy": _tr("Bought"),
        "subscribe": _tr("Bought"),
        "set": _tr("Set"),
    }


def failed(change: Change) -> bool:
    """True when the change did not (or may not) happen."""
    return change.result != RESULT_OK


class ChangeHistoryModel(RecordTableModel):
    """Change-log lines as a table (columns: :class:`Column`; roles:
    :class:`~traitel_desktop.ui.widgets.record_model.Role`, whose RECORD is the ``Change``)."""

    columns = Column

    def __init__(self, parent: QObject | None = None, zone: str | None = None) -> None:
        #: The account's time zone: every "when" is on its clock (see :meth:`set_zone`).
        self.zone = zone
        super().__init__(parent)
        self._areas = area_words()
        self._actions = action_words()
        self._done = _tr("Done")
        self._failed = _tr("Failed: {0}")
        self._failed_icon = QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        self._failed_background = QBrush(QColor(FAILED_BACKGROUND))
        self._failed_text = QBrush(QColor(FAILED_TEXT))

    def set_zone(self, zone: str | None) -> None:
        """Show every time on the clock of ``zone`` (the account's new time zone)."""
        if zone != self.zone:
            self.zone = zone
            self.set_titles()
            self.set_rows(self.rows())

    def set_titles(self) -> None:
        """Build the column titles again (the "When" title names the zone)."""
        self._titles = self.titles()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return {
            Column.WHEN: with_zone(_tr("When"), self.zone),
            Column.WHO: _tr("Who"),
            Column.AREA: _tr("Area"),
            Column.WHAT: _tr("What"),
            Column.TARGET: _tr("Target"),
            Column.RESULT: _tr("Result"),
        }

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one ``Change``."""
        change: Change = record
        area = self._areas.get(change.area, change.area.capitalize())
        action = self._actions.get(change.action, change.action.capitalize())
        what = f"{action}: {change.detail}" if change.detail else action
        bad = failed(change)
        result = self._failed.format(change.result) if bad else self._done
        when = local_time_text(change.at, self.zone)
        display = (when, change.actor, area, what, change.target, result)
        tip = Qt.ItemDataRole.ToolTipRole
        utc = change.at.astimezone(UTC)
        extra: dict[tuple[int, int], Any] = {
            (tip, Column.WHEN): _tr("{0} ({1:%Y-%m-%d %H:%M:%S} UTC)")
            .format(moment_with_zone(change.at, self.zone), utc),
        }
        if bad:
            extra[Qt.ItemDataRole.DecorationRole, Column.RESULT] = self._failed_icon
            extra[Qt.ItemDataRole.ForegroundRole, Column.RESULT] = self._failed_text
            for column in Column:
                extra[Qt.ItemDataRole.BackgroundRole, column] = self._failed_background
        sort = (
            (change.at, change.id),
            text_key(change.actor),
            text_key(area),
            text_key(what),
            text_key(change.target),
            (not bad, text_key(change.result)),
        )
        return Cells(change, display, sort, extra=extra)


class ChangeHistoryProxy(RecordProxy):
    """Sorts on raw values, searches every column, and can hide the lines that worked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._failures_only = False

    @property
    def failures_only(self) -> bool:
        """Whether only failed changes are shown."""
        return self._failures_only

    def set_failures_only(self, on: bool) -> None:
        """Show only the failed changes (or every change)."""
        if on != self._failures_only:
            self.beginFilterChange()
            self._failures_only = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:
        """The search text (every column), and the failure switch."""
        if self._failures_only:
            model = self.sourceModel()
            change = model.index(source_row, 0, source_parent).data(Role.RECORD)
            if change is None or not failed(change):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
