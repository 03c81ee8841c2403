"""The local history archive: every fetched day of the six activity logs, one file per account.

``history.sqlite3`` in the account's data directory holds one table per log (the columns of
``contract.logs.LOGS``, typed, see :mod:`archive_schema`; the API ``ID`` is the primary key,
so fetching a row again replaces it), ``day_state`` (per log and day: complete, final,
fetched_at) and ``meta`` (the time zone the rows' Date/Time are written in).

Rules:

* A fetched day range is written in one transaction with its ``day_state`` rows, after
  deleting what the range held before: a failed or cancelled store leaves nothing half done,
  and rows the gateway no longer lists disappear.
* A day is *final* when it was fetched while older than yesterday (account time zone). A day
  that is complete and final is never missing again; today and yesterday always are.
* :meth:`store_range`, :meth:`warm_months` and :meth:`change_time_zone` may be called from
  any thread (each opens its own short-lived connection; writes go one at a time);
  everything else belongs to the thread that opened the archive (the UI thread), and is fast
  enough to call there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

from traitel_desktop.contract.logs import LOG_NAMES, LOGS, LogColumns, LogSpec
from traitel_desktop.store.archive_columns import (
    CACHE_SQL,
    forget_months,
    load_month,
    month_spans,
    next_month,
    read_columns,
    save_month,
)
from traitel_desktop.store.archive_schema import insert_rows, schema_sql, sql_columns
from traitel_desktop.store.archive_zone import Relabel, move_log
from traitel_desktop.store.database import open_database, open_repairing
from traitel_desktop.store.errors import DamagedDatabase

__all__ = ["Archive", "DayState", "DayTotal"]

_MIGRATIONS = (schema_sql(), CACHE_SQL)
_ONE_DAY = dt.timedelta(days=1)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class DayState:
    """What the archive knows about one day of one log."""

    day: dt.date
    complete: bool
    final: bool
    fetched_at: dt.datetime


class DayTotal(NamedTuple):
    """Activity of one log, one sub-account, one day: number of records and exact cost."""

    day: dt.date
    log: str
    sub_id: int
    records: int
    cost: Decimal

    @property
    def service(self) -> str:
        """``fax``, ``voice`` or ``sms``."""
        return LOGS[self.log].service


def _spec(log: str) -> LogSpec:
    try:
        return LOGS[log]
    except KeyError:
        raise ValueError(f"unknown log {log!r}; choose one of {', '.join(LOG_NAMES)}") from None


class Archive:
    """The history archive of one account, in the SQLite file at ``path``.

    The file is checked when it opens unless ``check`` is false (the check reads the whole
    file: a big archive opened on the UI thread is checked in a worker thread instead, with
    ``store.database.check_database``). A damaged file raises
    :class:`~traitel_desktop.store.errors.DamagedDatabase`, or with ``repair`` is moved aside
    and replaced by an empty archive; :attr:`repaired` then says where it went."""

    FILE_NAME = "history.sqlite3"
    #: The archive, as its owner would call it (in error texts).
    WHAT = "the activity history saved on this computer"

    def __init__(self, path: Path | str, *, check: bool = True, repair: bool = False) -> None:
        self.path = Path(path)
        #: The damage found when the file opened (it was moved aside), or None.
        self.repaired: DamagedDatabase | None = None
        if repair:
            self._conn, self.repaired = open_repairing(
                self.path, _MIGRATIONS, what=self.WHAT, check=check)
        else:
            self._conn = open_database(self.path, _MIGRATIONS, what=self.WHAT, check=check)
        self._write_lock = threading.Lock()
        self._select = {name: ", ".join(sql_columns(name)) for name in LOGS}

    @classmethod
    def in_directory(cls, data_dir: Path | str, *, check: bool = True,
                     repair: bool = False) -> Archive:
        """Open (creating if needed) the archive kept in an account's data directory."""
        return cls(Path(data_dir) / cls.FILE_NAME, check=check, repair=repair)

    def close(self) -> None:
        """Close the reading connection."""
        self._conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- meta -------------------------------------------------------------------------------

    @property
    def zone(self) -> str | None:
        """The time zone the archived Date/Time values are in (None before the first sync)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'zone'").fetchone()
        return None if row is None else str(row[0])

    def set_zone(self, zone: str) -> None:
        """Record the zone of the archived rows (use :meth:`change_time_zone` to move them)."""
        with self._write_lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('zone', ?)", (zone,)
            )

    # --- what to fetch ----------------------------------------------------------------------

    def day_states(self, log: str, start: dt.date, end: dt.date) -> dict[dt.date, DayState]:
        """The recorded state of each day of ``log`` from ``start`` to ``end`` (inclusive)."""
        _spec(log)
        out = {}
        for day, complete, final, fetched in self._conn.execute(
            "SELECT day, complete, final, fetched_at FROM day_state"
            " WHERE log = ? AND day BETWEEN ? AND ?",
            (log, start.isoformat(), end.isoformat()),
        ):
            d = dt.date.fromisoformat(day)
            out[d] = DayState(d, bool(complete), bool(final), dt.datetime.fromisoformat(fetched))
        return out

    def missing_days(
        self, log: str, start: dt.date, end: dt.date, today: dt.date
    ) -> list[dt.date]:
        """Days from ``start`` to ``min(end, today)`` that a sync must fetch, oldest first.

        That is every day not stored as complete *and* final: never fetched, cut short by the
        limit, marked by a time-zone change, or fetched while it was still today/yesterday.
        """
        _spec(log)
        last = min(end, today)
        if start > last:
            return []
        done = {
            row[0]
            for row in self._conn.execute(
                "SELECT day FROM day_state WHERE log = ? AND day BETWEEN ? AND ?"
                " AND complete = 1 AND final = 1",
                (log, start.isoformat(), last.isoformat()),
            )
        }
        return [d for d in _days(start, last) if d.isoformat() not in done]

    # --- writing ----------------------------------------------------------------------------

    def store_range(
        self,
        log: str,
        first: dt.date,
        last: dt.date,
        rows: LogColumns,
        *,
        today: dt.date,
        complete: bool = True,
        fetched_at: dt.datetime | None = None,
    ) -> None:
        """Replace days ``first``..``last`` of ``log`` with ``rows`` (typed, as
        ``TraiTelClient.log`` gives them) and record those days, in one transaction.

        ``complete=False`` records a range the gateway cut short (``limit`` rows). A day is
        recorded final when it is older than yesterday in ``today``'s terms. Thread-safe.
        """
        spec = _spec(log)
        if rows.log != log:
            raise ValueError(f"rows of {rows.log} given for {log}")
        if first > last:
            raise ValueError("first day after last day")
        when = (fetched_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        yesterday = today - _ONE_DAY
        states = [
            (log, d.isoformat(), int(complete), int(complete and d < yesterday), when)
            for d in _days(first, last)
        ]
        width = len(spec.columns) + (spec.money_index is not None)
        insert = f"INSERT OR REPLACE INTO {log} VALUES ({', '.join('?' * width)})"
        with self._writing() as conn:
            conn.execute(f"DELETE FROM {log} WHERE day BETWEEN ? AND ?",
                         (first.isoformat(), last.isoformat()))
            forget_months(conn, log, first, last)
            if len(rows):
                # A row stored again under another day moves (same ID): drop its old month.
                ids = rows.columns[0]
                for (day,) in conn.execute(
                    f"SELECT DISTINCT substr(day, 1, 7) FROM {log} WHERE id BETWEEN ? AND ?",
                    (min(ids), max(ids)),
                ).fetchall():
                    month = dt.date.fromisoformat(day + "-01")
                    forget_months(conn, log, month, month)
            conn.executemany(insert, insert_rows(rows))
            conn.executemany("INSERT OR REPLACE INTO day_state VALUES (?, ?, ?, ?, ?)", states)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction on a short-lived connection of the calling thread."""
        with self._write_lock:
            conn = sqlite3.connect(str(self.path), timeout=60.0, isolation_level=None)
            try:
                conn.execute("PRAGMA synchronous = NORMAL")  # WAL: still atomic and consistent
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                conn.close()

    def invalidate(self, log: str, days: Iterable[dt.date]) -> int:
        """Mark ``days`` of ``log`` as not complete (fetched again by the next sync); their
        rows stay readable meanwhile. Returns how many recorded days changed."""
        _spec(log)
        with self._write_lock:
            cur = self._conn.executemany(
                "UPDATE day_state SET complete = 0, final = 0 WHERE log = ? AND day = ?"
                " AND (complete = 1 OR final = 1)",
                [(log, d.isoformat()) for d in days],
            )
        return max(cur.rowcount, 0)

    def change_time_zone(self, new_zone: str, *, today_old: dt.date, today_new: dt.date) -> dict[
        str, list[dt.date]
    ]:
        """The account's zone changed to ``new_zone``: move the archive there.

        Our reading of "changing the account time zone marks the boundary days for a new
        fetch": every archived row is rewritten in the new zone (same instant, new Date/Time:
        exact, no network), and a day is marked for a new fetch when its content may differ
        from what the gateway now lists under that date:

        * the first and last ``archive_zone.EDGE_DAYS`` days of every run of complete days (rows
          near the run's edges move in or out of it; a zone change moves a row by at most
          26 hours);
        * the days a repeated local hour (end of daylight saving) makes ambiguous;
        * every day from two days before the earlier of the two "todays" on (the boundary
          between final and not-yet-final days moved).

        Returns the marked days per log. Without a recorded zone it only records the new one.
        Thread-safe, one transaction (like :meth:`store_range`).
        """
        marked: dict[str, list[dt.date]] = {}
        with self._writing() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'zone'").fetchone()
            old_zone = None if row is None else str(row[0])
            if old_zone is not None and old_zone != new_zone:
                relabel = Relabel(old_zone, new_zone)
                recent = (min(today_old, today_new) - dt.timedelta(days=2)).isoformat()
                for log in LOG_NAMES:
                    marked[log] = move_log(conn, log, relabel, recent)
                forget_months(conn, None)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('zone', ?)",
                         (new_zone,))
        return {log: days for log, days in marked.items() if days}

    # --- reading ----------------------------------------------------------------------------

    def rows(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Archived rows of ``log`` dated ``start``..``end``, by date, time and ID.

        Each row is a plain tuple in API column order (``LOGS[log].headers``): ints, ISO
        date/time text, trimmed text, and the cost as int micro-units (a ``Decimal`` of
        micro-units only for the rare cost with more than six decimals).
        """
        spec = _spec(log)
        sql = f"SELECT {self._select[log]} FROM {log} WHERE day BETWEEN ? AND ?"
        params: tuple[object, ...] = (start.isoformat(), end.isoformat())
        if sub_id is not None:
            sql += " AND sub_id = ?"
            params += (sub_id,)
        rows = self._conn.execute(sql + " ORDER BY day, time, id", params).fetchall()
        at = spec.money_index
        if at is None:
            return rows
        fractions = dict(
            self._conn.execute(
                f"SELECT id, cost_frac FROM {log} INDEXED BY {log}_frac"
                " WHERE cost_frac IS NOT NULL AND day BETWEEN ? AND ?",
                params[:2],
            ).fetchall()
        )
        if fractions:
            for i, row in enumerate(rows):
                rest = fractions.get(row[0])
                if rest is not None:
                    value = list(row)
                    value[at] = Decimal(row[at]) + Decimal(rest)
                    rows[i] = tuple(value)
        return rows

    def columns(
        self, log: str, start: dt.date, end: dt.date, sub_id: int | None = None
    ) -> list[list[Any]]:
        """The rows :meth:`rows` gives, as one list per API column (same order, same values),
        read column-wise: the fast read for big tables (see :mod:`archive_columns`).

        Whole months come from the month cache (built, in one write transaction, on their
        first read); a part month and a ``sub_id`` read the rows. Any thread may call it on
        its own ``Archive``."""
        _spec(log)
        if sub_id is not None or start > end:
            return read_columns(self._conn, log, start, end, sub_id)
        parts = []
        for first, last, whole in month_spans(start, end):
            part = load_month(self._conn, log, first) if whole else None
            if part is None and whole:
                part = self._cache_month(log, first, last)
            if part is None:
                part = read_columns(self._conn, log, first, last)
            parts.append(part)
        if len(parts) == 1:
            return parts[0]
        return [list(chain.from_iterable(p[i] for p in parts)) for i in range(len(parts[0]))]

    def _cache_month(self, log: str, first: dt.date, last: dt.date) -> list[list[Any]]:
        """Read the whole month ``first``..``last`` column-wise and keep it in the month
        cache, in one write transaction (no store can slip in between)."""
        with self._writing() as conn:
            part = read_columns(conn, log, first, last)
            save_month(conn, log, first, part)
        return part

    def warm_months(self, log: str, first: dt.date, last: dt.date, *, today: dt.date) -> int:
        """Build the month cache of every month touching ``first``..``last`` whose days are
        all stored complete and final and that has no cache yet, so the first open after a
        sync has nothing to build. The sync's worker thread calls it after each stored range
        (thread-safe, like :meth:`store_range`); returns how many months it built."""
        _spec(log)
        built = 0
        month = first.replace(day=1)
        while month <= last:
            following = next_month(month)
            month_last = following - _ONE_DAY
            if month_last >= today - _ONE_DAY:
                break  # yesterday is never final: the next sync stores it again
            with self._writing() as conn:
                settled = conn.execute(
                    "SELECT count(*) FROM day_state WHERE log = ? AND day BETWEEN ? AND ?"
                    " AND complete = 1 AND final = 1",
                    (log, month.isoformat(), month_last.isoformat()),
                ).fetchone()[0]
                if (settled == (following - month).days
                        and load_month(conn, log, month) is None
                        and save_month(conn, log, month,
                                       read_columns(conn, log, month, month_last))):
                    built += 1
            month = following
        return built

    def row_count(self, log: str) -> int:
        """How many rows of ``log`` the archive holds."""
        _spec(log)
        return int(self._conn.execute(f"SELECT count(*) FROM {log}").fetchone()[0])

    def last_sync(self, log: str | None = None) -> dt.datetime | None:
        """When data of ``log`` (of any log with None) last arrived from the gateway."""
        sql = "SELECT max(fetched_at) FROM day_state"
        params: tuple[str, ...] = ()
        if log is not None:
            _spec(log)
            sql += " WHERE log = ?"
            params = (log,)
        value = self._conn.execute(sql, params).fetchone()[0]
        return None if value is None else dt.datetime.fromisoformat(value)

    def totals_by_day(
        self,
        start: dt.date,
        end: dt.date,
        sub_id: int | None = None,
        logs: Sequence[str] = LOG_NAMES,
    ) -> list[DayTotal]:
        """Row count and exact cost per day, log and sub-account (``start``..``end``).

        Summed in SQL on integer micro-units (one covering index scan per log); logs without
        costs give ``Decimal(0)``. Ordered by log, day, sub-account.
        """
        bounds = (start.isoformat(), end.isoformat())
        where = "day BETWEEN ? AND ?" + ("" if sub_id is None else " AND sub_id = ?")
        params = bounds if sub_id is None else (*bounds, sub_id)
        out: list[DayTotal] = []
        dates: dict[str, dt.date] = {}
        for log in logs:
            spec = _spec(log)
            has_cost = spec.money_index is not None
            cost = "sum(cost_micro)" if has_cost else "0"
            groups = self._conn.execute(
                f"SELECT day, sub_id, count(*), {cost} FROM {log} WHERE {where}"
                " GROUP BY day, sub_id ORDER BY day, sub_id",
                params,
            ).fetchall()
            extra: dict[tuple[str, int], Decimal] = {}
            if has_cost:
                for day, sub, rest in self._conn.execute(
                    f"SELECT day, sub_id, cost_frac FROM {log} INDEXED BY {log}_frac"
                    f" WHERE cost_frac IS NOT NULL AND {where}",
                    params,
                ):
                    extra[(day, sub)] = extra.get((day, sub), Decimal(0)) + Decimal(rest)
            for day, sub, count, micro in groups:
                d = dates.get(day)
                if d is None:
                    d = dates[day] = dt.date.fromisoformat(day)
                total = Decimal(micro)
                if extra:
                    total += extra.get((day, sub), 0)
                out.append(DayTotal(d, log, sub, count, total.scaleb(-6)))
        return out

