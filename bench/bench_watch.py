"""The watcher's check of the account on the ``large`` preset.

Printed, medians of ``--runs`` (default 5) checks, each after a few new rows were added to
the sandbox (one text, one missed call, one failed fax):

* requests the sandbox answered per check (limit: 2 + 6, the balance, the time zone and one
  per log);
* how late a 10 ms Qt heartbeat timer got during a check (limit 50 ms), next to the same
  heartbeat over an idle loop for as long as a check took (the reference, same run), and
  their ratio;
* the check's wall time.

Run: ``.venv/bin/python bench/bench_watch.py [--runs 5]``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_activity import Heartbeat

TODAY = dt.date(2026, 5, 9)


def add_rows(sb: Any, base: int) -> None:
    """A text, a missed call and a failed fax, today at 11:00 in the account's zone."""
    ts = int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 11,
                         tzinfo=ZoneInfo("Australia/Sydney")).timestamp())
    with sb.db.transaction() as conn:
        conn.execute("INSERT INTO log_smsin VALUES (?, 1, ?, 0, '61400111222', '61290002222',"
                     " 'text', 'bench')", (base, ts))
        conn.execute("INSERT INTO log_voicein VALUES (?, 1, ?, 0, '61733334444', "
                     "'61290002222', 0, 'failed', 0, NULL)", (base, ts))
        conn.execute("INSERT INTO log_faxout VALUES (?, 1, ?, 0, '61290001111', "
                     "'61733334444', 1, 14400, 20, 0, 1, 302)", (base, ts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from PySide6.QtWidgets import QApplication

    from traitel_desktop.runtime.event_loop import AppEventLoop
    from traitel_desktop.sandbox import start_sandbox
    from traitel_desktop.services import Session
    from traitel_desktop.services.changes import forget_record
    from traitel_desktop.services.history import HistoryService
    from traitel_desktop.services.watcher import Watcher

    app = QApplication.instance() or QApplication([])
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    sb = start_sandbox(seed=1, preset="large", today=TODAY)
    with tempfile.TemporaryDirectory() as root:
        session = Session("demo", "demo", (sb.primary_url, sb.alternate_url),
                          data_dir=Path(root) / "data", read_timeout=300.0)
        history = HistoryService(session, today=sb.today_for)
        watcher = Watcher(session, history)
        try:
            loop.run_until_complete(session.refresh_time_zone())
            started = time.perf_counter()
            loop.run_until_complete(watcher.poll())  # the first check: takes note
            print(f"first check (takes note of today and yesterday): "
                  f"{time.perf_counter() - started:.2f} s")
            beat = Heartbeat(loop)
            requests, polls, idles, walls, raised = [], [], [], [], []
            for run in range(runs):
                add_rows(sb, 9_500_000 + run)
                before = sb.request_count["total"]
                started = time.perf_counter()
                worst, _p99, _beats, found = beat.during(watcher.poll)
                wall = time.perf_counter() - started
                requests.append(sb.request_count["total"] - before)
                raised.append(len(found))
                polls.append(worst)
                walls.append(wall)
                idle, _p99, _beats, _ = beat.during(lambda w=wall: asyncio.sleep(w))
                idles.append(idle)
            poll_ms = statistics.median(polls) * 1000
            idle_ms = statistics.median(idles) * 1000
            print(f"requests per check: median {statistics.median(requests)}, most "
                  f"{max(requests)}   limit 8 (balance, time zone, one per log)")
            print(f"alerts per check: {raised} (3 new rows each)")
            print(f"Qt thread worst lateness during a check: {poll_ms:.1f} ms; idle reference "
                  f"{idle_ms:.1f} ms; ratio {poll_ms / max(idle_ms, 0.1):.1f}   limit 50 ms")
            print(f"check wall time: median {statistics.median(walls):.3f} s")
        finally:
            watcher.close()
            history.close()
            forget_record(session)
            session.close()
            sb.stop()
            loop.close()


if __name__ == "__main__":
    main()
