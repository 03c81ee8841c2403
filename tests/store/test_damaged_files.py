"""Damaged database files, on real SQLite files in ``tmp_path``: each is found when it opens
(``PRAGMA quick_check``), never deleted, and with ``repair`` moved aside with the date in its
name (its ``-wal``/``-shm`` too) and replaced by a new, empty store that works."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.damage import DAMAGES, damage_file, read_only, settle
from tests.helpers.log_rows import log_columns
from traitel_desktop.store import AccountRecord
from traitel_desktop.store.archive import Archive
from traitel_desktop.store.database import check_database, move_aside
from traitel_desktop.store.errors import DamagedDatabase, StorageError

D = dt.date
TODAY = D(2026, 5, 20)


def fill_record(path: Path) -> None:
    AccountRecord(path).close()  # the schema, then 2,000 changes in one transaction
    with sqlite3.connect(str(path)) as conn:
        conn.executemany(
            "INSERT INTO change (at_utc, actor, area, action, target, detail, result)"
            " VALUES ('2026-05-01T10:00:00+00:00', 'demo', 'sub-accounts', 'add', ?, ?, 'ok')",
            [(f"desk {i}", "e-mail 'desk@example.com'" * 3) for i in range(2000)])
        conn.executemany("INSERT INTO alias VALUES (?, ?)",
                         [(i, f"desk {i}") for i in range(2000)])
    conn.close()


def fill_archive(path: Path) -> None:
    archive = Archive(path)
    rows = [[str(i), "0", f"2026-03-{1 + i % 28:02d}", "10:00:00", "61400000001",
             "61400000002", "1", "", "0.0550"] for i in range(1, 6000)]
    archive.store_range("logsmsout", D(2026, 3, 1), D(2026, 3, 31),
                        log_columns("logsmsout", rows), today=TODAY)
    archive.close()


def open_record(path: Path, **options: Any) -> AccountRecord:
    return AccountRecord(path, **options)


def open_archive(path: Path, **options: Any) -> Archive:
    return Archive(path, **options)


STORES: dict[str, tuple[Callable[[Path], None], Callable[..., Any], str]] = {
    "record": (fill_record, open_record, "record.sqlite3"),
    "archive": (fill_archive, open_archive, "history.sqlite3"),
}


def dated_name(path: Path, before: dt.date, after: dt.date) -> bool:
    """True when ``path`` is named ``<stem>.damaged-<date>-<time>...`` with one of the dates
    of the test's run (it may cross midnight)."""
    found = re.fullmatch(r"(\w+)\.damaged-(\d{4}-\d{2}-\d{2})-\d{6}(-\d+)?\.sqlite3", path.name)
    return found is not None and found.group(2) in (before.isoformat(), after.isoformat())


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_file_is_found_when_it_opens_and_left_in_place(
    tmp_path: Path, store: str, how: str
) -> None:
    fill, open_store, name = STORES[store]
    path = tmp_path / name
    fill(path)
    damage_file(path, how)
    damaged = path.read_bytes()
    with pytest.raises(DamagedDatabase) as info:
        open_store(path)
    assert info.value.path == path and info.value.moved_to is None
    assert path.read_bytes() == damaged
    with pytest.raises(DamagedDatabase):
        check_database(path)


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("how", DAMAGES)
def test_repair_moves_the_damaged_file_aside_with_the_date_and_starts_anew(
    tmp_path: Path, store: str, how: str
) -> None:
    fill, open_store, name = STORES[store]
    path = tmp_path / name
    fill(path)
    damage_file(path, how)
    damaged = path.read_bytes()
    Path(f"{path}-wal").write_bytes(b"left by a crash")
    Path(f"{path}-shm").write_bytes(b"index")
    before = dt.date.today()
    opened = open_store(path, repair=True)
    after = dt.date.today()
    try:
        moved = opened.repaired.moved_to
        assert dated_name(moved, before, after), moved.name
        assert moved.read_bytes() == damaged
        assert Path(f"{moved}-wal").read_bytes() == b"left by a crash"
        assert Path(f"{moved}-shm").exists()  # SQLite's index of the WAL: rebuilt, not data
        assert "was damaged" in opened.repaired.explanation
        assert moved.name in opened.repaired.explanation
        if store == "record":
            assert opened.changes() == [] and opened.aliases() == {}
            opened.set_alias(1, "reception")
            assert opened.aliases() == {1: "reception"}
        else:
            assert opened.row_count("logsmsout") == 0
            assert opened.missing_days("logsmsout", D(2026, 3, 1), D(2026, 3, 2), TODAY)
    finally:
        opened.close()
    check_database(path)


@pytest.mark.parametrize("store", STORES)
def test_a_zero_length_file_is_an_empty_store_not_a_damaged_one(
    tmp_path: Path, store: str
) -> None:
    _fill, open_store, name = STORES[store]
    path = tmp_path / name
    path.write_bytes(b"")
    opened = open_store(path, repair=True)
    try:
        assert opened.repaired is None
    finally:
        opened.close()
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == []


@pytest.mark.parametrize("store", STORES)
def test_a_folder_in_place_of_the_file_is_moved_aside(tmp_path: Path, store: str) -> None:
    _fill, open_store, name = STORES[store]
    path = tmp_path / name
    path.mkdir()
    (path / "note.txt").write_text("kept")
    with pytest.raises(DamagedDatabase):
        open_store(path)
    opened = open_store(path, repair=True)
    try:
        moved = opened.repaired.moved_to
        assert (moved / "note.txt").read_text() == "kept"
        assert path.is_file()
    finally:
        opened.close()


def test_a_read_only_record_reads_but_a_write_raises_a_plain_storage_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "record.sqlite3"
    record = AccountRecord(path)
    record.set_alias(7, "reception")
    record.close()
    settle(path)
    with read_only(path):
        again = AccountRecord(path, repair=True)
        try:
            assert again.repaired is None
            assert again.aliases() == {7: "reception"}
            with pytest.raises(StorageError) as info:
                again.set_alias(8, "sales")
        finally:
            again.close()
    assert not isinstance(info.value, DamagedDatabase)
    assert "read-only" in info.value.explanation
    assert info.value.path == path
    assert [p.name for p in tmp_path.iterdir() if "damaged" in p.name] == []


def test_a_missing_folder_that_cannot_be_made_is_a_plain_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError) as info:
        AccountRecord.in_directory(blocker / "data", repair=True)
    assert not isinstance(info.value, DamagedDatabase)
    assert "TraiTel Desktop could not use" in info.value.explanation
    assert blocker.read_text() == "a file where the data folder should be"


def test_moving_aside_never_overwrites_an_earlier_damaged_file(tmp_path: Path) -> None:
    when = dt.datetime(2026, 5, 20, 9, 30, 0)
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"first")
    first = move_aside(path, when)
    path.write_bytes(b"second")
    second = move_aside(path, when)
    assert (first.name, second.name) == (
        "history.damaged-2026-05-20-093000.sqlite3", "history.damaged-2026-05-20-093000-2.sqlite3")
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")
    assert not path.exists()


def test_a_healthy_file_opens_checked_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    fill_record(path)
    check_database(path)
    record = AccountRecord(path, repair=True)
    try:
        assert record.repaired is None
        assert len(record.changes()) == 2000
    finally:
        record.close()
