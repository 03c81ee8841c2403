"""The sub-accounts table model and its sort/filter proxy.

Rows are :class:`~traitel_desktop.services.subaccounts.SubAccountRow`. Display texts, sort
keys and search texts are computed once per row when rows are set (a few short strings per
sub-account), so :meth:`SubAccountModel.data` is a tuple lookup: O(1), no parsing.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from traitel_desktop.services.subaccounts import SubAccountRow
from traitel_desktop.ui.widgets.record_model import (
    Cells,
    Index,
    RecordProxy,
    RecordTableModel,
    Role,
    text_key,
)

__all__ = [
    "UNKNOWN_ALIAS",
    "Column",
    "Role",
    "SubAccountModel",
    "SubAccountProxy",
    "alias_note",
    "column_titles",
]

#: Shown in the Alias column when this app does not know the alias (see :func:`alias_note`).
UNKNOWN_ALIAS = "—"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubAccountModel", text)


def alias_note() -> str:
    """Why an alias can show as "—": the one plain explanation (the API's list of
    sub-accounts has no alias column; the app remembers only the aliases it set)."""
    return _tr(
        "TraiTel keeps the alias you give a sub-account, but never sends it back to this "
        "app. So the app can show only the aliases it set itself; the others show as “—”."
    )


class Column(IntEnum):
    """The table's columns, in order."""

    ID = 0
    ALIAS = 1
    NAME = 2
    EMAIL = 3
    COMPANY = 4
    FAX_HEADLINE = 5


def column_titles() -> dict[int, str]:
    """Header titles (translated)."""
    return {
        Column.ID: _tr("ID"),
        Column.ALIAS: _tr("Alias"),
        Column.NAME: _tr("Name"),
        Column.EMAIL: _tr("E-mail"),
        Column.COMPANY: _tr("Company"),
        Column.FAX_HEADLINE: _tr("Fax headline"),
    }


class _Cells(Cells):
    """Precomputed per-row texts and keys, and every column's search text in one string."""

    __slots__ = ("haystack",)

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.haystack = "\n".join(self.search)


class SubAccountModel(RecordTableModel):
    """Sub-accounts as a table (columns: :class:`Column`; roles: :class:`Role`)."""

    columns = Column
    right_aligned = frozenset({Column.ID})
    key_attr = "sub_id"
    no_tip = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unknown_tip = alias_note()

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return column_titles()

    def cells_for(self, record: Any) -> Cells:
        """Texts and keys of one :class:`SubAccountRow` (the alias searches as "" when
        unknown, not "—")."""
        row: SubAccountRow = record
        sub = row.sub
        alias = row.alias or ""
        search = (str(row.sub_id), alias, row.name, sub.email, sub.company, sub.fax_headline)
        # Empty texts sort after the others; names by last name, then first name.
        name_key = (sub.last_name.casefold(), sub.first_name.casefold())
        extra: dict[tuple[int, int], Any] = {}
        if not alias:
            extra[Qt.ItemDataRole.ToolTipRole, Column.ALIAS] = self._unknown_tip
        return _Cells(
            row,
            (search[0], alias or UNKNOWN_ALIAS, *search[2:]),
            (
                row.sub_id,
                text_key(alias),
                (name_key == ("", ""), name_key),
                *(text_key(text) for text in search[3:]),
            ),
            search,
            extra,
        )

    def search_text(self, row: int) -> str:
        """Every column's :attr:`Role.SEARCH` text of ``row``, one per line."""
        cells = self._cells[row]
        return cells.haystack if isinstance(cells, _Cells) else "\n".join(cells.search)


class SubAccountProxy(RecordProxy):
    """Sorts on :attr:`Role.SORT` (raw values) and filters, case-insensitively, on every
    column's :attr:`Role.SEARCH` text."""

    record_type = SubAccountRow

    def lessThan(self, left: Index, right: Index) -> bool:
        """Compare the raw sort keys (tuples and ints), never display strings."""
        source = self.sourceModel()
        if isinstance(source, SubAccountModel):
            a = source.sort_key(left.row(), left.column())
            b = source.sort_key(right.row(), right.column())
            return super().lessThan(left, right) if a is None or b is None else bool(a < b)
        return super().lessThan(left, right)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        """The filter (``setFilterFixedString``, case ignored) against every column's
        :attr:`Role.SEARCH` text at once: one match per row, no per-cell ``data()`` calls."""
        regex = self.filterRegularExpression()
        source = self.sourceModel()
        if not regex.pattern() or not isinstance(source, SubAccountModel):
            return super().filterAcceptsRow(source_row, source_parent)
        return regex.match(source.search_text(source_row)).hasMatch()
