"""Cold start of the frozen app (PyInstaller bundle) next to the same app run from source.

    .venv/bin/python bench/bench_frozen.py [--bundle dist/traitel-desktop] [--runs 5] [--append]

Build the bundle first (packaging/linux/build-bundle). Measures, as bench_startup.py does, the
wall time from spawning the process until it prints READY (``--exit-when-ready``), alternating
frozen and source runs so both see the same machine load:
- ``--demo``: starts the in-process sandbox, signs in, shows the main window;
- app alone: signs in to a sandbox already running in this script (``--demo-gateways``).
Prints medians of the wall time and of the process's CPU time (steadier on a shared machine)
and the frozen/source ratios (aim: the frozen app is no slower). With ``--append`` also appends
a line to bench/README.md. Runs offscreen unless QT_QPA_PLATFORM is set; settings, data and the
demo cache live in a throw-away directory shared by both.
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


def time_to_ready(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the READY line, and the CPU seconds (user + system) the process
    used in all (CPU time is steadier than wall time on a machine shared with other jobs)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env=env
    )
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith("READY"):
            elapsed = time.perf_counter() - start
            break
    proc.stdout.close()
    if os.name == "nt":
        proc.wait(timeout=60)
        cpu = float("nan")
    else:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
    if elapsed is None:
        raise RuntimeError(f"{cmd} exited ({proc.returncode}) without READY")
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "traitel-desktop")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--append", action="store_true", help="append the result to README.md")
    args = parser.parse_args()
    frozen = args.bundle / ("traitel-desktop.exe" if os.name == "nt" else "traitel-desktop")
    if not frozen.exists():
        print(f"no frozen app at {frozen}: run packaging/linux/build-bundle first", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("config", "data", "cache"):
            env[f"XDG_{name.upper()}_HOME"] = str(Path(tmp) / name)
        source = [sys.executable, "-m", "traitel_desktop", "--exit-when-ready"]
        binary = [str(frozen), "--exit-when-ready"]
        # Warm the OS file cache and the demo-data cache once for each.
        for cmd in (source, binary):
            time_to_ready([*cmd, "--demo"], env)
        from traitel_desktop.sandbox import start_sandbox

        keys = ("src", "frz", "src1", "frz1")
        times: dict[str, list[tuple[float, float]]] = {key: [] for key in keys}
        with start_sandbox(preset="demo") as sb:
            gateways = ["--demo-gateways", sb.primary_url, sb.alternate_url]
            for _ in range(args.runs):
                times["src"].append(time_to_ready([*source, "--demo"], env))
                times["frz"].append(time_to_ready([*binary, "--demo"], env))
                times["src1"].append(time_to_ready([*source, *gateways], env))
                times["frz1"].append(time_to_ready([*binary, *gateways], env))
    wall = {key: statistics.median(v[0] for v in runs) * 1000 for key, runs in times.items()}
    cpu = {key: statistics.median(v[1] for v in runs) * 1000 for key, runs in times.items()}
    line = (
        f"frozen start: `--demo` {wall['frz']:.0f} ms frozen vs {wall['src']:.0f} ms from source "
        f"= {wall['frz'] / wall['src']:.2f}x (CPU {cpu['frz']:.0f} vs {cpu['src']:.0f} ms); "
        f"app alone {wall['frz1']:.0f} ms vs {wall['src1']:.0f} ms "
        f"= {wall['frz1'] / wall['src1']:.2f}x (CPU {cpu['frz1']:.0f} vs {cpu['src1']:.0f} ms) "
        f"(median of {args.runs}, {env['QT_QPA_PLATFORM']}, {time.strftime('%Y-%m-%d')})"
    )
    print(line)
    for key, label in (("frz", "frozen --demo"), ("src", "source --demo"),
                       ("frz1", "frozen alone"), ("src1", "source alone")):
        pairs = [(round(w * 1000), round(c * 1000)) for w, c in times[key]]
        print(f"  {label:14} wall/CPU (ms): {pairs}")
    if args.append:
        with (ROOT / "bench" / "README.md").open("a") as fh:
            fh.write(f"- `bench/bench_frozen.py`: {line}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
