"""The sub-accounts table model and its sort/filter proxy.

Rows are :class:`~traitel_desktop.services.subaccounts.SubAccountRow`. Display texts, sort
keys and search texts are computed once per row when rows are set (a few short strings per
sub-account), so :meth:`SubAccountModel.data` is a tuple lookup: O(1), no parsing.
"""

from __future__ import annotations

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

from traitel_desktop.services.subaccounts import SubAccountRow

#: Shown in the Alias column when the alias was set outside this app.
UNKNOWN_ALIAS = "—"

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubAccountModel", text)


class Column(IntEnum):
    """The table's columns, in order."""

    ID = 0
    ALIAS = 1
    NAME = 2
    EMAIL = 3
    COMPANY = 4
    FAX_HEADLINE = 5


class Role(IntEnum):
    """Custom item data roles."""

    #: The row's :class:`SubAccountRow` (any column).
    RECORD = Qt.ItemDataRole.UserRole + 1
    #: The raw sort key of the cell (int for the ID, case-folded text otherwise).
    SORT = Qt.ItemDataRole.UserRole + 2
    #: The text the search box matches (the alias is "" when unknown, not "—").
    SEARCH = Qt.ItemDataRole.UserRole + 3


def column_titles() -> dict[Column, str]:
    """Header titles (translated)."""
    return {
        Column.ID: _tr("ID"),
        Column.ALIAS: _tr("Alias"),
        Column.NAME: _tr("Name"),
        Column.EMAIL: _tr("E-mail"),
        Column.COMPANY: _tr("Company"),
        Column.FAX_HEADLINE: _tr("Fax headline"),
    }


class _Cells:
    """Precomputed per-row texts and keys (built once in :meth:`SubAccountModel.set_rows`)."""

    __slots__ = ("display", "haystack", "row", "search", "sort")

    def __init__(self, row: SubAccountRow) -> None:
        sub = row.sub
        alias = row.alias or ""
        self.row = row
        self.search: tuple[str, ...] = (
            str(row.sub_id),
            alias,
            row.name,
            sub.email,
            sub.company,
            sub.fax_headline,
        )
        self.haystack = "\n".join(self.search)
        self.display: tuple[str, ...] = (
            self.search[0],
            alias or UNKNOWN_ALIAS,
            *self.search[2:],
        )
        # Empty texts sort after the others; names by last name, then first name.
        name_key = (sub.last_name.casefold(), sub.first_name.casefold())
        self.sort: tuple[Any, ...] = (
            row.sub_id,
            (alias == "", alias.casefold()),
            (name_key == ("", ""), name_key),
            *((text == "", text.casefold()) for text in self.search[3:]),
        )


class SubAccountModel(QAbstractTableModel):
    """Sub-accounts as a table (columns: :class:`Column`; roles: :class:`Role`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: list[_Cells] = []
        self._titles = column_titles()
        self._unknown_tip = _tr("Set outside this app: TraiTel does not tell the app aliases.")

    # --- rows ---------------------------------------------------------------------------
    def set_rows(self, rows: list[SubAccountRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._cells = [_Cells(row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[SubAccountRow]:
        """The rows, in model order."""
        return [cells.row for cells in self._cells]

    def sort_key(self, row: int, column: int) -> Any:
        """The raw sort key of a cell (what :attr:`Role.SORT` returns), without Qt."""
        return self._cells[row].sort[column]

    def search_text(self, row: int) -> str:
        """Every column's :attr:`Role.SEARCH` text of ``row``, one per line."""
        return self._cells[row].haystack

    def row_of(self, sub_id: int) -> int:
        """The model row of ``sub_id``, or -1."""
        for number, cells in enumerate(self._cells):
            if cells.row.sub_id == sub_id:
                return number
        return -1

    # --- Qt overrides -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of sub-accounts (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of :class:`Column` members (0 under a valid parent)."""
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell data: display text, tooltip, alignment, or a :class:`Role` value."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(Column)):
            return None
        cells = self._cells[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cells.display[column]
        if role == Role.SORT:
            return cells.sort[column]
        if role == Role.SEARCH:
            return cells.search[column]
        if role == Role.RECORD:
            return cells.row
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.ALIAS and not cells.search[column]:
                return self._unknown_tip
            return cells.display[column] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers are not shown."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable, not editable in place (the dialog edits them)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren


class SubAccountProxy(QSortFilterProxyModel):
    """Sorts on :attr:`Role.SORT` (raw values) and filters, case-insensitively, on every
    column's :attr:`Role.SEARCH` text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setFilterRole(Role.SEARCH)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare the raw sort keys (tuples and ints), never display strings."""
        source = self.sourceModel()
        if isinstance(source, SubAccountModel):
            a = source.sort_key(left.row(), left.column())
            b = source.sort_key(right.row(), right.column())
        else:
            a, b = left.data(Role.SORT), right.data(Role.SORT)
        if a is None or b is None:
            return super().lessThan(left, right)
        return bool(a < b)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """The filter (``setFilterFixedString``, case ignored) against every column's
        :attr:`Role.SEARCH` text at once: one match per row, no per-cell ``data()`` calls."""
        regex = self.filterRegularExpression()
        source = self.sourceModel()
        if not regex.pattern() or not isinstance(source, SubAccountModel):
            return super().filterAcceptsRow(source_row, source_parent)
        return regex.match(source.search_text(source_row)).hasMatch()

    def record(self, index: Index) -> SubAccountRow | None:
        """The row's record at a proxy index."""
        value = index.data(Role.RECORD) if index.isValid() else None
        return value if isinstance(value, SubAccountRow) else None
