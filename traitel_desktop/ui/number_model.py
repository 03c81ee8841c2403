"""The numbers table model and its sort/filter proxy.

Rows are :class:`~traitel_desktop.services.numbers.NumberRow`. Display texts (the assignment in
words), sort keys and search texts are computed once per row when rows are set, so
:meth:`NumberModel.data` is a tuple lookup: O(1), no parsing. The proxy filters by service, by
a set of numbers (those one sub-account owns) and by free text.
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

from traitel_desktop.services.numbers import (
    FAX,
    IVML,
    IVR,
    MAIN_ACCOUNT,
    SIP,
    SMS,
    NumberRow,
    Target,
)

Index = QModelIndex | QPersistentModelIndex

#: Services in the order they sort and are offered in the filter.
SERVICE_ORDER = ("fax", "voice", "sms")
#: Assignment kinds in the order they sort.
KIND_ORDER = (IVR, IVML, SIP, FAX, SMS, "")


def _tr(text: str) -> str:
    return QCoreApplication.translate("NumberModel", text)


def service_words(service: str) -> str:
    """A service as its owner reads it ("Fax", "Voice", "SMS")."""
    words = {"fax": _tr("Fax"), "voice": _tr("Voice"), "sms": _tr("SMS")}
    return words.get(service, service)


def target_words(target: Target) -> str:
    """Where a voice number's calls go, in words ("IVR menu Sales (#3)", "SIP: main account")."""
    if target.kind == SIP:
        if target.id == MAIN_ACCOUNT:
            return _tr("SIP: main account")
        if target.name:
            return _tr("SIP: sub-account {0}").format(target.name)
        return _tr("SIP: sub-account #{0}").format(target.id)
    if target.kind == IVR:
        if target.name:
            return _tr("IVR menu {0} (#{1})").format(target.name, target.id)
        return _tr("IVR menu #{0}").format(target.id)
    if target.name:
        return _tr("IVML flow {0} (#{1})").format(target.name, target.id)
    return _tr("IVML flow #{0}").format(target.id)


def assignment_words(row: NumberRow) -> str:
    """What a number is used for, in words (never a bare ID)."""
    if row.target is not None:
        return target_words(row.target)
    if row.kind == FAX:
        return _tr("Receives faxes")
    if row.kind == SMS:
        return _tr("Receives text messages")
    return _tr("Unassigned")


class Column(IntEnum):
    """The table's columns, in order."""

    NUMBER = 0
    COUNTRY = 1
    SERVICE = 2
    ASSIGNMENT = 3


class Role(IntEnum):
    """Custom item data roles."""

    #: The row's :class:`NumberRow` (any column).
    RECORD = Qt.ItemDataRole.UserRole + 1
    #: The raw sort key of the cell (digits, tuples), never the display string.
    SORT = Qt.ItemDataRole.UserRole + 2
    #: The text the search box matches.
    SEARCH = Qt.ItemDataRole.UserRole + 3


def column_titles() -> dict[Column, str]:
    """Header titles (translated)."""
    return {
        Column.NUMBER: _tr("Number"),
        Column.COUNTRY: _tr("Country"),
        Column.SERVICE: _tr("Service"),
        Column.ASSIGNMENT: _tr("Used for"),
    }


def _rank(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


class _Cells:
    """Precomputed per-row texts and keys (built once in :meth:`NumberModel.set_rows`)."""

    __slots__ = ("display", "row", "search", "sort")

    def __init__(self, row: NumberRow) -> None:
        self.row = row
        assignment = assignment_words(row)
        self.display: tuple[str, ...] = (
            row.formatted,
            row.country,
            service_words(row.service),
            assignment,
        )
        # The digits are searchable too, so "612999" finds "+61 2 999…".
        self.search: tuple[str, ...] = (
            f"{row.formatted} {row.digits}",
            row.country,
            self.display[2],
            assignment,
        )
        target = row.target
        self.sort: tuple[Any, ...] = (
            row.digits,
            (row.country == "", row.country.casefold(), row.digits),
            (_rank(row.service, SERVICE_ORDER), row.digits),
            (
                _rank(row.kind, KIND_ORDER),
                target is not None and target.id != MAIN_ACCOUNT,
                (target.name if target is not None else "").casefold(),
                target.id if target is not None else -1,
                row.digits,
            ),
        )


class NumberModel(QAbstractTableModel):
    """Numbers as a table (columns: :class:`Column`; roles: :class:`Role`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cells: list[_Cells] = []
        self._titles = column_titles()

    # --- rows ---------------------------------------------------------------------------
    def set_rows(self, rows: list[NumberRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._cells = [_Cells(row) for row in rows]
        self.endResetModel()

    def rows(self) -> list[NumberRow]:
        """The rows, in model order."""
        return [cells.row for cells in self._cells]

    def row_of(self, digits: str) -> int:
        """The model row of the number ``digits``, or -1."""
        for position, cells in enumerate(self._cells):
            if cells.row.digits == digits:
                return position
        return -1

    # --- Qt overrides -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of numbers (0 under any valid parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Number of :class:`Column` members (0 under a valid parent)."""
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell data: display text, tooltip, or a :class:`Role` value."""
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
            return cells.display[column] or None
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
        """Rows are selectable, not editable in place (the Assign dialog changes them)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flag = Qt.ItemFlag
        return flag.ItemIsEnabled | flag.ItemIsSelectable | flag.ItemNeverHasChildren


class NumberProxy(QSortFilterProxyModel):
    """Sorts on :attr:`Role.SORT` (raw values); filters by service, by a set of numbers (one
    sub-account's) and, case-insensitively, by text in any column's :attr:`Role.SEARCH`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setFilterRole(Role.SEARCH)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._service: str | None = None
        self._numbers: frozenset[str] | None = None

    @property
    def service(self) -> str | None:
        """The service shown (None: every service)."""
        return self._service

    def set_service(self, service: str | None) -> None:
        """Show only numbers of ``service`` (None: all)."""
        if service != self._service:
            self.beginFilterChange()
            self._service = service
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_numbers(self, numbers: set[str] | frozenset[str] | None) -> None:
        """Show only these numbers (digits; None: all)."""
        value = None if numbers is None else frozenset(numbers)
        if value != self._numbers:
            self.beginFilterChange()
            self._numbers = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """Service and number set first (cheap), then the text filter of the base class."""
        model = self.sourceModel()
        if model is None:
            return False
        record = model.index(source_row, 0, source_parent).data(Role.RECORD)
        if isinstance(record, NumberRow):
            if self._service is not None and record.service != self._service:
                return False
            if self._numbers is not None and record.digits not in self._numbers:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare the raw sort keys (tuples and digit strings), never display strings."""
        a = left.data(Role.SORT)
        b = right.data(Role.SORT)
        if a is None or b is None:
            return super().lessThan(left, right)
        return bool(a < b)

    def record(self, index: Index) -> NumberRow | None:
        """The row's record at a proxy index."""
        value = index.data(Role.RECORD) if index.isValid() else None
        return value if isinstance(value, NumberRow) else None
