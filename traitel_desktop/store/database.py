"""Opening SQLite files with the settings every store of the app uses, and schema migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path


def open_database(path: Path | str, migrations: Sequence[str]) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite file at ``path`` and bring its schema up to date.

    ``migrations[i]`` is the SQL script that takes the schema from version ``i`` to ``i + 1``;
    the version is kept in ``PRAGMA user_version``, so a file made by an older app is upgraded in
    place and a current one is left alone. ``path`` may be ``":memory:"`` for a throw-away store.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for number, script in enumerate(migrations[version:], start=version + 1):
        conn.execute("BEGIN")
        try:
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            conn.close()
            raise
        conn.execute("COMMIT")
    return conn
