"""History archive figures on the ``large`` preset (about 320 thousand ``logsmsout`` rows a year).

Each figure is printed next to a reference measured in the same run:

* a full 12-month sync of ``logsmsout`` into a fresh archive (month chunks, 3 in parallel,
  parsed and stored) vs one plain ``client.log_sms_out`` call for the same year (typed
  records, nothing stored);
* re-opening the archive and reading those 12 months (``Archive.rows``), with the number of
  requests the sandbox answered meanwhile (must be 0), vs the same plain API call;
* ``totals_by_day`` over 12 months of all six logs (SQL GROUP BY on micro-units) vs the same
  totals computed with a plain Python loop over ``Archive.rows``.

Medians of ``--runs`` runs (default 3). Run: ``.venv/bin/python bench/bench_archive.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from benchkit import Caller, median_time

from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.logs import LOG_NAMES, LOGS
from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.store.archive import Archive

T = TypeVar("T")
TODAY = dt.date(2026, 5, 9)
START = TODAY - dt.timedelta(days=364)


def python_totals(archive: Archive) -> dict[tuple[str, str, int], tuple[int, Decimal]]:
    """The reference aggregation: a plain loop over every archived row."""
    out: dict[tuple[str, str, int], tuple[int, Decimal]] = {}
    for log in LOG_NAMES:
        at = LOGS[log].money_index
        for row in archive.rows(log, START, TODAY):
            key = (log, row[2], row[1])
            count, cost = out.get(key, (0, Decimal(0)))
            out[key] = (count + 1, cost + (Decimal(row[at]).scaleb(-6) if at else 0))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = max(1, args.runs)

    started = time.perf_counter()
    sb = start_sandbox(preset="large", today=TODAY)
    print(f"large preset generated in {time.perf_counter() - started:.1f} s")
    caller = Caller(sb)
    client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url),
                           read_timeout=120.0, verify=False)
    root = Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        direct_s, records = median_time(lambda: client.log_sms_out(START, TODAY), runs)
        counter = iter(range(10_000))

        def full_sync() -> tuple[Path, Any]:
            folder = root / f"sync{next(counter)}"
            archive = Archive.in_directory(folder)
            engine = HistorySync(caller, archive, today=sb.today_for)
            report = asyncio.run(engine.sync(["logsmsout"], START, TODAY))
            archive.close()
            return folder, report

        sync_s, (folder, report) = median_time(full_sync, runs)
        print(f"12-month sync of logsmsout: {sync_s:.2f} s "
              f"({report.rows} rows, {report.requests} requests, {report.splits} splits)"
              f"   reference: one log_sms_out call for the year {direct_s:.2f} s "
              f"({len(records)} records)")

        before = sb.request_count["total"]

        def reopen() -> int:
            with Archive.in_directory(folder) as archive:
                return len(archive.rows("logsmsout", START, TODAY))

        reopen_s, count = median_time(reopen, runs)
        requests = sb.request_count["total"] - before
        print(f"re-open 12 months from the archive: {reopen_s:.3f} s ({count} rows, "
              f"{requests} network requests)   reference: from the API {direct_s:.2f} s")

        everything = Archive.in_directory(root / "all")
        engine = HistorySync(caller, everything, today=sb.today_for)
        all_started = time.perf_counter()
        all_report = asyncio.run(engine.sync(LOG_NAMES, START, TODAY))
        all_s = time.perf_counter() - all_started
        print(f"(12-month sync of all six logs: {all_s:.1f} s, {all_report.rows} rows)")
        totals_s, totals = median_time(lambda: everything.totals_by_day(START, TODAY), runs)
        loop_s, reference = median_time(lambda: python_totals(everything), runs)
        same = {(t.log, t.day.isoformat(), t.sub_id): (t.records, t.cost) for t in totals}
        print(f"totals_by_day, 12 months, six logs: {totals_s:.3f} s ({len(totals)} groups)"
              f"   reference: Python loop over the rows {loop_s:.3f} s"
              f"   (same figures: {same == reference})")
        everything.close()
    finally:
        client.close()
        caller.close()
        sb.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
