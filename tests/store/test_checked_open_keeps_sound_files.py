"""The check on open never takes a sound file for a damaged one: an archive left by a process
killed in the middle of a write (kill -9) opens as it was committed and only the days not
committed are fetched again; a file another process is writing opens normally. Real
processes, real SQLite files in ``tmp_path``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

from traitel_desktop.store import AccountRecord
from traitel_desktop.store.archive import Archive
from traitel_desktop.store.database import check_database

TODAY = dt.date(2026, 5, 20)
SETTLED = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))

#: Stores March (settled), then dies with SIGKILL in the middle of storing April.
KILLED_WRITER = textwrap.dedent("""
    import datetime as dt, os, signal, sys
    from tests.helpers.log_rows import log_columns
    from traitel_desktop.store.archive import Archive

    def rows(month, count):
        return [[str(month * 100000 + i), "0", f"2026-{month:02d}-{1 + i % 28:02d}",
                 "10:00:00", "61400000001", "61400000002", "1", "", "0.0550"]
                for i in range(count)]

    archive = Archive(sys.argv[1])
    today = dt.date(2026, 5, 20)
    archive.store_range("logsmsout", dt.date(2026, 3, 1), dt.date(2026, 3, 31),
                        log_columns("logsmsout", rows(3, 3000)), today=today)
    with archive._writing() as conn:  # April's transaction, never committed
        conn.executemany("INSERT INTO logsmsout VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(*r[:8], 55000, None) for r in rows(4, 3000)])
        os.kill(os.getpid(), signal.SIGKILL)
""")

#: Holds a write transaction on a record until told to stop (a second instance).
HOLDING_WRITER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO alias VALUES (99, 'other window')")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
""")


def test_an_archive_killed_during_a_write_opens_as_committed_and_resumes(
    tmp_path: Path,
) -> None:
    path = tmp_path / Archive.FILE_NAME
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)],
                          cwd=Path(__file__).parents[2], capture_output=True, text=True)
    assert done.returncode == -9, done.stderr
    assert Path(f"{path}-wal").exists()
    check_database(path)
    archive = Archive(path, repair=True)
    try:
        assert archive.repaired is None
        assert archive.row_count("logsmsout") == 3000
        assert archive.missing_days("logsmsout", *SETTLED, TODAY) == []
        april = archive.missing_days("logsmsout", dt.date(2026, 4, 1), dt.date(2026, 4, 30),
                                     TODAY)
        assert len(april) == 30
    finally:
        archive.close()
    assert list(tmp_path.glob("*damaged*")) == []


def test_a_record_another_instance_is_writing_opens_checked_and_unharmed(
    tmp_path: Path,
) -> None:
    path = tmp_path / AccountRecord.FILE_NAME
    first = AccountRecord(path)
    first.set_alias(7, "reception")
    with subprocess.Popen([sys.executable, "-c", HOLDING_WRITER, str(path)],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as other:
        assert other.stdin is not None and other.stdout is not None
        try:
            assert other.stdout.readline().strip() == "holding"
            second = AccountRecord(path, repair=True)
            try:
                assert second.repaired is None
                assert second.aliases() == {7: "reception"}
            finally:
                second.close()
        finally:
            other.stdin.write("done\n")
            other.stdin.flush()
            other.wait(timeout=30)
    assert other.returncode == 0
    assert first.aliases() == {7: "reception", 99: "other window"}
    first.close()
    assert list(tmp_path.glob("*damaged*")) == []


def test_connections_opening_a_new_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    """Two windows (or a window and its reader thread) starting on a new data folder."""
    import threading

    path = tmp_path / Archive.FILE_NAME
    start = threading.Barrier(6)
    errors: list[BaseException] = []

    def open_one() -> None:
        start.wait()
        try:
            Archive(path, check=False).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with Archive(path) as archive:
        assert archive.row_count("logsmsout") == 0
