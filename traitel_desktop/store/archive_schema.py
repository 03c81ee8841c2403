"""The history archive's tables: one per activity log, typed columns, and reading CSV rows.

Each log keeps every documented API column (``docs/interfaces.md``) in API order, so a row
read back is what the gateway sent, typed:

* ``ID``, ``Sub-ID`` and counts are ``int`` (``IVMLID`` may be ``None``);
* ``Date`` / ``Time`` stay ISO text (``yyyy-mm-dd`` / ``HH:MM:SS``, account time zone), which
  sorts correctly and is formatted lazily by the UI;
* ``Cost`` is an ``int`` of micro-units (millionths of the currency), never a float. A cost
  with more than six decimals (no gateway sends one so far) keeps its remainder below one
  micro-unit in a side column and reads back as a ``Decimal`` of micro-units, so sums stay
  exact either way. :func:`to_money` turns micro-units into a ``Decimal`` amount.

The store layer must not import the API client (import-linter), so :func:`convert` takes the
table as plain ``header`` + ``rows`` lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

__all__ = [
    "LOGS",
    "LOG_NAMES",
    "MICRO",
    "Column",
    "LogSpec",
    "convert",
    "money_to_micro",
    "schema_sql",
    "to_money",
]

MICRO = 1_000_000
_MONEY = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?")
_TIME = re.compile(r"\d\d:\d\d:\d\d")


@dataclass(frozen=True, slots=True)
class Column:
    """One API column: its header name, its SQL column, and its kind.

    Kinds: ``int``, ``opt_int`` (empty = None), ``text`` (trimmed), ``raw`` (kept exactly),
    ``date``, ``time``, ``money`` (micro-units).
    """

    header: str
    sql: str
    kind: str


@dataclass(frozen=True, slots=True)
class LogSpec:
    """One activity log: the API mode (also the SQL table name), service and columns."""

    name: str
    service: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        """The API column names, in the order :meth:`Archive.rows` returns values."""
        return tuple(c.header for c in self.columns)

    @property
    def money_index(self) -> int | None:
        """Position of the ``Cost`` column, or None for logs without costs."""
        for i, column in enumerate(self.columns):
            if column.kind == "money":
                return i
        return None


_HEAD = (
    Column("ID", "id", "int"),
    Column("Sub-ID", "sub_id", "int"),
    Column("Date", "day", "date"),
    Column("Time", "time", "time"),
    Column("From", "src", "text"),
    Column("To", "dst", "text"),
)
_VOICE = (
    Column("Duration", "duration", "int"),
    Column("Result", "result", "text"),
    Column("Cost", "cost_micro", "money"),
    Column("IVMLID", "ivml_id", "opt_int"),
)

LOGS: dict[str, LogSpec] = {
    spec.name: spec
    for spec in (
        LogSpec("logfaxin", "fax", (
            *_HEAD,
            Column("FaxStationID", "station_id", "text"),
            Column("Pages", "pages", "int"),
            Column("Speed", "speed", "int"),
            Column("Duration", "duration", "int"),
        )),
        LogSpec("logfaxout", "fax", (
            *_HEAD,
            Column("Pages", "pages", "int"),
            Column("Speed", "speed", "int"),
            Column("Duration", "duration", "int"),
            Column("Cost", "cost_micro", "money"),
            Column("Attempt", "attempt", "int"),
            Column("ErrorCode", "error_code", "int"),
        )),
        LogSpec("logvoicein", "voice", (*_HEAD, *_VOICE)),
        LogSpec("logvoiceout", "voice", (*_HEAD, *_VOICE)),
        LogSpec("logsmsin", "sms", (
            *_HEAD,
            Column("MessageType", "message_type", "text"),
            Column("Message", "message", "raw"),
        )),
        LogSpec("logsmsout", "sms", (
            *_HEAD,
            Column("Sent", "sent", "int"),
            Column("Tracking", "tracking", "text"),
            Column("Cost", "cost_micro", "money"),
        )),
    )
}
LOG_NAMES: tuple[str, ...] = tuple(LOGS)

_SQL_TYPES = {
    "int": "INTEGER NOT NULL",
    "opt_int": "INTEGER",
    "text": "TEXT NOT NULL",
    "raw": "TEXT NOT NULL",
    "date": "TEXT NOT NULL",
    "time": "TEXT NOT NULL",
    "money": "INTEGER NOT NULL",
}


def schema_sql() -> str:
    """The first migration: the six log tables, ``day_state`` and ``meta``."""
    parts = []
    for spec in LOGS.values():
        cols = [
            "id INTEGER PRIMARY KEY" if c.sql == "id" else f"{c.sql} {_SQL_TYPES[c.kind]}"
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


# --- converting one CSV cell ---------------------------------------------------------------


@lru_cache(maxsize=8192)
def money_to_micro(text: str) -> tuple[int, str | None]:
    """A plain decimal string as (whole micro-units, remainder below one micro-unit or None).

    ``"12.3450"`` gives ``(12345000, None)``; ``"0.0000015"`` gives ``(1, "0.5")``. Exact,
    never through float; anything but a plain decimal number is a ValueError.
    """
    stripped = text.strip()
    match = _MONEY.fullmatch(stripped)
    if match is None or not (match.group(2) or match.group(3)):
        raise ValueError(f"not an amount of money: {text[:40]!r}")
    sign, whole, frac = match.group(1), match.group(2) or "0", match.group(3) or ""
    micro = int(whole) * MICRO + int((frac[:6]).ljust(6, "0"))
    rest: str | None = None
    if frac[6:].strip("0"):
        rest_value = Decimal("0." + frac[6:]).normalize()
        rest = str(-rest_value if sign == "-" else rest_value)
    return (-micro if sign == "-" else micro), rest


def to_money(micro: int | Decimal) -> Decimal:
    """Micro-units (as :meth:`Archive.rows` gives them) as a ``Decimal`` amount, exactly."""
    return Decimal(micro).scaleb(-6)


@lru_cache(maxsize=4096)
def _day(text: str) -> str:
    return dt.date.fromisoformat(text.strip()).isoformat()


def _time(text: str) -> str:
    value = text.strip()
    if _TIME.fullmatch(value) is not None:
        return value
    # Lenient: "7:05:09" or "07:05" (seconds 0); still a real time of day.
    parts = [int(p) for p in value.split(":")]
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"not a time: {text[:20]!r}")
    hour, minute, second = (*parts, 0)[:3]
    return dt.time(hour, minute, second).isoformat(timespec="seconds")


def _opt_int(text: str) -> int | None:
    return int(text) if text.strip() else None


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "int": int,
    "opt_int": _opt_int,
    "text": str.strip,
    "raw": lambda text: text,
    "date": _day,
    "time": _time,
    "money": money_to_micro,
}


def _find(header: Sequence[str], name: str) -> int:
    wanted = name.lower()
    for i, column in enumerate(header):
        if column.strip().lower() == wanted:
            return i
    raise ValueError(f"the table has no {name!r} column (columns: {list(header)})")


def convert(
    log: str, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[tuple[Any, ...]]:
    """CSV rows of ``log`` as tuples ready for :meth:`Archive.store_range`.

    Columns are matched by header name (extra columns are ignored); each tuple holds the
    typed values in the log's column order, plus the cost remainder last for logs with costs.
    Raises ValueError naming the row and column when a cell does not convert. An empty table
    (no header) gives no rows.
    """
    spec = LOGS[log]
    if not header and not rows:
        return []
    plan = tuple((_find(header, c.header), _CONVERTERS[c.kind]) for c in spec.columns)
    at = spec.money_index
    out: list[tuple[Any, ...]] = []
    append = out.append
    number = 0
    try:
        for number, row in enumerate(rows, start=1):  # noqa: B007 - used in the error
            values = [conv(row[i]) for i, conv in plan]
            if at is not None:
                micro, rest = values[at]
                values[at] = micro
                values.append(rest)
            append(tuple(values))
    except (ValueError, IndexError, InvalidOperation):
        reason = _cell_error(spec, plan, rows[number - 1])
        raise ValueError(f"{log} row {number}: {reason}") from None
    return out


def _cell_error(
    spec: LogSpec, plan: tuple[tuple[int, Callable[[str], Any]], ...], row: Sequence[str]
) -> str:
    for column, (i, conv) in zip(spec.columns, plan, strict=True):
        if i >= len(row):
            return f"cut short, no {column.header!r} value"
        try:
            conv(row[i])
        except (ValueError, InvalidOperation) as exc:
            return f"column {column.header!r}: {exc}"
    return "could not be read"  # pragma: no cover
