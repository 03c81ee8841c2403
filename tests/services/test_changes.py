"""The change log helper: every change through ``ChangeLog.perform`` is recorded, errors are
re-raised unchanged, and the record is opened once per session (real Session, real HTTP to
the sandbox, real SQLite)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from traitel_desktop.api import errors
from traitel_desktop.services import Session
from traitel_desktop.services.changes import (
    AREA_SUB_ACCOUNTS,
    RESULT_CANCELLED,
    RESULT_OK,
    ChangeLog,
    plain_error,
    record_for,
)
from traitel_desktop.store import AccountRecord


@pytest.fixture
def session(sandbox: Any, tmp_path: Path) -> Iterator[Session]:
    sess = Session(
        "demo",
        "demo",
        (sandbox.primary_url, sandbox.alternate_url),
        data_dir=tmp_path / "data",
        connect_timeout=2.0,
        read_timeout=10.0,
    )
    try:
        yield sess
    finally:
        sess.close()


def test_success_is_logged_ok_and_returns_the_result(session: Session, sandbox: Any) -> None:
    log = ChangeLog(session)
    new_id = asyncio.run(
        log.perform(
            AREA_SUB_ACCOUNTS,
            "add",
            "night-shift",
            lambda c: c.add_sub_account("night-shift", email="night@example.com"),
            detail="e-mail 'night@example.com'",
        )
    )
    assert isinstance(new_id, int) and new_id > 0
    assert "night-shift" in sandbox.dump()
    (change,) = log.record.changes()
    assert (change.actor, change.area, change.action, change.target) == (
        "demo", "sub-accounts", "add", "night-shift"
    )
    assert change.detail == "e-mail 'night@example.com'"
    assert change.result == RESULT_OK


def test_error_is_logged_in_plain_words_and_reraised_unchanged(session: Session) -> None:
    log = ChangeLog(session)
    with pytest.raises(errors.InvalidSubAccount) as info:
        asyncio.run(
            log.perform(
                AREA_SUB_ACCOUNTS, "delete", "ID 987654", lambda c: c.del_sub_account(987654)
            )
        )
    assert info.value.field == "subid"
    (change,) = log.record.changes()
    assert change.result == info.value.explanation
    assert change.result != RESULT_OK and "987654" not in change.result


def test_cancelled_wait_is_logged_as_unknown_outcome(session: Session, sandbox: Any) -> None:
    sandbox.faults.latency = 1.0
    log = ChangeLog(session)

    async def cancel_soon() -> None:
        task = asyncio.ensure_future(
            log.perform(AREA_SUB_ACCOUNTS, "add", "late", lambda c: c.add_sub_account("late"))
        )
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    try:
        asyncio.run(cancel_soon())
    finally:
        sandbox.faults.latency = 0.0
    (change,) = log.record.changes()
    assert change.result == RESULT_CANCELLED


def test_record_is_opened_once_per_session(session: Session, sandbox: Any, tmp_path: Path) -> None:
    assert record_for(session) is record_for(session)
    assert ChangeLog(session).record is record_for(session)
    other = Session(
        "demo", "demo", (sandbox.primary_url, sandbox.alternate_url), data_dir=tmp_path / "other"
    )
    try:
        assert record_for(other) is not record_for(session)
        ChangeLog(other).log("numbers", "assign", "+61 2 9999 1234", "to fax", RESULT_OK)
    finally:
        other.close()
    # It is the account's record file in the data directory: a fresh reader sees the lines.
    reader = AccountRecord.in_directory(tmp_path / "other")
    try:
        assert [c.target for c in reader.changes()] == ["+61 2 9999 1234"]
    finally:
        reader.close()
    assert record_for(session).changes() == []


def test_plain_error_texts() -> None:
    assert plain_error(asyncio.CancelledError()) == RESULT_CANCELLED
    assert "in time" in plain_error(TimeoutError())
    assert plain_error(ValueError("secret detail")) == "unexpected error (ValueError)"
