"""Reading archived rows column by column: the fast read for big tables (Activity tab).

:func:`read_columns` gives the rows of one log as one list per API column, in
``Archive.rows`` order (date, time, ID) and with the same values, on any ``sqlite3``
connection to the archive file (reader threads open their own). The work is kept off Python
where it can be:

* ``Date`` comes from one ``GROUP BY day`` (a covering-index scan): each day is one string
  object repeated, never parsed or copied per row;
* the other columns come from one query where SQLite builds each as a JSON array (the GIL is
  free meanwhile) and ``json.loads`` reads it in C;
* text columns (time, numbers, words) repeat a lot: each distinct value is kept once
  (``sys.intern``), which keeps a year of rows well inside the memory target.

``Archive.columns`` also keeps each whole month it read in ``column_cache`` (one ``marshal``
blob, interned strings shared); every write to a log drops the months it may touch.
"""

from __future__ import annotations

import datetime as dt
import json
import marshal
import sqlite3
import sys
from decimal import Decimal
from typing import Any

from traitel_desktop.contract.logs import LOGS, Kind
from traitel_desktop.store.archive_schema import sql_name

__all__ = ["CACHE_SQL", "forget_months", "load_month", "month_spans", "next_month",
           "read_columns", "save_month"]

_SHARED_KINDS = (Kind.TIME, Kind.TEXT)


def read_columns(
    conn: sqlite3.Connection, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
) -> list[list[Any]]:
    """Rows of ``log`` dated ``start``..``end`` (of ``sub_id`` unless None) as one list per
    API column (``LOGS[log].headers`` order), ordered by date, time and ID; values exactly as
    ``Archive.rows`` gives them (see the module docstring)."""
    spec = LOGS[log]
    where = "day BETWEEN ? AND ?"
    params: tuple[object, ...] = (start.isoformat(), end.isoformat())
    if sub_id is not None:
        where += " AND sub_id = ?"
        params += (sub_id,)
    day_at = next(i for i, c in enumerate(spec.columns) if c.kind is Kind.DATE)
    others = [sql_name(c) for i, c in enumerate(spec.columns) if i != day_at]
    arrays = ", ".join(f"json_group_array({n})" for n in others)
    texts = conn.execute(
        f"SELECT {arrays} FROM (SELECT {', '.join(others)} FROM {log} WHERE {where}"
        " ORDER BY day, time, id)",
        params,
    ).fetchone()
    columns: list[list[Any]] = [json.loads(text) for text in texts]
    days: list[Any] = []
    for day, count in conn.execute(
        f"SELECT day, count(*) FROM {log} WHERE {where} GROUP BY day ORDER BY day", params
    ):
        days += [day] * count
    columns.insert(day_at, days)
    for i, column in enumerate(spec.columns):
        if column.kind in _SHARED_KINDS:
            columns[i] = list(map(sys.intern, columns[i]))
    at = spec.money_index
    if at is not None and columns[0]:
        fractions = dict(conn.execute(
            f"SELECT id, cost_frac FROM {log} WHERE cost_frac IS NOT NULL AND {where}", params
        ).fetchall())
        if fractions:
            position = {ident: i for i, ident in enumerate(columns[0])}
            costs = columns[at]
            for ident, rest in fractions.items():
                i = position[ident]
                costs[i] = Decimal(costs[i]) + Decimal(rest)
    return columns


# --- the month cache -----------------------------------------------------------------------
#: Second archive migration: each whole month of a log read by :func:`read_columns`, kept as
#: one ``marshal`` blob (lists of ints and strings; repeated strings stored once), so a year
#: re-opens without SQLite or Python touching each value. Writes drop the months they touch.
CACHE_SQL = (
    "CREATE TABLE column_cache (log TEXT NOT NULL, month TEXT NOT NULL,"
    " columns BLOB NOT NULL, PRIMARY KEY (log, month)) WITHOUT ROWID"
)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after ``day``'s."""
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_spans(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, bool]]:
    """``start``..``end`` cut at month ends: (first, last, True when a whole month)."""
    spans = []
    first = start
    while first <= end:
        following = next_month(first)
        last = min(end, following - dt.timedelta(days=1))
        spans.append((first, last, first.day == 1 and last == following - dt.timedelta(days=1)))
        first = following
    return spans


def load_month(conn: sqlite3.Connection, log: str, month: dt.date) -> list[list[Any]] | None:
    """The cached columns of ``log``'s month starting ``month``, or None."""
    row = conn.execute(
        "SELECT columns FROM column_cache WHERE log = ? AND month = ?",
        (log, month.isoformat()[:7]),
    ).fetchone()
    if row is None:
        return None
    columns: list[list[Any]] = marshal.loads(row[0])
    return columns


def save_month(conn: sqlite3.Connection, log: str, month: dt.date,
               columns: list[list[Any]]) -> bool:
    """Cache the columns of ``log``'s month starting ``month`` (read in the same write
    transaction, so no store can slip in between); True when cached. A month holding a
    ``Decimal`` cost is not (``marshal`` keeps only plain values)."""
    try:
        blob = marshal.dumps(columns)
    except ValueError:
        return False
    conn.execute("INSERT OR REPLACE INTO column_cache VALUES (?, ?, ?)",
                 (log, month.isoformat()[:7], blob))
    return True


def forget_months(conn: sqlite3.Connection, log: str | None, first: dt.date | None = None,
                  last: dt.date | None = None) -> None:
    """Drop cached months of ``log`` (every log with None) from ``first`` to ``last``
    (every month with None)."""
    sql, params = "DELETE FROM column_cache", []
    if log is not None:
        sql += " WHERE log = ?"
        params.append(log)
    if first is not None and last is not None:
        sql += (" AND" if params else " WHERE") + " month BETWEEN ? AND ?"
        params += [first.isoformat()[:7], last.isoformat()[:7]]
    conn.execute(sql, params)
