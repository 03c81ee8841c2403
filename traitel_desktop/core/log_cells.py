"""An activity log's typed values as export cells: the kind of each API column comes from the
log's description (``contract.logs``), the cells are written by the rule of
:mod:`traitel_desktop.core.sheet_cells`.

``INT``/``OPT_INT`` -> ``INTEGER``; ``TEXT``/``RAW`` (numbers, results, the fax station ID, the
SMS text: anything a stranger may write) -> ``TEXT``; ``DATE``/``TIME`` (ISO text) -> real
dates and times; ``MONEY`` (micro-units) -> the ``Decimal`` amount. A value that does not read
as its kind is exported as text (neutralised like any text), never dropped, never an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from traitel_desktop.contract.logs import Kind, LogSpec, to_money
from traitel_desktop.core.sheet_cells import CellKind, Column

__all__ = ["CELL_KINDS", "cell_value", "log_columns", "log_row", "when"]

#: The export kind of each contract kind.
CELL_KINDS: dict[Kind, CellKind] = {
    Kind.INT: CellKind.INTEGER,
    Kind.OPT_INT: CellKind.INTEGER,
    Kind.TEXT: CellKind.TEXT,
    Kind.RAW: CellKind.TEXT,
    Kind.DATE: CellKind.DATE,
    Kind.TIME: CellKind.TIME,
    Kind.MONEY: CellKind.MONEY,
}


def cell_value(kind: Kind, value: Any) -> object:
    """A contract value of ``kind`` as the value its export cell takes (the value itself,
    its text when it does not read as its kind)."""
    if value is None:
        return None
    try:
        if kind is Kind.DATE:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if kind is Kind.TIME:
            return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))
        if kind is Kind.MONEY:
            return to_money(value) if isinstance(value, int | Decimal) else str(value)
    except (ValueError, ArithmeticError):
        return str(value)
    if kind in (Kind.TEXT, Kind.RAW):
        return str(value)
    return value


def when(day: Any, time: Any) -> object:
    """A row's date and time (ISO text) as one ``datetime``, or as text when they do not
    read as a date and a time."""
    date_value, time_value = cell_value(Kind.DATE, day), cell_value(Kind.TIME, time)
    if isinstance(date_value, dt.date) and isinstance(time_value, dt.time):
        return dt.datetime.combine(date_value, time_value)
    return f"{day} {time}"


def log_columns(spec: LogSpec) -> list[Column]:
    """The export columns of a log's API columns, titled with their header names."""
    return [Column(c.name, CELL_KINDS[c.kind]) for c in spec.columns]


def log_row(spec: LogSpec) -> Callable[[Sequence[Any]], list[object]]:
    """A function turning one row of ``spec``'s typed values (API column order) into its
    export cell values. Dates, times and amounts repeat: each distinct one is read once."""
    kinds = [c.kind for c in spec.columns]
    caches: list[dict[Any, object] | None] = [
        {} if k in (Kind.DATE, Kind.TIME, Kind.MONEY) else None for k in kinds
    ]

    def row(values: Sequence[Any]) -> list[object]:
        out: list[object] = []
        for kind, cache, value in zip(kinds, caches, values, strict=True):
            if cache is None:
                out.append(cell_value(kind, value))
                continue
            cell = cache.get(value, cache)
            if cell is cache:
                cell = cache[value] = cell_value(kind, value)
            out.append(cell)
        return out

    return row
