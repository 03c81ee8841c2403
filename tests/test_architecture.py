"""The layer rules of DESIGN.md, checked by import-linter and by a clean interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    from importlinter.cli import lint_imports

    # lint_imports reads [tool.importlinter] from pyproject.toml and returns 0 when all hold.
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def test_api_does_not_load_qt() -> None:
    code = (
        "import sys, traitel_desktop.api, traitel_desktop.contract.modes;"
        "bad = [m for m in ('PySide6', 'qasync', 'matplotlib') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
