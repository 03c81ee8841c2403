#!/usr/bin/env python3
"""One-command set-up for TraiTel Desktop developers and testers.

    python3 dev.py demo [app arguments...]   install (if needed) and start the app on the sandbox
    python3 dev.py test [pytest arguments...] install (if needed) and run the whole test suite
    python3 dev.py test-dates [pytest arguments...]
                                             the suite under ``faketime`` at each of TEST_DATES
    python3 dev.py run  [app arguments...]   install (if needed) and start the app

Each command creates or refreshes its own virtual environment in ``.venv`` next to this file.
The environment is reinstalled only when ``pyproject.toml`` changes, so a second run is quick.
Works the same on Linux, macOS and Windows (``py dev.py demo`` there).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".traitel-installed"

#: The moments (UTC) ``test-dates`` runs the suite at: the demo data and "today" are computed
#: from the clock, so the suite must pass on awkward days too.
TEST_DATES = (
    ("2027-03-28 01:30:00", "Europe changes clocks"),
    ("2027-04-04 02:30:00", "Sydney changes clocks"),
    ("2028-02-29 23:55:00", "leap day, just before midnight"),
    ("2026-12-31 23:59:00", "the last minute of a year"),
)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def wanted_stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return f"{digest} {extras} {sys.version_info[:2]}"


def ensure_venv(extras: str) -> Path:
    """Create ``.venv`` if missing and install the project (editable) when out of date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may run on an older system Python
        sys.exit("TraiTel Desktop needs Python 3.11 or newer; this is " + sys.version.split()[0])
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    stamp = wanted_stamp(extras)
    installed = STAMP.read_text() if STAMP.exists() else ""
    # A stamp made for the test extras also covers the plain app.
    if installed != stamp and not (extras == "" and installed == wanted_stamp("test")):
        print("Installing TraiTel Desktop and its dependencies ...", flush=True)
        target = f".[{extras}]" if extras else "."
        quiet = [] if os.environ.get("TRAITEL_VERBOSE_INSTALL") else ["-q"]
        subprocess.run(
            [str(python), "-m", "pip", "install", *quiet, "--upgrade", "pip"], check=True
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", *quiet, "-e", target], check=True, cwd=ROOT
        )
        STAMP.write_text(stamp)
    return python


def faketime_env() -> dict[str, str]:
    """The environment for a run under ``faketime``: ``tests/faketime`` on ``PYTHONPATH``
    (its ``sitecustomize`` works around a libfaketime bug in Python's ``time.sleep``)."""
    env = dict(os.environ)
    paths = [str(ROOT / "tests" / "faketime"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


def test_dates(python: Path, pytest_args: list[str]) -> int:
    """Run the suite once per moment of :data:`TEST_DATES`; report which ones failed.

    The clock ticks on from each moment (``faketime``'s default: a fixed offset added to the
    real time, the same in every child process), as a real clock does; the monotonic clock is
    left alone (``--exclude-monotonic``), since Python's lock and event time-outs and Qt's
    timers wait on it. ``-m``: the thread-safe libfaketime (the app and the sandbox use threads).
    """
    faketime = shutil.which("faketime")
    if faketime is None:
        print("test-dates needs faketime (Debian/Ubuntu: sudo apt install faketime; "
              "macOS: brew install libfaketime).")
        return 2
    results = []
    for moment, why in TEST_DATES:
        print(f"== {moment} UTC ({why})", flush=True)
        started = time.monotonic()
        code = subprocess.call(
            [faketime, "-m", "--exclude-monotonic", f"{moment} UTC",
             str(python), "-m", "pytest", *pytest_args],
            cwd=ROOT, env=faketime_env(),
        )
        results.append((moment, why, code, time.monotonic() - started))
    print("\ntest-dates:")
    for moment, why, code, seconds in results:
        verdict = "passed" if code == 0 else f"FAILED (pytest exit code {code})"
        print(f"  {moment} UTC ({why}): {verdict} in {seconds:.0f} s")
    return 0 if all(code == 0 for _, _, code, _ in results) else 1


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "test-dates", "run"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "test":
        python = ensure_venv("test")
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    if command == "test-dates":
        return test_dates(ensure_venv("test"), rest)
    python = ensure_venv("")
    app = [str(python), "-m", "traitel_desktop"]
    if command == "demo":
        app.append("--demo")
    return subprocess.call([*app, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
