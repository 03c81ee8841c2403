"""Exporting a log's raw columns: typed cells under the one rule (``core.sheet_cells``) next to
the old way, every cell as plain text with no rule, on the same rows.

The rows are one year of a log from the demo sandbox (seed 1, a fixed day), repeated up to
``--rows`` (default 50,000). Timed, as medians of ``--runs`` (default 5; the ways take turns in
each round, each after a full garbage collection), each writing a file in a temporary folder:

* reference: the rows as texts (``str`` of each value, costs as ``f"{amount:f}"``, as the old
  ``LogTable.raw_texts`` did), written by bare ``csv.writer`` / openpyxl's write-only
  ``append``, as the old ``core.export.write_rows`` did;
* now: ``core.log_cells.log_row`` + ``core.export.write_rows`` (text neutralised, numbers,
  amounts, dates and times typed, XLSX number formats).

Run: ``.venv/bin/python bench/bench_export.py [--runs 5] [--rows 50000] [--log logvoiceout]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.logs import LOGS, to_money
from traitel_desktop.core.export import CSV, XLSX, write_rows
from traitel_desktop.core.log_cells import log_columns, log_row
from traitel_desktop.sandbox import start_sandbox

TODAY = dt.date(2026, 5, 9)


def fetch(log: str, count: int) -> list[tuple[Any, ...]]:
    """One year of ``log`` from the demo sandbox, repeated up to ``count`` rows."""
    sb = start_sandbox(seed=1, preset="demo", today=TODAY)
    try:
        client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url))
        try:
            rows = client.log(log, TODAY - dt.timedelta(days=364), TODAY).rows()
        finally:
            client.close()
    finally:
        sb.stop()
    return (rows * (count // len(rows) + 1))[:count]


def old_texts(log: str, row: Sequence[Any]) -> list[str]:
    """A row as the old raw export wrote it."""
    at = LOGS[log].money_index
    return ["" if v is None else f"{to_money(v):f}" if i == at else str(v)
            for i, v in enumerate(row)]


def old_csv(path: Path, log: str, rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(LOGS[log].headers)
        writer.writerows(old_texts(log, r) for r in rows)


def old_xlsx(path: Path, log: str, rows: Sequence[Sequence[Any]]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Activity")
    sheet.append(list(LOGS[log].headers))
    for r in rows:
        sheet.append(old_texts(log, r))
    book.save(path)


def new(path: Path, kind: str, log: str, rows: Sequence[Sequence[Any]]) -> None:
    spec = LOGS[log]
    typed = log_row(spec)
    write_rows(path, kind, log_columns(spec), lambda i: typed(rows[i]), len(rows))


def interleaved(actions: list[Callable[[], None]], runs: int) -> list[float]:
    """Median seconds of each action, the actions taking turns in each round."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for i, action in enumerate(actions):
            gc.collect()
            started = time.perf_counter()
            action()
            times[i].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--log", default="logvoiceout", choices=sorted(LOGS))
    args = parser.parse_args()
    rows = fetch(args.log, args.rows)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        medians = interleaved([
            lambda: old_csv(out / "old.csv", args.log, rows),
            lambda: new(out / "new.csv", CSV, args.log, rows),
            lambda: old_xlsx(out / "old.xlsx", args.log, rows),
            lambda: new(out / "new.xlsx", XLSX, args.log, rows),
        ], args.runs)
    old_c, new_c, old_x, new_x = medians
    print(f"{args.log}, {len(rows):,} rows, median of {args.runs}:")
    print(f"  CSV  typed, neutralised: {new_c:.3f} s = {new_c / old_c:.2f}x   "
          f"reference: texts, no rule {old_c:.3f} s")
    print(f"  XLSX typed, neutralised: {new_x:.3f} s = {new_x / old_x:.2f}x   "
          f"reference: texts, no rule {old_x:.3f} s")


if __name__ == "__main__":
    main()
