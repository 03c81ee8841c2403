"""Sandbox figures: generating the ``large`` preset, and a one-year ``logsmsout`` answer.

Each figure is printed next to a reference measured in the same run:

* generating ``large`` (>= 1 million log rows) vs generating ``demo`` (about 10 thousand);
* one year of ``logsmsout`` over HTTP (time, size) vs the same answer built without HTTP,
  vs ``csv.reader`` over the same bytes, vs fetching a static body of the same size from a
  bare ``http.server`` on loopback (the cost of the transfer alone).

Medians of ``--runs`` runs (default 3). Run: ``.venv/bin/python bench/bench_sandbox.py``.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar

import requests

from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.sandbox.data.generate import generate
from traitel_desktop.sandbox.db import Database

TODAY = date(2026, 5, 9)
T = TypeVar("T")


def median_time(action: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of ``runs`` (at least one) calls, and the last result."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def generate_preset(preset: str) -> int:
    """Generate ``preset`` into a new in-memory database (no template); return log rows."""
    db = Database(None)
    db.create_schema()
    with db.transaction() as conn:
        generate(conn, 1, preset, lambda zone: TODAY)
    db.create_indexes()
    rows = sum(
        db.conn.execute(f"SELECT count(*) FROM log_{n}").fetchone()[0]
        for n in ("faxin", "faxout", "voicein", "voiceout", "smsin", "smsout")
    )
    db.close()
    return int(rows)


def static_server(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    """A bare loopback server answering every POST with ``body``."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/static"


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    runs = max(1, args.runs)

    demo_s, demo_rows = median_time(lambda: generate_preset("demo"), runs)
    large_s, large_rows = median_time(lambda: generate_preset("large"), runs)
    print(f"generate large: {large_s:7.2f} s  ({large_rows:,} log rows, median of {runs})")
    print(f"  reference demo: {demo_s:7.3f} s  ({demo_rows:,} log rows)"
          f"  -> large/demo per row: {large_s / large_rows / (demo_s / demo_rows):.2f}x")

    params = {"user": "demo", "pass": "demo", "mode": "logsmsout",
              "startdate": (TODAY - timedelta(days=364)).isoformat(),
              "enddate": TODAY.isoformat()}
    with start_sandbox(preset="large", today=TODAY) as sb, requests.Session() as session:
        def over_http() -> bytes:
            response = session.post(sb.primary_url, data=params, timeout=120)
            response.raise_for_status()
            return response.content

        http_s, body = median_time(over_http, runs)
        assert body.startswith(b"Ok\n")
        direct_s, _ = median_time(lambda: sb.answer(dict(params)), runs)
    rows = body.count(b"\n") - 2
    text = body.decode()
    parse_s, _ = median_time(lambda: sum(1 for _ in csv.reader(io.StringIO(text))), runs)
    server, static_url = static_server(body)
    try:
        with requests.Session() as session:
            static_s, _ = median_time(
                lambda: session.post(static_url, data=params, timeout=120).content, runs)
    finally:
        server.shutdown()
        server.server_close()
    size_mb = len(body) / 1e6
    print(f"logsmsout, one year over HTTP: {http_s:6.3f} s  ({len(body):,} bytes = "
          f"{size_mb:.1f} MB, {rows:,} rows, median of {runs})")
    print(f"  reference, same answer without HTTP:         {direct_s:6.3f} s")
    print(f"  reference, csv.reader over the same bytes:   {parse_s:6.3f} s")
    print(f"  reference, static body of the same size:     {static_s:6.3f} s")


if __name__ == "__main__":
    main()
