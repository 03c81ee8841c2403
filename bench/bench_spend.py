"""Spend chart aggregation on the ``large`` preset: 12 months by day and service.

The four priced logs (fax out, voice in, voice out, SMS out) of the ``large`` preset are
synced into a fresh archive first (untimed). Then, medians of ``--runs`` runs (default 5):

* what the Spend tab does for a redraw: ``Archive.totals_by_day`` (SQL GROUP BY on integer
  micro-units) + ``core.spend.aggregate`` into daily buckets by service;
* the reference: the same figures from a plain Python loop over ``Archive.rows`` (micro-units
  summed per day and log, then made ``Decimal``), checked equal.

Also printed: the weekly and monthly views and the per-sub-account stacking (same path).
Aim: under 0.5 s for the daily view. Run: ``.venv/bin/python bench/bench_spend.py``.
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
from typing import TypeVar

from benchkit import Caller, median_time

from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.core.spend import (
    BY_SERVICE,
    BY_SUB_ACCOUNT,
    SPEND_LOGS,
    Bucket,
    Period,
    SpendSeries,
    aggregate,
    period_range,
)
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.store.archive import Archive

T = TypeVar("T")
TODAY = dt.date(2026, 5, 9)
RANGE = period_range(Period.LAST_12_MONTHS, TODAY)


def tab_path(archive: Archive, bucket: Bucket, group_by: str = BY_SERVICE) -> SpendSeries:
    """What a redraw of the Spend tab computes."""
    totals = archive.totals_by_day(RANGE.start, RANGE.end, logs=SPEND_LOGS)
    return aggregate(totals, RANGE.start, RANGE.end, bucket, group_by)


def python_loop(archive: Archive) -> dict[tuple[dt.date, str], Decimal]:
    """The reference: a plain loop over every archived row, by day and service."""
    micro: dict[tuple[str, str], int] = {}
    for log in SPEND_LOGS:
        at = LOGS[log].money_index
        assert at is not None
        for row in archive.rows(log, RANGE.start, RANGE.end):
            key = (row[2], log)
            micro[key] = micro.get(key, 0) + row[at]
    return {(dt.date.fromisoformat(day), log): Decimal(v).scaleb(-6)
            for (day, log), v in micro.items() if v}


def cells(series: SpendSeries) -> dict[tuple[dt.date, str], Decimal]:
    return {(day, str(key)): series.amount(key, i) for key in series.keys
            for i, day in enumerate(series.buckets) if series.amount(key, i)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = max(3, args.runs)

    started = time.perf_counter()
    sb = start_sandbox(preset="large", today=TODAY)
    print(f"large preset generated in {time.perf_counter() - started:.1f} s")
    caller = Caller(sb)
    root = Path(tempfile.mkdtemp(prefix="bench-spend-"))
    archive = Archive.in_directory(root)
    try:
        started = time.perf_counter()
        engine = HistorySync(caller, archive, today=sb.today_for)
        report = asyncio.run(engine.sync(SPEND_LOGS, RANGE.start, RANGE.end))
        rows = sum(len(archive.rows(log, RANGE.start, RANGE.end)) for log in SPEND_LOGS)
        print(f"(untimed) synced {RANGE.start} .. {RANGE.end}, four priced logs: "
              f"{report.rows} rows in {time.perf_counter() - started:.1f} s; {rows} rows read")

        daily_s, daily = median_time(lambda: tab_path(archive, Bucket.DAY), runs)
        loop_s, reference = median_time(lambda: python_loop(archive), runs)
        print(f"12 months by day and service (totals_by_day + aggregate): {daily_s:.3f} s "
              f"({len(daily.buckets)} days x {len(daily.keys)} services, "
              f"total {daily.total})")
        print(f"  reference: Python loop over the rows {loop_s:.3f} s "
              f"-> {loop_s / daily_s:.1f}x   (same figures: {cells(daily) == reference})")
        sql_s, totals = median_time(
            lambda: archive.totals_by_day(RANGE.start, RANGE.end, logs=SPEND_LOGS), runs)
        agg_s, _ = median_time(
            lambda: aggregate(totals, RANGE.start, RANGE.end, Bucket.DAY), runs)
        print(f"  of which totals_by_day {sql_s:.3f} s ({len(totals)} groups), "
              f"aggregate {agg_s:.3f} s")
        for bucket in (Bucket.WEEK, Bucket.MONTH):
            took, series = median_time(lambda b=bucket: tab_path(archive, b), runs)
            print(f"  by {bucket.value}: {took:.3f} s ({len(series.buckets)} bars, "
                  f"same total: {series.total == daily.total})")
        took, series = median_time(lambda: tab_path(archive, Bucket.DAY, BY_SUB_ACCOUNT), runs)
        print(f"  by day and sub-account: {took:.3f} s ({len(series.keys)} sub-accounts, "
              f"same total: {series.total == daily.total})")
        print(f"(medians of {runs} runs)")
    finally:
        archive.close()
        caller.close()
        sb.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
