"""Reading a log answer: bytes -> typed columns, next to bare ``csv.reader`` over the same bytes.

The body is one year of ``logsmsout`` from the ``large`` sandbox preset (about 320 thousand
rows, 22 MB), fetched once. Timed, as medians of ``--runs`` (default 5; the three take turns
in each round, each after a full garbage collection), each on the same bytes:

* ``csv.reader`` over the decoded bytes, rows counted and dropped (the reference; also shown:
  the rows kept in a list, slower because the garbage collector walks them);
* ``api.logs.parse_log``: the exact function ``TraiTelClient.log`` applies to the bytes it
  receives (``parse_body`` + ``log_columns``), giving ``LogColumns`` with ints, ISO date/time
  text and micro-unit costs (target: at most 2x the reference);
* for scale, the same answer into per-row records (``api.logs.to_records``) and, with
  ``--logs``, the other five logs' one-year answers.

Run: ``.venv/bin/python bench/bench_logs.py [--runs 5] [--logs]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchkit import median_time

TODAY = dt.date(2026, 5, 9)
START = TODAY - dt.timedelta(days=364)
LOG = "logsmsout"


def csv_rows(body: bytes) -> int:
    """The reference: bare csv.reader over the same bytes (decoded), rows counted, not kept
    (as ``bench_sandbox.py`` measures it: the issue's 0.26 s)."""
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def csv_kept(body: bytes) -> int:
    """csv.reader with every row kept in a list (as ``bench_activity.py`` measures it): the
    321 thousand lists make the garbage collector walk more and more, so it is slower."""
    return len(list(csv.reader(io.StringIO(body.decode("utf-8-sig")))))


def interleaved(actions: list[Callable[[], int]], runs: int) -> list[tuple[float, int]]:
    """Median seconds of each action over ``runs`` rounds, the actions taking turns in each
    round (so a change in the machine's load hits them alike), and the last result of each.
    Every timing starts after a full garbage collection."""
    times: list[list[float]] = [[] for _ in actions]
    results = [0] * len(actions)
    for _ in range(runs):
        for i, action in enumerate(actions):
            gc.collect()
            started = time.perf_counter()
            results[i] = action()
            times[i].append(time.perf_counter() - started)
    return [(statistics.median(t), r) for t, r in zip(times, results, strict=True)]


def compare(log: str, body: bytes, runs: int) -> float:
    """Print csv.reader vs parse_log on ``body``; return the ratio to the stricter
    reference (rows not kept)."""
    from traitel_desktop.api.logs import parse_log

    (csv_s, count), (kept_s, _), (typed_s, typed) = interleaved(
        [lambda: csv_rows(body), lambda: csv_kept(body), lambda: len(parse_log(log, body))],
        runs)
    assert typed == count - 2, (typed, count)  # "Ok" and the header
    ratio = typed_s / csv_s
    target = "   target <= 2.0x" if log == LOG else ""
    print(f"{log}, one year: {typed} rows, {len(body) / 1e6:.1f} MB\n"
          f"  csv.reader over the bytes, rows counted: {csv_s:.3f} s   (rows kept in a list: "
          f"{kept_s:.3f} s)\n"
          f"  parse_log (bytes -> LogColumns):         {typed_s:.3f} s  = {ratio:.2f}x "
          f"(= {typed_s / kept_s:.2f}x the list){target}")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--logs", action="store_true", help="also the other five logs")
    args = parser.parse_args()
    runs = max(3, args.runs)

    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.logs import parse_log, to_records
    from traitel_desktop.contract.logs import LOG_NAMES
    from traitel_desktop.sandbox import start_sandbox

    started = time.perf_counter()
    sb = start_sandbox(preset="large", today=TODAY)
    print(f"large preset ready in {time.perf_counter() - started:.1f} s; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; Python "
          f"{sys.version.split()[0]}; medians of {runs}")
    client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url),
                           read_timeout=300.0)
    try:
        def body_of(log: str) -> bytes:
            return client.request(log, startdate=START.isoformat(),
                                  enddate=TODAY.isoformat()).body_text.encode()

        body = body_of(LOG)
        compare(LOG, body, runs)
        records_s, made = median_time(partial(to_records, parse_log(LOG, body)),
                                      max(3, runs // 2))
        print(f"  (for scale) LogColumns -> {len(made)} SmsOut records: {records_s:.3f} s "
              "(not on the road: for callers that want dataclasses)")
        if args.logs:
            for log in LOG_NAMES:
                if log != LOG:
                    compare(log, body_of(log), runs)
    finally:
        client.close()
        sb.stop()


if __name__ == "__main__":
    main()
