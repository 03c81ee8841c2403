"""The IVR menus (read-only): their table model and the panel showing them; and the small
record-table base (model, proxy, view set-up) shared with the IVML configurations and the
change history.

A row's display texts, tooltips, sort keys and search texts are computed once when the rows
are set (:class:`Cells`), so ``data()`` is a tuple or dict lookup: O(1), no parsing or
formatting. Sorting uses the raw keys (:attr:`Role.SORT`), never display strings.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
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
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services.ivml import numbers_text

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvrMenu

Index = QModelIndex | QPersistentModelIndex

#: Shown in a cell that has nothing to show (with a tooltip saying why).
NOTHING = "—"


def _tr(text: str) -> str:
    return QCoreApplication.translate("IvrModel", text)


def outbound_words() -> str:
    """What the ``outbound`` DIDs column is shown as."""
    return _tr("Outbound calling")


class Role(IntEnum):
    """Custom item data roles (every record table of the IVR & IVML tab)."""

    #: The row's record (:class:`IvrMenu`, ``IvmlConfig`` or ``Change``), any column.
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
    and :meth:`cells_for` (and :attr:`right_aligned`)."""

    columns: type[IntEnum]
    right_aligned: frozenset[int] = frozenset()

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

    def row_of(self, ident: int) -> int:
        """The model row of the record whose ``id`` is ``ident``, or -1."""
        for number, cells in enumerate(self._cells):
            if getattr(cells.record, "id", None) == ident:
                return number
        return -1

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
            return text if text and text != NOTHING else None
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

    def record(self, index: Index) -> Any:
        """The row's record at a proxy index (None for an invalid index)."""
        return index.data(Role.RECORD) if index.isValid() else None


class IvrColumn(IntEnum):
    """The IVR menus table's columns, in order."""

    ID = 0
    NAME = 1
    NUMBERS = 2


class IvrMenuModel(RecordTableModel):
    """IVR menus as a table (columns: :class:`IvrColumn`; roles: :class:`Role`)."""

    columns = IvrColumn
    right_aligned = frozenset({IvrColumn.ID})

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return {
            IvrColumn.ID: _tr("ID"),
            IvrColumn.NAME: _tr("Menu"),
            IvrColumn.NUMBERS: _tr("Numbers"),
        }

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one :class:`IvrMenu`."""
        menu: IvrMenu = record
        numbers = numbers_text(menu.dids, menu.outbound, outbound_words=outbound_words())
        extra: dict[tuple[int, int], Any] = {}
        tip = Qt.ItemDataRole.ToolTipRole
        if menu.outbound:
            extra[tip, IvrColumn.NUMBERS] = _tr(
                "This menu is used for calls TraiTel places for you, so it has no numbers."
            )
        elif not menu.dids:
            extra[tip, IvrColumn.NUMBERS] = _tr(
                "No number rings this menu. Assign one in the Numbers tab."
            )
        else:
            extra[tip, IvrColumn.NUMBERS] = numbers.replace(", ", "\n")
        return Cells(
            menu,
            (str(menu.id), menu.name, numbers or NOTHING),
            (menu.id, text_key(menu.name), numbers_key(menu.dids, menu.outbound)),
            (str(menu.id), menu.name, numbers + " " + " ".join(menu.dids)),
            extra,
        )


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


class IvrMenusPanel(QWidget):
    """The IVR menus, read-only: heading, count, the table or why it is empty."""

    #: The panel grows with its rows up to this many; more scroll.
    MAX_ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = IvrMenuModel(self)
        self.proxy = RecordProxy(self)
        self.proxy.setSourceModel(self.model)
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.view = record_view(
            self, self.proxy, "ivrMenuTable", _tr("IVR menus"),
            {IvrColumn.ID: 60, IvrColumn.NAME: 260},
        )
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.view.sortByColumn(IvrColumn.ID, Qt.SortOrder.AscendingOrder)
        self.stack, self.empty = view_or_empty(self, self.view)
        top = heading(_tr("IVR menus"), self, _tr("set up by TraiTel; shown here for reference"))
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def set_empty_text(self, text: str) -> None:
        """What to say while there are no menus."""
        self.empty.setText(text)

    def update_state(self) -> None:
        """Show the table (as tall as its rows, up to :attr:`MAX_ROWS`) or the empty text;
        update the count."""
        menus = self.model.rowCount()
        self.stack.setCurrentWidget(self.view if menus else self.empty)
        rows = min(max(menus, 1), self.MAX_ROWS)
        row_height = self.view.verticalHeader().defaultSectionSize()
        header = self.view.horizontalHeader().sizeHint().height()
        frame = 2 * self.view.frameWidth()
        self.stack.setFixedHeight(max(header + rows * row_height + frame, 72))
        if not menus:
            self.status.clear()
        else:
            self.status.setText(
                _tr("1 menu") if menus == 1 else _tr("{0} menus").format(menus)
            )
