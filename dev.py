#!/usr/bin/env python3
"""One-command set-up for TraiTel Desktop developers and testers.

    python3 dev.py demo [app arguments...]   install (if needed) and start the app on the sandbox
    python3 dev.py test [pytest arguments...] install (if needed) and run the whole test suite
    python3 dev.py run  [app arguments...]   install (if needed) and start the app

Each command creates or refreshes its own virtual environment in ``.venv`` next to this file.
The environment is reinstalled only when ``pyproject.toml`` changes, so a second run is quick.
Works the same on Linux, macOS and Windows (``py dev.py demo`` there).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".traitel-installed"


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


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test", "run"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "test":
        python = ensure_venv("test")
        return subprocess.call([str(python), "-m", "pytest", *rest], cwd=ROOT)
    python = ensure_venv("")
    app = [str(python), "-m", "traitel_desktop"]
    if command == "demo":
        app.append("--demo")
    return subprocess.call([*app, *rest], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
