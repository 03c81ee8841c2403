"""The sandbox's state: one SQLite database, one connection, one lock.

Every request runs inside :meth:`Database.transaction` (``BEGIN IMMEDIATE`` ... ``COMMIT``,
or ``ROLLBACK`` when the request is rejected or fails), so a rejected request changes nothing
and concurrent requests never interleave. Money is stored as integer micro-units; log times as
UTC epoch seconds (shown in the account's time zone when read).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA_VERSION = 1
DB_FILE_NAME = "sandbox.sqlite3"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, password TEXT NOT NULL,
    email TEXT NOT NULL, ivr INTEGER NOT NULL, locked INTEGER NOT NULL, timezone TEXT NOT NULL,
    balance_micro INTEGER NOT NULL);
CREATE TABLE topups (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, date TEXT NOT NULL,
    amount_micro INTEGER NOT NULL, note TEXT NOT NULL);
CREATE TABLE subaccounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL, alias TEXT NOT NULL,
    email TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    company TEXT NOT NULL, fax_headline TEXT NOT NULL);
CREATE TABLE ivr (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, name TEXT NOT NULL,
    outbound INTEGER NOT NULL);
CREATE TABLE ivml (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL, name TEXT NOT NULL,
    launch_url TEXT NOT NULL, result_url TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE dids (
    number TEXT PRIMARY KEY, account_id INTEGER NOT NULL, owner_sub INTEGER NOT NULL,
    service TEXT NOT NULL, capable TEXT NOT NULL, assigned_service TEXT NOT NULL,
    assigned_id INTEGER, country TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE offers (
    number TEXT PRIMARY KEY, service TEXT NOT NULL, country TEXT NOT NULL, city TEXT NOT NULL,
    taken INTEGER NOT NULL);
CREATE TABLE sms_rates (
    region TEXT PRIMARY KEY, country TEXT NOT NULL, replies INTEGER NOT NULL,
    masking INTEGER NOT NULL, tracking INTEGER NOT NULL, masktrack INTEGER NOT NULL);
CREATE TABLE voice_rates (
    region TEXT PRIMARY KEY, country TEXT NOT NULL, flagfall INTEGER NOT NULL,
    per_second INTEGER NOT NULL, per_minute INTEGER NOT NULL, billing_type TEXT NOT NULL);
CREATE TABLE fax_rates (
    region TEXT PRIMARY KEY, country TEXT NOT NULL, flagfall INTEGER NOT NULL,
    per_second INTEGER NOT NULL, per_minute INTEGER NOT NULL, per_page INTEGER NOT NULL,
    billing_type TEXT NOT NULL);
CREATE TABLE log_faxin (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, station_id TEXT NOT NULL,
    pages INTEGER NOT NULL, speed INTEGER NOT NULL, duration INTEGER NOT NULL);
CREATE TABLE log_faxout (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, pages INTEGER NOT NULL,
    speed INTEGER NOT NULL, duration INTEGER NOT NULL, cost_micro INTEGER NOT NULL,
    attempt INTEGER NOT NULL, error_code INTEGER NOT NULL);
CREATE TABLE log_voicein (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, duration INTEGER NOT NULL,
    result TEXT NOT NULL, cost_micro INTEGER NOT NULL, ivml_id INTEGER);
CREATE TABLE log_voiceout (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, duration INTEGER NOT NULL,
    result TEXT NOT NULL, cost_micro INTEGER NOT NULL, ivml_id INTEGER);
CREATE TABLE log_smsin (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, message_type TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE TABLE log_smsout (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, ts INTEGER NOT NULL,
    sub_id INTEGER NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL, sent INTEGER NOT NULL,
    tracking TEXT NOT NULL, cost_micro INTEGER NOT NULL);
"""

LOG_TABLES = ("faxin", "faxout", "voicein", "voiceout", "smsin", "smsout")

INDEXES = "\n".join(
    f"CREATE INDEX log_{name}_by_time ON log_{name} (account_id, ts);" for name in LOG_TABLES
)


class Database:
    """One SQLite connection shared by all gateway threads, serialised by a lock."""

    def __init__(self, data_dir: Path | None) -> None:
        self.path = None if data_dir is None else Path(data_dir) / DB_FILE_NAME
        self.lock = threading.RLock()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            ":memory:" if self.path is None else str(self.path),
            isolation_level=None,
            check_same_thread=False,
        )
        if self.path is not None:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")

    def is_initialised(self) -> bool:
        """True when the schema exists (a persisted database from an earlier run)."""
        row = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        return bool(row[0])

    def create_schema(self) -> None:
        """Create the empty tables (the generator fills them, then :meth:`create_indexes`)."""
        self.conn.executescript(SCHEMA)

    def create_indexes(self) -> None:
        """Index the logs by account and time (after the bulk load: faster)."""
        self.conn.executescript(INDEXES)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and run one transaction; roll back on any exception."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def dump(self) -> str:
        """The whole database as SQL text, deterministic for the same state."""
        with self.lock:
            return "\n".join(self.conn.iterdump()) + "\n"

    def close(self) -> None:
        """Close the connection (waits for the running request)."""
        with self.lock:
            self.conn.close()
