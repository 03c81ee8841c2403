"""A hostile gateway against the real client: peak memory and time of each case, next to a
normal balance request measured in the same run.

The gateway runs in its own process (``--serve``) and streams its answers without holding
them; each case runs the client in a fresh child process (``--case``), which reports its own
peak RSS (``resource.getrusage``, or ``psutil`` where there is no ``resource``) and how long the
call took. The cases (issue 13, part 2):

* ``large``: a 200 MB log answer sent without a length (the log cap is 64 MiB);
* ``gzip``: a 1 MB gzip answer that inflates to 1 GiB (``Content-Encoding: gzip``);
* ``wide``: a log answer whose header has 10 million columns (20 MB), and ``wide-quoted``, the
  same with one quoted name (it goes through ``csv``, not the split path);
* ``drip``: a balance dripped one byte a second, against a ``--drip-deadline`` (default 10 s);
* ``drip-pool``: eight dripped balances in a pool of four workers, and a healthy request
  queued behind them: it must get through once the drippers' deadlines free the workers
  (after two rounds of them); the time shown is the slowest dripper's.

Each case must stay under 400 MB peak and end within its deadline (plus one second for the
watchdog and the process around the call); the script exits 1 otherwise.

Run: ``.venv/bin/python bench/bench_hostile.py [--drip-deadline 10]`` (about a minute).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 1_000_000
MIB = 1 << 20
LIMIT_MB = 400
GRACE = 1.0
LOG_HEAD = b"ID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost"
ROW = b"\n1,0,2024-01-10,00:00:00,61400000001,61400000002,1,,0.0500"

# --- the hostile gateway (its own process) ---------------------------------------------------


def _gzip_bomb() -> bytes:
    """1 GiB of digits after ``Ok``, gzip-compressed (about 1 MB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"0" * MIB
    parts = [packer.compress(b"Ok\n")]
    parts += [packer.compress(block) for _ in range(1024)]
    parts.append(packer.flush())
    return b"".join(parts)


def _large() -> Iterator[bytes]:
    yield b"Ok\n" + LOG_HEAD
    rows = ROW * (MIB // len(ROW))
    for _ in range(200 * MB // len(rows)):
        yield rows


def _wide(quoted: bool) -> Iterator[bytes]:
    yield b"Ok\n" + (LOG_HEAD.replace(b"Tracking", b'"Tracking"') if quoted else LOG_HEAD)
    cells = b",x" * (MIB // 2)
    for _ in range(20):  # 10 million extra columns
        yield cells
    yield ROW + b"\n"


def serve() -> None:
    """Serve the hostile answers on a loopback port (printed on the first line of stdout)."""
    bomb = _gzip_bomb()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            case = self.path.strip("/")
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            try:
                if case == "gzip":
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(bomb)))
                    self.end_headers()
                    self.wfile.write(bomb)
                elif case in ("large", "wide", "wide-quoted"):
                    self.end_headers()  # no length: the end of the connection ends the body
                    chunks = _large() if case == "large" else _wide(case == "wide-quoted")
                    for chunk in chunks:
                        self.wfile.write(chunk)
                elif case in ("drip", "drip-pool"):
                    body = b"Ok\n1" + b"0" * 300 + b"\n"
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for byte in body:
                        time.sleep(1.0)
                        self.wfile.write(bytes([byte]))
                else:
                    body = b"Ok\n123.4500\n"
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            except OSError:
                pass  # the client gave up: what it should do

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            """Clients that give up are the point."""

    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


# --- one case (a child process) --------------------------------------------------------------


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    try:
        import resource
    except ImportError:
        import psutil  # type: ignore[import-not-found]

        info = psutil.Process().memory_info()
        return float(getattr(info, "peak_wset", info.rss)) / MB
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB if sys.platform == "darwin" else peak * 1024 / MB


def run_case(case: str, port: int, drip_deadline: float) -> dict[str, Any]:
    """Run ``case`` against the gateway on ``port``: what happened, time, peak memory."""
    from traitel_desktop.api import TraiTelClient, errors
    from traitel_desktop.api.bounded import limit_for
    from traitel_desktop.services.pool import ClientPool

    day = dt.date.today() - dt.timedelta(days=2)
    url = f"http://127.0.0.1:{port}/{case}"
    deadline = drip_deadline if case.startswith("drip") else None
    mode = "querybalance" if case in ("reference", "drip", "drip-pool") else "logsmsout"

    def make(target: str = url) -> TraiTelClient:
        return TraiTelClient("demo", "not-a-password", gateways=(target,), deadline=deadline)

    def call(client: TraiTelClient) -> object:
        if mode == "logsmsout":
            return client.log_sms_out(day, day)
        return client.query_balance()

    def timed(fn: Any) -> Any:
        def run(client: TraiTelClient) -> object:
            begun = time.monotonic()
            try:
                return fn(client)
            except errors.TraiTelError as exc:
                exc.seconds = time.monotonic() - begun  # type: ignore[attr-defined]
                raise

        return run

    before = peak_mb()
    started = time.monotonic()
    seconds = 0.0
    try:
        if case == "drip-pool":
            # Eight drippers on four workers: two rounds of deadlines, then the healthy one.
            healthy_url = f"http://127.0.0.1:{port}/reference"
            pool = ClientPool(make, max_workers=4)
            drippers: list[Future[Any]] = [
                pool.executor.submit(pool.run, timed(call)) for _ in range(8)]
            healthy = pool.executor.submit(
                pool.run, lambda _: call(make(healthy_url)))  # queued behind the drippers
            value, _ = healthy.result()
            waited = time.monotonic() - started
            seconds = max(f.exception().seconds for f in drippers)  # type: ignore[union-attr]
            kinds = {type(f.exception()).__name__ for f in drippers}
            pool.shutdown()
            outcome = (f"drippers: {', '.join(sorted(kinds))}; the healthy request behind "
                       f"them: {value} after {waited:.1f} s")
        else:
            with make() as client:
                outcome = f"answered {call(client)!r}"[:60]
    except errors.TraiTelError as exc:
        outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
    elapsed = seconds or time.monotonic() - started
    return {
        "case": case,
        "outcome": outcome,
        "seconds": elapsed,
        "deadline": deadline or limit_for(mode).deadline,
        "peak_mb": peak_mb(),
        "before_mb": before,
    }


# --- the driver ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--drip-deadline", type=float, default=10.0,
                        help="deadline of the dripped requests, seconds (default 10)")
    args = parser.parse_args()
    if args.serve:
        serve()
        return 0
    if args.case:
        print(json.dumps(run_case(args.case, args.port, args.drip_deadline)))
        return 0

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE,
                              text=True, env=env)
    assert server.stdout is not None
    port = int(server.stdout.readline())
    cases = ["reference", "large", "gzip", "wide", "wide-quoted", "drip", "drip-pool"]
    failed = False
    try:
        results = []
        for case in cases:
            out = subprocess.run(
                [sys.executable, __file__, "--case", case, "--port", str(port),
                 "--drip-deadline", str(args.drip_deadline)],
                capture_output=True, text=True, env=env, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        reference = results[0]
        print(f"hostile gateway, Python {sys.version.split()[0]}, peak RSS of a child process "
              f"per case (limit {LIMIT_MB} MB), time against the request's deadline "
              f"(+{GRACE:g} s)")
        for result in results:
            over = result["peak_mb"] > LIMIT_MB
            late = result["seconds"] > result["deadline"] + GRACE
            failed |= over or late
            flag = "FAIL" if over or late else "ok"
            print(f"  {result['case']:<12} peak {result['peak_mb']:6.0f} MB "
                  f"({result['peak_mb'] / reference['peak_mb']:.2f}x the reference) "
                  f"{result['seconds']:6.2f} s of {result['deadline']:g} s  {flag}  "
                  f"{result['outcome']}")
    finally:
        server.terminate()
        server.wait(10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
