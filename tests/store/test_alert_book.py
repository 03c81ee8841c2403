"""The alerts kept in the account's record: added once per key (also after clear and after
a restart), listed newest first, unread count, mark read, clear; the watcher's state kept
with them; a record made before alerts existed is upgraded in place."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from traitel_desktop.core.alerts import Alert, AlertKind, Severity, Target
from traitel_desktop.store import AccountRecord
from traitel_desktop.store.account_record import _MIGRATIONS
from traitel_desktop.store.alert_book import AlertBook

T0 = dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC)


def alert(key: str, minutes: int = 0, kind: AlertKind = AlertKind.NEW_FAX) -> Alert:
    return Alert(kind, Severity.WARNING, f"title {key}", f"text {key}", key,
                 Target.row("logfaxin", 1), T0 + dt.timedelta(minutes=minutes))


def test_add_ignores_a_key_told_before_and_lists_newest_first(tmp_path: Path) -> None:
    book = AlertBook(AccountRecord(tmp_path / "record.sqlite3"))
    kept = book.add([alert("a", 0), alert("b", 5), alert("a", 10)])
    assert [a.key for a in kept] == ["a", "b"]
    assert book.add([alert("b", 20)]) == []
    listed = book.alerts()
    assert [(a.key, a.created) for a in listed] == [("b", T0 + dt.timedelta(minutes=5)),
                                                    ("a", T0)]
    assert (listed[0].kind, listed[0].severity, listed[0].target) == (
        "new_fax", "warning", "logfaxin:1")
    assert Target.parse(listed[0].target) == Target.row("logfaxin", 1)


def test_unread_count_mark_read_one_and_all(tmp_path: Path) -> None:
    book = AlertBook(AccountRecord(tmp_path / "record.sqlite3"))
    book.add([alert("a"), alert("b", 1), alert("c", 2)])
    assert book.unread_count() == 3
    book.mark_read(book.alerts()[0].id)
    assert book.unread_count() == 2 and book.alerts()[0].read
    book.mark_read()
    assert book.unread_count() == 0


def test_clear_empties_the_list_and_no_cleared_alert_comes_back(tmp_path: Path) -> None:
    book = AlertBook(AccountRecord(tmp_path / "record.sqlite3"))
    book.add([alert("a")])
    book.clear()
    assert book.alerts() == [] and book.unread_count() == 0
    assert book.add([alert("a", 30)]) == []


def test_a_restart_keeps_alerts_keys_and_state(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    record = AccountRecord(path)
    AlertBook(record).record_check([alert("a")], ["folded-1"], {"last_id:logfaxin": "7"})
    record.close()
    again = AlertBook(AccountRecord(path))  # a new process: new objects, same file
    assert again.state() == {"last_id:logfaxin": "7"}
    assert again.add([alert("a", 5), alert("folded-1", 5)]) == []
    assert [a.key for a in again.alerts()] == ["a"]


def test_a_failed_check_writes_nothing(tmp_path: Path) -> None:
    book = AlertBook(AccountRecord(tmp_path / "record.sqlite3"))
    broken = alert("x")
    object.__setattr__(broken, "created", None)  # fails half-way through the write
    with pytest.raises(AttributeError):
        book.record_check([alert("ok"), broken], [], {"tripped": "runway"})
    assert book.alerts() == [] and book.state() == {} and not book.told("ok")


def test_a_record_from_before_alerts_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "record.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(_MIGRATIONS[0])
    conn.execute("INSERT INTO alias VALUES (3, 'Reception')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    record = AccountRecord(path)
    assert record.alias(3) == "Reception"
    assert [a.key for a in AlertBook(record).add([alert("a")])] == ["a"]
