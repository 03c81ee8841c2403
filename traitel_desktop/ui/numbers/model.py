"""The numbers table model and its sort/filter proxy.

Rows are :class:`~traitel_desktop.services.numbers.NumberRow`. Display texts (the assignment in
words), sort keys and search texts are computed once per row when rows are set, so
:meth:`NumberModel.data` is a tuple lookup: O(1), no parsing. The proxy filters by service, by
a set of numbers (those one sub-account owns) and by free text.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel

from traitel_desktop.services.numbers import (
    FAX,
    IVML,
    IVR,
    MAIN_ACCOUNT,
    SIP,
    SMS,
    NumberRow,
)
from traitel_desktop.ui.widgets.number_words import (
    assignment_words,
    service_words,
    target_words,
)
from traitel_desktop.ui.widgets.record_model import (
    Cells,
    Index,
    RecordProxy,
    RecordTableModel,
    Role,
)

__all__ = [
    "KIND_ORDER",
    "SERVICE_ORDER",
    "Column",
    "NumberModel",
    "NumberProxy",
    "Role",
    "assignment_words",
    "column_titles",
    "service_words",
    "target_words",
]

#: Services in the order they sort and are offered in the filter.
SERVICE_ORDER = ("fax", "voice", "sms")
#: Assignment kinds in the order they sort.
KIND_ORDER = (IVR, IVML, SIP, FAX, SMS, "")


def _tr(text: str) -> str:
    return QCoreApplication.translate("NumberModel", text)


class Column(IntEnum):
    """The table's columns, in order."""

    NUMBER = 0
    COUNTRY = 1
    SERVICE = 2
    ASSIGNMENT = 3


def column_titles() -> dict[int, str]:
    """Header titles (translated)."""
    return {
        Column.NUMBER: _tr("Number"),
        Column.COUNTRY: _tr("Country"),
        Column.SERVICE: _tr("Service"),
        Column.ASSIGNMENT: _tr("Used for"),
    }


def _rank(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


class NumberModel(RecordTableModel):
    """Numbers as a table (columns: :class:`Column`; roles: :class:`Role`)."""

    columns = Column
    key_attr = "digits"
    no_tip = ""

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return column_titles()

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one :class:`NumberRow` (the digits are searchable too, so
        "612999" finds "+61 2 999…")."""
        row: NumberRow = record
        assignment = assignment_words(row)
        service = service_words(row.service)
        target = row.target
        return Cells(
            row,
            (row.formatted, row.country, service, assignment),
            (
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
            ),
            # TraiTel's word (IVR, IVML, SIP) is searchable too, as an owner may know it.
            (f"{row.formatted} {row.digits}", row.country, service,
             f"{assignment} {row.kind}" if row.kind in (IVR, IVML, SIP) else assignment),
        )


class NumberProxy(RecordProxy):
    """Sorts on :attr:`Role.SORT` (raw values); filters by service, by a set of numbers (one
    sub-account's) and, case-insensitively, by text in any column's :attr:`Role.SEARCH`."""

    record_type = NumberRow

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
