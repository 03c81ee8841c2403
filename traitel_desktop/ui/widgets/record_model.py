"""The record-table base shared by the list tabs (sub-accounts, numbers, IVR menus, IVML
configurations) and the change history: the table model, its sort/filter proxy and the view
set-up.

A row's display texts, tooltips, sort keys and search texts are computed once when the rows
are set (:class:`Cells`), so ``data()`` is a tuple or dict lookup: O(1), no parsing or
formatting. Sorting uses the raw keys (:attr:`Role.SORT`), never display strings.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex

#: Shown in a cell that has nothing to show (with a tooltip saying why).
NOTHING = "—"


class Role(IntEnum):
    """Custom item data roles (every record table)."""

    #: The row's record (``IvrMenu``, ``IvmlConfig``, ``SubAccountRow``, ``NumberRow``, ...),
    #: any column.
    RECORD = Qt.ItemDataRole.UserRole + 1
    #: The raw sort key of the cell (ints, datetimes, case-folded text tuples).
    SORT = Qt.ItemDataRole.UserRole + 2
    #: The text the search box matches.
    SEARCH = Qt.ItemDataRole.UserRole + 3


class Cells:
    """Precomputed texts and keys of one row. ``extra`` holds further ``(role, column)``
    values (tooltips, colours, icons) for the few cells that have them."""

    __slots__ = ("display", "extra", "record", "search", "sort")

    def __init__(
        self,
        record: Any,
        display: tuple[str, ...],
        sort: tuple[Any, ...],
        search: tuple[str, ...] | None = None,
        extra: dict[tuple[int, int], Any] | None = None,
    ) -> None:
        self.record = record
        self.display = display
        self.sort = sort
        self.search = display if search is None else search
        self.extra = extra or {}


def text_key(text: str) -> tuple[bool, str]:
    """Sort key for text: case-insensitive, empty texts after the others."""
    return (text == "", text.casefold())


def numbers_key(dids: tuple[str, ...], outbound: bool) -> tuple[int, tuple[str, ...]]:
    """Sort key for a numbers cell: rows with numbers first (by their numbers), then
    outbound services, then rows without numbers."""
    return (0 if dids else 1 if outbound else 2, dids)


class RecordTableModel(QAbstractTableModel):
    """A flat, read-only table of records; subclasses set :attr:`columns`, :meth:`titles`
    and :meth:`cells_for` (and :attr:`right_aligned`, :attr:`key_attr`, :attr:`no_tip`)."""

    columns: type[IntEnum]
    right_aligned: frozenset[int] = frozenset()
    #: The record attribute :meth:`row_of` looks records up by.
    key_attr = "id"
    #: A display text that gets no tooltip (besides the empty text).
    no_tip = NOTHING

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: list[Cells] = []
        self._titles = self.titles()

    def titles(self) -> dict[int, str]:
        """Header titles by column (translated)."""
        raise NotImplementedError

    def cells_for(self, record: Any) -> Cells:
        """The precomputed cells of one record."""
        raise NotImplementedError

    # --- rows ---------------------------------------------------------------------------
    def set_rows(self, records: list[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._cells = [self.cells_for(r) for r in records]
        self.endResetModel()

    def rows(self) -> list[Any]:
        """The records, in model order."""
        return [cells.record for cells in self._cells]

    def row_of(self, ident: Any) -> int:
        """The model row of the record whose :attr:`key_attr` is ``ident``, or -1."""
        for number, cells in enumerate(self._cells):
            if getattr(cells.record, self.key_attr, None) == ident:
                return number
        return -1

    def sort_key(self, row: int, column: int) -> Any:
        """The raw sort key of a cell (what :attr:`Role.SORT` returns), without Qt."""
        return self._cells[row].sort[column]

    # --- Qt overrides -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of records (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns (0 under a valid parent)."""
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell data: display text, tooltip, alignment, extras, or a :class:`Role` value."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._cells) and 0 <= column < len(self.columns)):
            return None
        cells = self._cells[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cells.display[column]
        if role == Role.SORT:
            return cells.sort[column]
        if role == Role.SEARCH:
            return cells.search[column]
        if role == Role.RECORD:
            return cells.record
        value = cells.extra.get((role, column))
        if value is not None:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            text = cells.display[column]
            return text if text and text != self.no_tip else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row numbers are not shown."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Rows are selectable, never editable in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren


class RecordProxy(QSortFilterProxyModel):
    """Sorts on :attr:`Role.SORT` (raw values) and filters, case-insensitively, on every
    column's :attr:`Role.SEARCH` text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setFilterRole(Role.SEARCH)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare the raw sort keys, never display strings."""
        a = left.data(Role.SORT)
        b = right.data(Role.SORT)
        if a is None or b is None:
            return super().lessThan(left, right)
        return bool(a < b)

    #: When set, :meth:`record` returns only records of this type (else None).
    record_type: type | None = None

    def record(self, index: Index) -> Any:
        """The row's record at a proxy index (None for an invalid index)."""
        value = index.data(Role.RECORD) if index.isValid() else None
        if self.record_type is not None and not isinstance(value, self.record_type):
            return None
        return value


# --- views ------------------------------------------------------------------------------
def record_view(
    parent: QWidget,
    model: QSortFilterProxyModel,
    name: str,
    accessible: str,
    widths: dict[int, int],
) -> QTableView:
    """A read-only, row-selecting, sortable table view of ``model`` with the house look;
    ``widths`` are the starting widths of the columns (the last one stretches)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    return view


def view_or_empty(parent: QWidget, view: QTableView) -> tuple[QStackedWidget, QLabel]:
    """A stack showing ``view``, or a centred label saying why it is empty."""
    empty = QLabel(parent)
    empty.setObjectName("placeholderText")
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setWordWrap(True)
    stack = QStackedWidget(parent)
    stack.addWidget(view)
    stack.addWidget(empty)
    return stack, empty


def heading(text: str, parent: QWidget, note: str = "") -> QHBoxLayout:
    """A section heading (bold) with an optional grey note after it."""
    title = QLabel(text, parent)
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    title.setFont(font)
    row = QHBoxLayout()
    row.addWidget(title)
    if note:
        words = QLabel(note, parent)
        words.setObjectName("accountSub")
        row.addWidget(words)
    row.addStretch(1)
    return row
