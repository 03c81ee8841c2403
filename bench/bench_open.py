"""Opening the history archive with and without the whole-file check (``PRAGMA quick_check``).

On a year of all six logs of the ``large`` preset (about a million rows, synced once into a
fresh archive, with its month cache, as the app stores them), medians of ``--runs``, page
cache warm (every variant reads the file once before timing):

* the Qt thread's open: ``Archive(check=False)`` (header and schema read on a read-only
  connection: what ``HistoryService`` does) is the reference;
* ``Archive(check=True)``: the same open followed by the full check, as a store opened on
  one thread would do it; its ratio to the reference is the start-up cost the check would add
  on the Qt thread;
* ``check_database`` alone (what the service's worker thread runs);
* first rows like the Activity tab (12 months of ``logsmsout`` through ``Archive.columns``):
  without the check, then with the check running beside the read in a second thread (what
  ``HistoryService.load_columns`` does on its first read), as a ratio.

And the change record (``record.sqlite3`` with 20,000 changes): open with and without check.

Run: ``.venv/bin/python bench/bench_open.py [--runs 5] [--keep DIR]`` (``--keep`` reuses or
leaves the synced archive in DIR: the sync takes a while).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
import sqlite3
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchkit import Caller, median_time

from traitel_desktop.contract.logs import LOG_NAMES
from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.store import AccountRecord
from traitel_desktop.store.archive import Archive
from traitel_desktop.store.database import check_database, open_database

TODAY = dt.date(2026, 5, 9)
START = TODAY - dt.timedelta(days=364)


def build_archive(folder: Path) -> None:
    sb = start_sandbox(preset="large", today=TODAY)
    caller = Caller(sb)
    try:
        archive = Archive.in_directory(folder)
        engine = HistorySync(caller, archive, today=sb.today_for)
        started = time.perf_counter()
        report = asyncio.run(engine.sync(LOG_NAMES, START, TODAY))
        print(f"(synced {report.rows} rows of six logs in {time.perf_counter() - started:.0f} s)")
        archive.close()
    finally:
        caller.close()
        sb.stop()


def build_record(path: Path) -> None:
    AccountRecord(path).close()
    with sqlite3.connect(str(path)) as conn:
        conn.executemany(
            "INSERT INTO change (at_utc, actor, area, action, target, detail, result)"
            " VALUES ('2026-05-01T10:00:00+00:00', 'demo', 'numbers', 'assign', ?, ?, 'ok')",
            [(f"+61 2 9999 {i:04d}", "to fax, sub-account reception (ID 1002)")
             for i in range(20_000)])
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    runs = max(1, args.runs)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-open-"))
    try:
        folder = root / "archive"
        path = folder / Archive.FILE_NAME
        if not path.exists():
            build_archive(folder)
        size = path.stat().st_size / 1e6
        check_database(path)  # warm the page cache

        def opened(check: bool) -> None:
            Archive(path, check=check).close()

        plain_s, _ = median_time(lambda: opened(False), runs)
        checked_s, _ = median_time(lambda: opened(True), runs)
        alone_s, _ = median_time(lambda: check_database(path), runs)
        print(f"archive {size:.0f} MB, medians of {runs}:")
        print(f"  open without the check (Qt thread, reference): {plain_s * 1000:8.1f} ms")
        print(f"  open with the check:                           {checked_s * 1000:8.1f} ms"
              f"  = {checked_s / plain_s:.0f}x")
        print(f"  check_database alone (worker thread):          {alone_s * 1000:8.1f} ms")

        def first_rows(with_check: bool) -> int:
            with ThreadPoolExecutor(max_workers=1) as pool:
                check = pool.submit(check_database, path) if with_check else None
                with Archive(path, check=False) as archive:
                    columns = archive.columns("logsmsout", START, TODAY)
                if check is not None:
                    check.result()
            return len(columns[0])

        rows_s, count = median_time(lambda: first_rows(False), runs)
        beside_s, _ = median_time(lambda: first_rows(True), runs)
        print(f"  first rows, 12 months of logsmsout ({count} rows), no check: "
              f"{rows_s * 1000:.0f} ms; with the check beside it: {beside_s * 1000:.0f} ms"
              f"  = {beside_s / rows_s:.2f}x")

        record = root / "record.sqlite3"
        if not record.exists():
            build_record(record)
        plain_r, _ = median_time(lambda: open_database(record, (), check=False).close(), runs)
        checked_r, _ = median_time(lambda: open_database(record, (), check=True).close(), runs)
        print(f"record {record.stat().st_size / 1e6:.1f} MB (20,000 changes): open "
              f"{checked_r * 1000:.1f} ms checked (as AccountRecord opens it) vs "
              f"{plain_r * 1000:.1f} ms unchecked  = {checked_r / plain_r:.1f}x")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
