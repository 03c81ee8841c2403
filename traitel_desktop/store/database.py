"""Opening SQLite files with the settings every store of the app uses, schema migrations, and
what happens to a damaged file.

Each open checks the file (``PRAGMA quick_check``) unless told not to: a file that is cut
short, overwritten or not a file at all raises :class:`~.errors.DamagedDatabase`; any other
failure (read-only, disk full, no such folder) a plain :class:`~.errors.StorageError`.
:func:`open_repairing` goes on from a damaged file: it moves the file aside with the date in
its name (its ``-wal``/``-shm`` companions too; nothing is ever deleted) and starts a new one.
A zero-length file is an empty database, not a damaged one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from traitel_desktop.store.errors import DamagedDatabase, storage_error

__all__ = ["check_database", "move_aside", "move_file_aside", "open_database", "open_repairing"]

#: What a store is called when it does not say (see each store's ``WHAT``).
DEFAULT_WHAT = "a file TraiTel Desktop keeps on this computer"
#: The files SQLite keeps beside a database (WAL mode, or an old rollback journal).
COMPANIONS = ("-wal", "-shm", "-journal")


def open_database(
    path: Path | str,
    migrations: Sequence[str],
    *,
    what: str = DEFAULT_WHAT,
    check: bool = True,
) -> sqlite3.Connection:
    """Open (creating if needed) the SQLite file at ``path`` and bring its schema up to date.

    ``migrations[i]`` is the SQL script that takes the schema from version ``i`` to ``i + 1``;
    the version is kept in ``PRAGMA user_version``, so a file made by an older app is upgraded in
    place and a current one is left alone. ``path`` may be ``":memory:"`` for a throw-away store.
    With ``check`` the file is checked first (``PRAGMA quick_check``: it reads every page, so a
    caller on the UI thread opens a big file with ``check=False`` and calls
    :func:`check_database` in a worker thread). Raises :class:`DamagedDatabase` or
    :class:`StorageError` (``what`` names the store in their texts).
    """
    memory = str(path) == ":memory:"
    if not memory:
        _probe(Path(path), what, full=check)
    try:
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise storage_error(exc, path, what) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if not memory:
            _use_wal(conn)
        _migrate(conn, migrations)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error | OSError):
            raise storage_error(exc, path, what) from exc
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, attempts: int = 50) -> None:
    """Switch to WAL. On a new file another connection switching at the same moment makes
    SQLite answer "locked" at once (its busy timeout does not cover this), so try again for
    about a second."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")
            if not busy or attempt == attempts - 1:
                raise
            time.sleep(0.02)


def _migrate(conn: sqlite3.Connection, migrations: Sequence[str]) -> None:
    """Run the migrations the file lacks, in one write transaction; the version is read
    again inside it, so two connections opening a new file at once migrate it once."""
    if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= len(migrations):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for number, script in enumerate(migrations[version:], start=version + 1):
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _quick_check(conn: sqlite3.Connection, path: Path | str, what: str) -> None:
    problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise DamagedDatabase(path, what, "; ".join(problems[:3]))


def _probe(file: Path, what: str, *, full: bool, strict: bool = False) -> None:
    """Read the file on a read-only connection: its schema, and with ``full`` every page
    (``PRAGMA quick_check``). A read-only connection never rewrites or removes the file's
    ``-wal``/``-shm``, so a damaged file is moved aside as it was found. Damage raises
    :class:`DamagedDatabase`; a probe that cannot run for another reason raises only when
    ``strict`` (else the read-write open that follows says what is wrong)."""
    if file.is_dir():
        raise DamagedDatabase(file, what, "a folder is where the file should be")
    try:
        if not file.exists() or file.stat().st_size == 0:
            return  # new, or empty: SQLite starts a database there
        conn = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True,
                               isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        if strict:
            raise storage_error(exc, file, what) from exc
        return
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if full:
            _quick_check(conn, file, what)
    except sqlite3.Error as exc:
        error = storage_error(exc, file, what)
        if strict or isinstance(error, DamagedDatabase):
            raise error from exc
    finally:
        conn.close()


def check_database(path: Path | str, what: str = DEFAULT_WHAT) -> None:
    """Check every page of the database at ``path`` (``PRAGMA quick_check``) on a read-only
    connection of its own: any thread may call it. Raises :class:`DamagedDatabase` or
    :class:`StorageError`; a missing or empty file passes."""
    _probe(Path(path), what, full=True, strict=True)


def move_aside(path: Path | str, when: dt.datetime | None = None) -> Path:
    """Rename the file at ``path`` (and its ``-wal``/``-shm``/``-journal`` companions) to
    ``<name>.damaged-<date>-<time><suffix>`` beside it, never over another file; returns the
    new path. Companions go first, so a new database there can never meet an old journal.
    Raises :class:`OSError` when a rename fails."""
    file = Path(path)
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    base = f"{file.stem}.damaged-{stamp}"
    target = file.with_name(base + file.suffix)
    number = 2
    while any(Path(f"{target}{end}").exists() for end in ("", *COMPANIONS)):
        target = file.with_name(f"{base}-{number}{file.suffix}")
        number += 1
    for end in COMPANIONS:
        companion = Path(f"{file}{end}")
        if companion.exists():
            os.rename(companion, f"{target}{end}")
    os.rename(file, target)
    return target


def open_repairing(
    path: Path | str,
    migrations: Sequence[str],
    *,
    what: str = DEFAULT_WHAT,
    check: bool = True,
) -> tuple[sqlite3.Connection, DamagedDatabase | None]:
    """:func:`open_database`, going on from a damaged file: it is moved aside
    (:func:`move_aside`) and a new one started. Returns the connection and, when that
    happened, the :class:`DamagedDatabase` with ``moved_to`` set (to tell the owner).
    Other failures raise :class:`StorageError`, as does a damaged file that cannot be moved."""
    try:
        return open_database(path, migrations, what=what, check=check), None
    except DamagedDatabase as exc:
        damage = exc.moved(move_file_aside(exc))
    return open_database(path, migrations, what=what, check=False), damage


def move_file_aside(damage: DamagedDatabase) -> Path:
    """Move the damaged file of ``damage`` aside (:func:`move_aside`); a failed move raises
    a :class:`StorageError` saying why."""
    try:
        return move_aside(damage.path)
    except OSError as exc:
        raise storage_error(exc, damage.path, damage.what) from exc

