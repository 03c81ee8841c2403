"""Activity tab figures on the ``large`` preset (about 320 thousand ``logsmsout`` rows a year).

Each figure is printed next to its reference or limit, measured in the same run (medians of
``--runs``, default 3):

* bytes of a one-year ``logsmsout`` response -> sortable, filterable model
  (``api.logs.parse_log``, the client's reading, + ``LogTable.from_log`` +
  ``ActivityModel.set_table``) vs bare ``csv.reader`` over the same bytes (limit 3x, aim 2x);
* sorting that model by cost (first sort, including the column's conversion; limit 1 s);
* a text filter (the first one on a fresh table, and later ones; limit 0.5 s);
* a 12-month sync of ``logsmsout`` through ``HistoryService.ensure`` on a qasync loop, with a
  10 ms heartbeat timer: how late the Qt thread got (limit 50 ms), with the gateway in this
  process and in its own; ``--runs`` syncs each, from an empty archive, medians printed;
* re-opening those 12 months from the archive into the model (``load_columns`` + model;
  limit 1 s; the first open after the sync is shown apart: the sync built the archive's
  month cache of the months it settled) and the requests the sandbox answered meanwhile
  (must be 0), next to ``Archive.columns`` and ``Archive.rows`` alone;
* resident memory of a fresh process that builds the model from the archive offscreen, sorts
  it and filters it (limit 300 MB), next to the same process before loading.

Run: ``.venv/bin/python bench/bench_activity.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import gc
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

T = TypeVar("T")
TODAY = dt.date(2026, 5, 9)
START = TODAY - dt.timedelta(days=364)
LOG = "logsmsout"


def median_time(action: Callable[[], T], runs: int, before: Callable[[], Any] | None = None
                ) -> tuple[float, T]:
    """Median seconds of ``runs`` calls (``before`` runs untimed before each), last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_child(folder: str) -> None:
    """In a fresh process: build the model of 12 months from the archive offscreen, sort it,
    filter it; print RSS before and after."""
    from PySide6.QtWidgets import QApplication, QTableView

    from traitel_desktop.store.archive import Archive
    from traitel_desktop.ui.activity.model import ActivityModel
    from traitel_desktop.ui.activity.table import LogTable

    app = QApplication([])
    view = QTableView()
    model = ActivityModel()
    view.setModel(model)
    view.resize(1000, 600)
    view.show()
    app.processEvents()
    before = rss_mb()
    archive = Archive(Path(folder) / Archive.FILE_NAME)
    model.set_table(LogTable(LOG, archive.columns(LOG, START, TODAY)))
    app.processEvents()
    model.sort(len(model.table.view) - 2)
    model.set_filter("deliv")
    model.set_filter("")
    app.processEvents()
    print(f"{before:.1f} {rss_mb():.1f} {model.rowCount()}")


class Heartbeat:
    """A 10 ms Qt timer that records how late each beat came while an awaitable runs."""

    def __init__(self, loop: Any) -> None:
        from PySide6.QtCore import QTimer

        self.loop = loop
        self.late: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.perf_counter()
        self.late.append(now - self._last - 0.010)
        self._last = now

    def during(self, work: Callable[[], Any]) -> tuple[float, float, int, Any]:
        """Run ``await work()`` on the loop with the timer on: worst and p99 lateness (s),
        the number of beats, and what ``work`` returned."""
        self.late = []

        async def run() -> Any:
            self._last = time.perf_counter()
            self.timer.start()
            try:
                return await work()
            finally:
                self.timer.stop()

        result = self.loop.run_until_complete(run())
        ordered = sorted(self.late)
        return ordered[-1], ordered[int(len(ordered) * 0.99)], len(ordered), result


def median_beats(results: list[tuple[float, float, int]]) -> str:
    """Medians over repeated syncs of the worst and p99 lateness, as text."""
    worst = statistics.median(r[0] for r in results) * 1000
    p99 = statistics.median(r[1] for r in results) * 1000
    every = ", ".join(f"{r[0] * 1000:.1f}" for r in results)
    return (f"worst {worst:.1f} ms late, p99 {p99:.1f} ms (medians of {len(results)} syncs; "
            f"worst of each: {every} ms; {results[-1][2]} beats of 10 ms in the last)")


def heartbeat_with_gateway_elsewhere(beat: Heartbeat, root: Path, runs: int) -> str:
    """The same 12-month sync and heartbeat, against a `large` sandbox in another process.

    In-process, the gateway's own work (building 22 MB answers) competes with the Qt thread
    for the interpreter lock, which a real, remote gateway does not. Each sync starts from
    an empty archive."""
    import subprocess

    from traitel_desktop.services import Session
    from traitel_desktop.services.history import HistoryService

    proc = subprocess.Popen(
        [sys.executable, "-m", "traitel_desktop.sandbox", "--preset", "large"],
        stdout=subprocess.PIPE, text=True,
    )
    results = []
    try:
        assert proc.stdout is not None
        urls = []
        for line in proc.stdout:
            if "http://" in line:
                urls.append(line.split()[-1])
            if len(urls) == 2:
                break
        for run in range(runs):
            session = Session("demo", "demo", (urls[0], urls[1]),
                              data_dir=root / f"elsewhere-{run}", read_timeout=300.0)
            history = HistoryService(session)
            try:
                today = history.today()
                worst, p99, beats, _ = beat.during(
                    partial(history.ensure, [LOG], today - dt.timedelta(days=364), today))
                results.append((worst, p99, beats))
            finally:
                history.close()
                session.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return median_beats(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child)
        return
    runs = max(3, args.runs)

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from traitel_desktop.api import TraiTelClient
    from traitel_desktop.api.logs import parse_log
    from traitel_desktop.runtime.event_loop import AppEventLoop
    from traitel_desktop.sandbox import start_sandbox
    from traitel_desktop.services import Session
    from traitel_desktop.services.history import HistoryService
    from traitel_desktop.ui.activity.model import ActivityModel
    from traitel_desktop.ui.activity.table import LogTable

    app = QApplication([])
    started = time.perf_counter()
    sb = start_sandbox(preset="large", today=TODAY)
    print(f"large preset ready in {time.perf_counter() - started:.1f} s; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    root = Path(tempfile.mkdtemp(prefix="bench-activity-"))
    client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url),
                           read_timeout=300.0)
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    from traitel_desktop.runtime.qt_collector import QtThreadCollector

    collector = QtThreadCollector()  # as in the app: cycles collected on the Qt thread only
    session = Session("demo", "demo", (sb.primary_url, sb.alternate_url), data_dir=root,
                      read_timeout=300.0)
    history = HistoryService(session, today=sb.today_for)
    try:
        body = client.request(LOG, startdate=START.isoformat(),
                              enddate=TODAY.isoformat()).body_text.encode()
        csv_s, rows = median_time(
            lambda: list(csv.reader(io.StringIO(body.decode("utf-8-sig")))), runs)
        csv_rows = len(rows) - 2
        del rows  # 321 thousand lists: would slow every later garbage collection
        gc.collect()
        model = ActivityModel()

        def build() -> int:
            model.set_table(LogTable.from_log(parse_log(LOG, body)))
            return model.rowCount()

        model_s, count = median_time(build, runs)
        print(f"bytes -> sortable, filterable model: {model_s:.3f} s ({count} rows, "
              f"{len(body) / 1e6:.1f} MB) = {model_s / csv_s:.2f}x   reference: csv.reader "
              f"over the same bytes {csv_s:.3f} s ({csv_rows} rows)   limit 3x, aim 2x")

        cost = [v.key for v in model.table.view].index("cost")

        def reset_keys() -> None:
            # A fresh table shown in its default order, unfiltered: nothing converted yet.
            model.sort_column, model.descending, model.filter_text = 0, True, ""
            model.set_table(LogTable.from_log(parse_log(LOG, body)))

        down = Qt.SortOrder.DescendingOrder
        sort_s, _ = median_time(lambda: model.sort(cost, down), runs, before=reset_keys)
        flip = [Qt.SortOrder.AscendingOrder, down]

        def sort_again() -> None:
            flip.reverse()
            model.sort(cost, flip[0])

        again_s, _ = median_time(sort_again, runs)
        print(f"sort by cost (first, converting the column): {sort_s:.3f} s; other direction "
              f"{again_s:.3f} s   limit 1 s")

        def fresh() -> None:
            reset_keys()

        first_s, _ = median_time(lambda: model.set_filter("deliv"), runs, before=fresh)
        words = ["+61 4", "fail", "2026"]

        def filter_again() -> None:
            words.append(words.pop(0))
            model.set_filter(words[0])

        second_s, _ = median_time(filter_again, runs)
        print(f"text filter (first): {first_s:.3f} s; later "
              f"filters {second_s:.3f} s ({model.rowCount()} rows shown)   limit 0.5 s")

        beat = Heartbeat(loop)
        results = []
        for run in range(runs):  # each from an empty archive; the last one is kept
            history.close()
            session.close()
            session = Session("demo", "demo", (sb.primary_url, sb.alternate_url),
                              data_dir=root / f"here-{run}", read_timeout=300.0)
            history = HistoryService(session, today=sb.today_for)
            sync_started = time.perf_counter()
            worst, p99, beats, result = beat.during(
                partial(history.ensure, [LOG], START, TODAY))
            sync_s = time.perf_counter() - sync_started
            results.append((worst, p99, beats))
        print(f"heartbeat during a 12-month sync: {median_beats(results)}; last sync "
              f"{sync_s:.1f} s, {result.report.rows} rows   limit 50 ms  [gateway in this "
              f"process]")
        print(f"heartbeat during a 12-month sync, gateway in its own process (as a real "
              f"TraiTel gateway is): {heartbeat_with_gateway_elsewhere(beat, root, runs)}   "
              f"limit 50 ms")

        before = sb.request_count["total"]

        def reopen() -> int:
            async def read() -> int:
                columns = await history.load_columns(LOG, START, TODAY)
                model.set_table(LogTable(LOG, columns))
                return model.rowCount()

            return loop.run_until_complete(read())

        first_open_s, _ = median_time(reopen, 1)
        reopen_s, count = median_time(reopen, runs)
        requests = sb.request_count["total"] - before
        rows_s, _ = median_time(lambda: history.rows(LOG, START, TODAY), runs)
        columns_s, _ = median_time(
            lambda: history.archive.columns(LOG, START, TODAY), runs)
        print(f"re-open 12 months from the archive into the model: {reopen_s:.3f} s ({count} "
              f"rows, {requests} network requests; the first open after the sync: "
              f"{first_open_s:.3f} s)   reference: Archive.columns "
              f"alone {columns_s:.3f} s, Archive.rows alone {rows_s:.3f} s   limit 1 s")

        out = subprocess.run(
            [sys.executable, __file__, "--memory-child", str(session.data_dir)],
            capture_output=True, text=True, check=True,
        ).stdout.split()
        print(f"resident memory with the 12-month model loaded, sorted, filtered: {out[1]} MB "
              f"({out[2]} rows)   reference: same process before loading {out[0]} MB   "
              f"limit 300 MB")
    finally:
        collector.uninstall()
        history.close()
        session.close()
        client.close()
        loop.close()
        sb.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
