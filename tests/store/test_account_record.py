"""The local record of aliases and changes, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from traitel_desktop.store import AccountRecord


def test_aliases_survive_reopening(tmp_path: Path) -> None:
    record = AccountRecord.in_directory(tmp_path / "demo")
    record.set_alias(7, "reception")
    record.set_alias(9, "sales")
    record.set_alias(7, "front-desk")
    record.close()

    again = AccountRecord.in_directory(tmp_path / "demo")
    assert again.alias(7) == "front-desk"
    assert again.aliases() == {7: "front-desk", 9: "sales"}
    again.forget_alias(9)
    assert again.alias(9) is None
    again.close()


def test_change_log_is_newest_first_and_keeps_failures(tmp_path: Path) -> None:
    record = AccountRecord(tmp_path / "record.sqlite3")
    first = record.log_change(
        actor="demo", area="sub-accounts", action="add", target="reception",
        result="ok", at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    second = record.log_change(
        actor="demo", area="ivml", action="delete", target="After-hours (#7)",
        detail="numbers returned: 61299991234", result="Invalid IVML ID.",
    )
    changes = record.changes()
    assert [c.id for c in changes] == [second, first]
    assert changes[0].result == "Invalid IVML ID."
    assert changes[1].at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert [c.id for c in record.changes(limit=1)] == [second]
    record.close()


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    AccountRecord(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # then alerts
    finally:
        conn.close()
    # Re-opening an up-to-date file must not re-run the migration (it would fail: tables exist).
    AccountRecord(path).close()
