"""The change log is bookkeeping: a change TraiTel accepted is reported made (with a note)
even when this computer cannot write it down, and never sent again; a damaged record is moved
aside and replaced when it opens. Real Session, real HTTP to a fresh sandbox, real SQLite."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.damage import damage_file
from traitel_desktop.api import errors
from traitel_desktop.services import Session
from traitel_desktop.services.changes import (
    AREA_SUB_ACCOUNTS,
    NOTE_UNRECORDED,
    ChangeLog,
    record_for,
)
from traitel_desktop.services.storage import StorageError, collecting_notes
from traitel_desktop.services.subaccounts import SubAccountDraft, SubAccounts
from traitel_desktop.store import AccountRecord


def make_session(sandbox: Any, data_dir: Path) -> Session:
    return Session("demo", "demo", (sandbox.primary_url, sandbox.alternate_url),
                   data_dir=data_dir, connect_timeout=2.0, read_timeout=10.0)


@pytest.fixture
def blocked(sandbox: Any, tmp_path: Path) -> Iterator[Session]:
    """A session whose data folder cannot be made (a file is where its parent should be)."""
    (tmp_path / "blocker").write_text("not a folder")
    sess = make_session(sandbox, tmp_path / "blocker" / "data")
    try:
        yield sess
    finally:
        sess.close()


def aliases_on_sandbox(sandbox: Any, alias: str) -> list[int]:
    with sandbox.db.lock:
        return [int(r[0]) for r in sandbox.db.conn.execute(
            "SELECT id FROM subaccounts WHERE alias = ?", (alias,))]


def test_a_change_accepted_is_made_once_even_when_the_record_cannot_be_written(
    blocked: Session, sandbox: Any
) -> None:
    async def add() -> tuple[int, list[str]]:
        with collecting_notes() as notes:
            new_id = await SubAccounts(blocked).add(
                SubAccountDraft("night-desk", "night-desk@example.com"))
        return new_id, notes

    new_id, notes = asyncio.run(add())
    assert aliases_on_sandbox(sandbox, "night-desk") == [new_id]
    assert len(notes) == 1 and notes[0].startswith("The change was made on TraiTel.")
    assert "There is no need to make the change again." in notes[0]
    assert notes[0] != NOTE_UNRECORDED and "{reason}" not in notes[0]
    with pytest.raises(StorageError):
        record_for(blocked)  # still out of reach: tried again on each use, never raised above


def test_a_refused_change_keeps_its_own_error_when_the_record_cannot_be_written(
    blocked: Session,
) -> None:
    async def delete() -> None:
        with collecting_notes():
            await ChangeLog(blocked).perform(
                AREA_SUB_ACCOUNTS, "delete", "ID 987654", lambda c: c.del_sub_account(987654))

    with pytest.raises(errors.InvalidSubAccount):
        asyncio.run(delete())


def test_sub_accounts_load_without_aliases_and_say_why_when_the_record_is_unreadable(
    blocked: Session, sandbox: Any
) -> None:
    async def load() -> tuple[list[Any], list[str]]:
        with collecting_notes() as notes:
            rows = await SubAccounts(blocked).load()
        return rows, notes

    rows, notes = asyncio.run(load())
    assert rows
    assert len(notes) == 1 and "could not be read" in notes[0]


def test_a_damaged_record_is_moved_aside_at_open_and_the_change_recorded_anew(
    sandbox: Any, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    old = AccountRecord.in_directory(data)
    old.set_alias(4242, "old alias")
    old.close()
    damage_file(data / AccountRecord.FILE_NAME, "garbage header")
    session = make_session(sandbox, data)

    async def add() -> tuple[int, list[str]]:
        with collecting_notes() as notes:
            new_id = await SubAccounts(session).add(SubAccountDraft("fresh-desk"))
        return new_id, notes

    try:
        new_id, notes = asyncio.run(add())
        assert aliases_on_sandbox(sandbox, "fresh-desk") == [new_id]
        (moved,) = data.glob("record.damaged-*.sqlite3")
        assert len(notes) == 1 and "was damaged and could not be read" in notes[0]
        assert moved.name in notes[0]
        record = record_for(session)
        assert [c.target for c in record.changes()] == ["fresh-desk"]
        assert record.aliases() == {new_id: "fresh-desk"}
    finally:
        session.close()
