"""The history archive's tables: one per activity log, one SQL column per API column.

The columns, their order and their typed values are ``contract.logs.LOGS`` (the archive stores
what ``TraiTelClient.log`` gives and reads the same values back; it never reads CSV). This
module only names the SQL side:

* each column's SQL name (the record field, except ``day``, ``src``, ``dst`` and
  ``cost_micro`` for Date, From, To and Cost) and SQL type;
* ``Cost`` is an ``INTEGER`` of micro-units; a cost with more than six decimals (a ``Decimal``
  of micro-units in :class:`LogColumns`) keeps its remainder below one micro-unit as decimal
  text in the side column ``cost_frac`` (NULL normally), so sums stay exact either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import repeat
from typing import Any

from traitel_desktop.contract.logs import LOGS, Kind, LogColumn, LogColumns

__all__ = ["insert_rows", "schema_sql", "sql_columns", "sql_name"]

#: SQL names that differ from the record field (``date``, ``from_`` ... are poor SQL names).
_SQL_NAMES = {"date": "day", "from_": "src", "to": "dst", "cost": "cost_micro"}

_SQL_TYPES = {
    Kind.INT: "INTEGER NOT NULL",
    Kind.OPT_INT: "INTEGER",
    Kind.TEXT: "TEXT NOT NULL",
    Kind.RAW: "TEXT NOT NULL",
    Kind.DATE: "TEXT NOT NULL",
    Kind.TIME: "TEXT NOT NULL",
    Kind.MONEY: "INTEGER NOT NULL",
}


def sql_name(column: LogColumn) -> str:
    """The SQL column holding an API column."""
    return _SQL_NAMES.get(column.field, column.field)


def sql_columns(log: str) -> tuple[str, ...]:
    """The SQL columns of ``log`` in API column order (``cost_frac`` not included)."""
    return tuple(sql_name(c) for c in LOGS[log].columns)


def schema_sql() -> str:
    """The first migration: the six log tables, ``day_state`` and ``meta``."""
    parts = []
    for spec in LOGS.values():
        cols = [
            "id INTEGER PRIMARY KEY" if sql_name(c) == "id"
            else f"{sql_name(c)} {_SQL_TYPES[c.kind]}"
            for c in spec.columns
        ]
        index = "day, sub_id"
        if spec.money_index is not None:
            # Remainder below one micro-unit, as decimal text of micro-units; NULL normally.
            cols.append("cost_frac TEXT")
            index += ", cost_micro"
        parts.append(f"CREATE TABLE {spec.name} ({', '.join(cols)})")
        # Covering index for totals_by_day; a second one gives rows() its order for free.
        parts.append(f"CREATE INDEX {spec.name}_day_sub ON {spec.name} ({index})")
        parts.append(f"CREATE INDEX {spec.name}_day_time ON {spec.name} (day, time, id)")
        if spec.money_index is not None:
            parts.append(
                f"CREATE INDEX {spec.name}_frac ON {spec.name} (day) WHERE cost_frac IS NOT NULL"
            )
    parts.append(
        "CREATE TABLE day_state (log TEXT NOT NULL, day TEXT NOT NULL,"
        " complete INTEGER NOT NULL, final INTEGER NOT NULL, fetched_at TEXT NOT NULL,"
        " PRIMARY KEY (log, day)) WITHOUT ROWID"
    )
    parts.append("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    return ";\n".join(parts) + ";"


def _split_cost(micro: Any) -> tuple[Any, str | None]:
    """A ``MONEY`` value as (whole micro-units, remainder as decimal text or None)."""
    if type(micro) is int or not isinstance(micro, Decimal):
        return micro, None
    whole = int(micro)  # towards zero: the remainder keeps the sign
    rest = micro - whole
    return whole, (str(rest.normalize()) if rest else None)


def insert_rows(columns: LogColumns) -> Iterator[tuple[Any, ...]]:
    """The rows of ``columns`` as the log table's SQL rows (``cost_frac`` last for logs with
    costs)."""
    values = list(columns.columns)
    at = columns.spec.money_index
    if at is None:
        return zip(*values, strict=True)
    costs = values[at]
    if all(type(v) is int for v in set(costs)):
        return zip(*values, repeat(None), strict=False)
    pairs = [_split_cost(v) for v in costs]
    values[at] = [p[0] for p in pairs]
    return zip(*values, [p[1] for p in pairs], strict=True)
