"""Cold start of TraiTel Desktop next to a bare PySide6 window, each in a fresh subprocess.

    .venv/bin/python bench/bench_startup.py [--runs 5] [--append]

Measures the wall time from spawning the process until it prints READY:
- ``--demo``: ``python -m traitel_desktop --demo --exit-when-ready`` (starts the in-process
  sandbox, signs in to demo, shows the main window with the demo balance);
- app alone: the same, signing in to a sandbox already running in this script (the app's own
  start-up cost, without generating the demo data);
- bare: QApplication + QMainWindow shown.
Prints the median of each and the ratio (aim: at most 2x). With ``--append`` also appends a line
to bench/README.md. Runs offscreen unless QT_QPA_PLATFORM is already set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1100, 720)
w.show()
app.processEvents()
print("READY", flush=True)
"""


def time_to_ready(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to the READY line."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise RuntimeError(f"{cmd} exited ({proc.returncode}) without READY")
    proc.stdout.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--append", action="store_true", help="append the result to README.md")
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        # Keep the benchmark's settings and data away from the user's own.
        env["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        env["XDG_DATA_HOME"] = str(Path(tmp) / "data")
        app_cmd = [sys.executable, "-m", "traitel_desktop", "--demo", "--exit-when-ready"]
        bare_cmd = [sys.executable, "-c", BARE]
        time_to_ready(bare_cmd, env)  # warm the OS file cache once for both
        time_to_ready(app_cmd, env)
        from traitel_desktop.sandbox import start_sandbox

        with start_sandbox(preset="demo") as sb:
            own_cmd = [
                sys.executable,
                "-m",
                "traitel_desktop",
                "--exit-when-ready",
                "--demo-gateways",
                sb.primary_url,
                sb.alternate_url,
            ]
            app_times, bare_times, own_times = [], [], []
            for _ in range(args.runs):
                bare_times.append(time_to_ready(bare_cmd, env))
                app_times.append(time_to_ready(app_cmd, env))
                own_times.append(time_to_ready(own_cmd, env))
    app_median = statistics.median(app_times)
    bare_median = statistics.median(bare_times)
    own_median = statistics.median(own_times)
    ratio = app_median / bare_median
    line = (
        f"startup: `--demo` {app_median * 1000:.0f} ms vs bare PySide6 window "
        f"{bare_median * 1000:.0f} ms = {ratio:.2f}x; app alone (sandbox already running) "
        f"{own_median * 1000:.0f} ms = {own_median / bare_median:.2f}x "
        f"(median of {args.runs}, {env['QT_QPA_PLATFORM']}, {time.strftime('%Y-%m-%d')})"
    )
    print(line)
    print(f"  --demo runs (ms):    {[round(t * 1000) for t in app_times]}")
    print(f"  app-alone runs (ms): {[round(t * 1000) for t in own_times]}")
    print(f"  bare runs (ms):      {[round(t * 1000) for t in bare_times]}")
    if args.append:
        readme = ROOT / "bench" / "README.md"
        if not readme.exists():
            readme.write_text("# Benchmarks\n\nFigures printed by the scripts in this folder.\n\n")
        with readme.open("a") as fh:
            fh.write(f"- `bench/bench_startup.py`: {line}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
