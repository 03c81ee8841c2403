"""The Activity tab's table model: one log's rows (a :class:`LogTable`), sorted and filtered.

The model does its own sorting and filtering on a list of row numbers (:attr:`visible`),
computed in one go (``list.sort`` on a key column; one pass over the precomputed search
texts), instead of a ``QSortFilterProxyModel`` calling Python for each pair or row. The view
calls :meth:`sort` when a header is clicked. ``data()`` is O(1): a list lookup and a cached
text.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from traitel_desktop.ui.activity.table import LogTable, Totals

__all__ = ["ActivityModel", "Role"]

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class Role(IntEnum):
    """Custom roles of :class:`ActivityModel`."""

    #: The row's raw values (tuple in API column order), any column.
    RECORD = Qt.ItemDataRole.UserRole + 1
    #: The cell's raw sort value.
    SORT = Qt.ItemDataRole.UserRole + 2
    #: The row number in the :class:`LogTable`.
    ROW = Qt.ItemDataRole.UserRole + 3


class ActivityModel(QAbstractTableModel):
    """Rows of one log, in :attr:`visible` order (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = LogTable.from_rows("logvoicein", [])
        self.visible: list[int] = []
        self.sort_column = 0
        self.descending = True
        self.filter_text = ""
        self.sub_id: int | None = None

    # --- contents -------------------------------------------------------------------------
    def set_table(self, table: LogTable) -> None:
        """Show ``table`` (keeping the sort column when the log stays the same)."""
        self.beginResetModel()
        if table.log != self.table.log:
            self.sort_column, self.descending = 0, True
        self.table = table
        self.visible = self._compute()
        self.endResetModel()

    def _compute(self) -> list[int]:
        column = min(self.sort_column, len(self.table.view) - 1)
        order = self.table.order(column, self.descending)
        return self.table.matching(order, self.filter_text, self.sub_id)

    def _refresh(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        rows = [self.visible[i.row()] if 0 <= i.row() < len(self.visible) else -1 for i in old]
        self.visible = self._compute()
        where = {r: n for n, r in enumerate(self.visible)} if old else {}
        new = [
            self.index(where[r], i.column()) if r in where else QModelIndex()
            for r, i in zip(rows, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def set_filter(self, text: str = "", sub_id: int | None = None) -> None:
        """Show only rows containing ``text`` (any column, case ignored) of ``sub_id``."""
        text = text.strip()
        if text == self.filter_text and sub_id == self.sub_id:
            return
        self.filter_text, self.sub_id = text, sub_id
        self.beginResetModel()
        self.visible = self._compute()
        self.endResetModel()

    def model_row(self, table_row: int) -> int:
        """The model row showing :class:`LogTable` row ``table_row``, or -1."""
        try:
            return self.visible.index(table_row)
        except ValueError:
            return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``'s raw values (the view calls this on a header click)."""
        if not 0 <= column < len(self.table.view):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._refresh()

    def totals(self) -> Totals:
        """Sums over the rows shown."""
        return self.table.totals(self.visible)

    def table_row(self, row: int) -> int:
        """The :class:`LogTable` row shown at model row ``row``."""
        return self.visible[row]

    # --- Qt overrides ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows shown (0 under a valid parent: a flat table)."""
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Shown columns of the log (0 under a valid parent)."""
        return 0 if parent.isValid() else len(self.table.view)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, tooltip, alignment, or a :class:`Role` value; O(1)."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self.visible) and 0 <= column < len(self.table.view)):
            return None
        source = self.visible[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.table.text(column, source)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.table.view[column].right else _LEFT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.table.tooltip(column, source)
        if role == Role.SORT:
            return self.table.sort_key(column)[source]
        if role == Role.RECORD:
            return self.table.raw(source)
        if role == Role.ROW:
            return source
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; no row numbers."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.table.view):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.table.view[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.table.view[section].right else _LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren
