"""The XLSX side of :mod:`traitel_desktop.core.sheet_cells`: one row of values -> openpyxl
cells for a write-only sheet. Text is always a text cell (openpyxl would make ``=...`` a
formula and ``#N/A`` an error value); numbers, amounts, dates, times and durations are real
numbers with number formats. Imported only when an XLSX file is written (openpyxl is slow
to import)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

from traitel_desktop.core.sheet_cells import (
    CellKind,
    Column,
    amount_places,
    formula_like,
    typed_value,
    xlsx_text,
)

__all__ = ["NUMBER_FORMATS", "XlsxRows", "money_format"]

#: The number format of each kind's cells (a :class:`Column` may give its own).
NUMBER_FORMATS: dict[CellKind, str] = {
    CellKind.INTEGER: "0",
    CellKind.DATE: "yyyy-mm-dd",
    CellKind.TIME: "hh:mm:ss",
    CellKind.DATETIME: "yyyy-mm-dd hh:mm:ss",
    CellKind.DURATION: "[h]:mm:ss",
}
_MOST_PLACES = 15  # a spreadsheet number holds about 15 significant digits


def money_format(amount: Decimal) -> str:
    """The number format showing ``amount`` with the decimals the app shows it with."""
    return "0." + "0" * min(amount_places(amount), _MOST_PLACES)


class XlsxRows:
    """Builds the cells of rows of ``columns`` for ``sheet`` (a write-only worksheet)."""

    def __init__(self, sheet: Any, columns: Sequence[Column]) -> None:
        self.sheet = sheet
        self.columns = list(columns)
        self._formats = [c.number_format or NUMBER_FORMATS.get(c.kind) for c in self.columns]

    def text(self, text: str) -> object:
        """A text cell holding ``text`` (cleaned by :func:`xlsx_text`): a plain string when
        openpyxl keeps it as text, else a cell forced to text, quote-prefixed when it looks
        like a formula."""
        text = xlsx_text(text)
        risky = formula_like(text)
        if not risky and text not in ERROR_CODES:
            return text
        cell = WriteOnlyCell(self.sheet, text)
        cell.data_type = "s"
        if risky:
            cell.quotePrefix = True
        return cell

    def row(self, values: Sequence[object]) -> list[object]:
        """The cells of one row (None for an empty cell)."""
        out: list[object] = []
        for column, fmt, value in zip(self.columns, self._formats, values, strict=True):
            typed = typed_value(column.kind, value)
            if typed is None:
                out.append(None)
            elif isinstance(typed, str):
                out.append(self.text(typed))
            else:
                cell = WriteOnlyCell(self.sheet, typed)
                if isinstance(typed, Decimal) and column.number_format is None:
                    cell.number_format = money_format(typed)
                elif fmt is not None:
                    cell.number_format = fmt
                out.append(cell)
        return out

    def header(self) -> list[object]:
        """The header row: the column titles, as text cells."""
        return [self.text(c.title) for c in self.columns]
