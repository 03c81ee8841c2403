"""The app's own record for one account: sub-account aliases it set, every change it made,
and the alerts it raised (their tables here, their methods in :mod:`.alert_book`).

The API returns no alias for a sub-account (NOTES.md) and keeps no audit log, so the app keeps
both itself, in ``record.sqlite3`` inside the account's data directory. Every method raises
:class:`~traitel_desktop.store.errors.StorageError` (never a bare ``sqlite3.Error``) when the
file cannot be used.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from traitel_desktop.store.database import open_database, open_repairing
from traitel_desktop.store.errors import DamagedDatabase, translated

_MIGRATIONS = (
    """
    CREATE TABLE alias (
        sub_id INTEGER PRIMARY KEY,
        alias  TEXT NOT NULL
    );
    CREATE TABLE change (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at_utc  TEXT NOT NULL,
        actor   TEXT NOT NULL,
        area    TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL,
        detail  TEXT NOT NULL,
        result  TEXT NOT NULL
    );
    CREATE INDEX change_at ON change (at_utc);
    """,
    # Alerts (store/alert_book.py): those kept for the owner, the key of every event ever
    # told (so none is told twice, also after "clear"), and the watcher's state.
    """
    CREATE TABLE alert (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        key         TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL,
        severity    TEXT NOT NULL,
        title       TEXT NOT NULL,
        text        TEXT NOT NULL,
        target      TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        read        INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE alert_told (key TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE watch_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    """,
)


@dataclass(frozen=True, slots=True)
class Change:
    """One change the app made on the account, successful or not."""

    id: int
    at: datetime
    actor: str
    area: str
    action: str
    target: str
    detail: str
    result: str


class AccountRecord:
    """Aliases and change log of one account, stored in SQLite at ``path``.

    The file is checked when it opens (it is small: the check is fast). A damaged one raises
    :class:`DamagedDatabase`, or with ``repair`` is moved aside and replaced by a new, empty
    record; :attr:`repaired` then says where it went."""

    FILE_NAME = "record.sqlite3"
    #: The record, as its owner would call it (in error texts).
    WHAT = "the record of your changes and sub-account aliases kept on this computer"

    def __init__(self, path: Path | str, *, repair: bool = False) -> None:
        self.path = Path(path)
        #: The damage found when the file opened (it was moved aside), or None.
        self.repaired: DamagedDatabase | None = None
        if repair:
            self._conn, self.repaired = open_repairing(path, _MIGRATIONS, what=self.WHAT)
        else:
            self._conn = open_database(path, _MIGRATIONS, what=self.WHAT)

    @classmethod
    def in_directory(cls, data_dir: Path, *, repair: bool = False) -> AccountRecord:
        """Open the record kept in an account's data directory."""
        return cls(Path(data_dir) / cls.FILE_NAME, repair=repair)

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database (for the record's other parts, e.g. ``AlertBook``)."""
        return self._conn

    def close(self) -> None:
        """Close the underlying database."""
        self._conn.close()

    # -- aliases ---------------------------------------------------------------------------
    @translated
    def set_alias(self, sub_id: int, alias: str) -> None:
        """Remember the alias the app gave (or changed) for a sub-account."""
        self._conn.execute(
            "INSERT INTO alias (sub_id, alias) VALUES (?, ?) "
            "ON CONFLICT (sub_id) DO UPDATE SET alias = excluded.alias",
            (sub_id, alias),
        )

    @translated
    def alias(self, sub_id: int) -> str | None:
        """The alias remembered for ``sub_id``, or None when the app never set one."""
        row = self._conn.execute("SELECT alias FROM alias WHERE sub_id = ?", (sub_id,)).fetchone()
        return None if row is None else str(row[0])

    @translated
    def aliases(self) -> dict[int, str]:
        """Every remembered alias, by sub-account ID."""
        return {int(s): str(a) for s, a in self._conn.execute("SELECT sub_id, alias FROM alias")}

    @translated
    def forget_alias(self, sub_id: int) -> None:
        """Drop the alias of a deleted sub-account."""
        self._conn.execute("DELETE FROM alias WHERE sub_id = ?", (sub_id,))

    # -- change log ------------------------------------------------------------------------
    @translated
    def log_change(
        self,
        *,
        actor: str,
        area: str,
        action: str,
        target: str,
        detail: str = "",
        result: str,
        at: datetime | None = None,
    ) -> int:
        """Append one change (``result`` is "ok" or the plain error text) and return its ID."""
        when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        cursor = self._conn.execute(
            "INSERT INTO change (at_utc, actor, area, action, target, detail, result) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (when, actor, area, action, target, detail, result),
        )
        return int(cursor.lastrowid or 0)

    @translated
    def changes(self, limit: int | None = None) -> list[Change]:
        """The change log, newest first."""
        sql = "SELECT id, at_utc, actor, area, action, target, detail, result FROM change "
        sql += "ORDER BY id DESC"
        params: tuple[int, ...] = ()
        if limit is not None:
            sql += " LIMIT ?"
            params = (limit,)
        return [
            Change(int(r[0]), datetime.fromisoformat(r[1]), *map(str, r[2:]))
            for r in self._conn.execute(sql, params)
        ]
