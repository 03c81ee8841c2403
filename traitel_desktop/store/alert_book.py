"""The alerts kept for the owner, in the account's record (``record.sqlite3``), and the
watcher's state that keeps alerts from repeating across restarts.

* :meth:`AlertBook.add` keeps alerts, ignoring one whose key was ever told before (even if
  the owner cleared it since); :meth:`AlertBook.remember` notes keys told another way (the
  rows folded into a summary) without keeping an alert for them.
* :meth:`AlertBook.alerts` lists them newest first; :meth:`AlertBook.unread_count`,
  :meth:`AlertBook.mark_read` (one or all) and :meth:`AlertBook.clear` serve the Alerts list.
* :meth:`AlertBook.state` / the ``state`` argument of :meth:`AlertBook.record_check` keep the
  watcher's state (text values by name), written in the same transaction as the alerts of
  the check that produced it, so a crash never repeats or loses one.

Every method raises :class:`~traitel_desktop.store.errors.StorageError`, never a bare
``sqlite3.Error``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from traitel_desktop.store.account_record import AccountRecord
from traitel_desktop.store.errors import translated

__all__ = ["AlertBook", "AlertLike", "StoredAlert"]


class AlertLike(Protocol):
    """What the book needs of an alert (``core.alerts.Alert`` fits)."""

    @property
    def kind(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def target(self) -> object: ...
    @property
    def created(self) -> dt.datetime: ...


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as kept: its row ``id``, fields as text, ``created`` (aware, UTC), ``read``."""

    id: int
    key: str
    kind: str
    severity: str
    title: str
    text: str
    target: str
    created: dt.datetime
    read: bool


_COLUMNS = "id, key, kind, severity, title, text, target, created_utc, read"


class AlertBook:
    """The alerts part of an :class:`AccountRecord` (see the module docstring)."""

    def __init__(self, record: AccountRecord) -> None:
        self.record = record
        self.path = record.path
        self.WHAT = record.WHAT

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.record.connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------
    @translated
    def add(self, alerts: Iterable[AlertLike]) -> list[AlertLike]:
        """Keep ``alerts``; returns those kept (a key told before is ignored)."""
        with self._transaction() as conn:
            return self._add(conn, alerts)

    @translated
    def remember(self, keys: Iterable[str]) -> None:
        """Note ``keys`` as told without keeping an alert for them."""
        with self._transaction() as conn:
            conn.executemany("INSERT OR IGNORE INTO alert_told (key) VALUES (?)",
                             [(k,) for k in keys])

    @translated
    def record_check(self, alerts: Iterable[AlertLike], folded: Iterable[str],
                     state: Mapping[str, str]) -> list[AlertLike]:
        """One check at once: keep ``alerts``, remember the ``folded`` keys and write
        ``state`` (replacing the values it names). Returns the alerts kept."""
        with self._transaction() as conn:
            kept = self._add(conn, alerts)
            conn.executemany("INSERT OR IGNORE INTO alert_told (key) VALUES (?)",
                             [(k,) for k in folded])
            conn.executemany("INSERT INTO watch_state (name, value) VALUES (?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                             list(state.items()))
            return kept

    @staticmethod
    def _add(conn: sqlite3.Connection, alerts: Iterable[AlertLike]) -> list[AlertLike]:
        kept = []
        for alert in alerts:
            told = conn.execute("INSERT OR IGNORE INTO alert_told (key) VALUES (?)",
                                (alert.key,))
            if told.rowcount != 1:
                continue
            conn.execute(
                "INSERT INTO alert (key, kind, severity, title, text, target, created_utc) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (alert.key, str(alert.kind), str(alert.severity), alert.title, alert.text,
                 str(alert.target),
                 alert.created.astimezone(dt.UTC).isoformat(timespec="seconds")))
            kept.append(alert)
        return kept

    @translated
    def mark_read(self, alert_id: int | None = None) -> None:
        """Mark one alert (by its ``id``), or every alert, as read."""
        if alert_id is None:
            self._conn.execute("UPDATE alert SET read = 1 WHERE read = 0")
        else:
            self._conn.execute("UPDATE alert SET read = 1 WHERE id = ?", (alert_id,))

    @translated
    def clear(self) -> None:
        """Remove every kept alert (their events stay told: none comes back)."""
        self._conn.execute("DELETE FROM alert")

    # -- reading -----------------------------------------------------------------------------
    @translated
    def alerts(self, limit: int | None = None) -> list[StoredAlert]:
        """The kept alerts, newest first."""
        sql = f"SELECT {_COLUMNS} FROM alert ORDER BY created_utc DESC, id DESC"
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [StoredAlert(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                            str(r[6]), dt.datetime.fromisoformat(r[7]), bool(r[8]))
                for r in self._conn.execute(sql, params)]

    @translated
    def unread_count(self) -> int:
        """How many kept alerts are unread."""
        row = self._conn.execute("SELECT COUNT(*) FROM alert WHERE read = 0").fetchone()
        return int(row[0])

    @translated
    def told(self, key: str) -> bool:
        """Whether an alert with ``key`` was ever told."""
        return self._conn.execute("SELECT 1 FROM alert_told WHERE key = ?",
                                  (key,)).fetchone() is not None

    @translated
    def state(self) -> dict[str, str]:
        """The watcher's state, by name."""
        return {str(n): str(v) for n, v in self._conn.execute(
            "SELECT name, value FROM watch_state")}
