"""Live sandbox figures: what a step costs, and what a live writer does to the readers.

* one step adding a minute of activity at the highest rate (600 events) vs one read of today's
  ``logsmsout`` over HTTP (the reference: what the watcher does per log);
* that read while a writer thread steps at the highest rate every 50 ms (40x the driver's pace)
  vs the same read with the sandbox still.

Medians of ``--runs`` runs (default 7), with the sandbox's clock pinned (09:30 in Sydney).
Run: ``.venv/bin/python bench/bench_live.py [--runs 7]``.
"""

from __future__ import annotations

import argparse
import threading
from datetime import UTC, datetime, timedelta

from benchkit import median_time

from traitel_desktop.api import TraiTelClient
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.sandbox.live import MAX_RATE, LiveGenerator

T0 = datetime(2026, 5, 9, 23, 30, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    clock = {"now": T0}
    with start_sandbox(seed=1, today=lambda: clock["now"]) as sb:
        client = TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url))
        today = (T0 + timedelta(hours=10)).date()

        def read() -> int:
            return len(client.log("logsmsout", today, today))

        read_still, _ = median_time(read, runs)
        gen = LiveGenerator(sb.db, MAX_RATE, seed=1, start=T0)

        def one_minute() -> int:
            clock["now"] += timedelta(minutes=1)
            return len(gen.step(clock["now"]))

        step, added = median_time(one_minute, runs)
        stop = threading.Event()

        def write() -> None:
            while not stop.wait(0.05):
                one_minute()

        writer = threading.Thread(target=write)
        writer.start()
        try:
            read_live, _ = median_time(read, runs)
        finally:
            stop.set()
            writer.join()
        client.close()
    print(f"medians of {runs}:")
    print(f"  read today's logsmsout, sandbox still (reference): {read_still * 1e3:8.1f} ms")
    print(f"  one step, a minute at {MAX_RATE:g}/min ({added} rows):      "
          f"{step * 1e3:8.1f} ms  = {step / read_still:.2f}x")
    print(f"  the same read beside a writer stepping every 50 ms: {read_live * 1e3:8.1f} ms"
          f"  = {read_live / read_still:.2f}x")


if __name__ == "__main__":
    main()
