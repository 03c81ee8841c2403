"""The layer rules of DESIGN.md, checked by import-linter and by a clean interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    # lint_imports reads [tool.importlinter] from pyproject.toml and returns 0 when all hold.
    # In a child process: it configures logging, which disables the loggers already made
    # here (the client's), and a later test that reads the client's log would see nothing.
    code = (
        "import sys; from importlinter.cli import lint_imports;"
        f"sys.exit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_api_does_not_load_qt() -> None:
    code = (
        "import sys, traitel_desktop.api, traitel_desktop.contract.modes;"
        "bad = [m for m in ('PySide6', 'qasync', 'matplotlib') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_no_import_cycles() -> None:
    """No module imports, through any chain, a module that imports it back (DESIGN.md);
    imports under ``if TYPE_CHECKING:`` count too."""
    import grimp

    graph = grimp.build_graph("traitel_desktop")
    cycles = sorted(
        {
            " <-> ".join(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if imported != module and graph.chain_exists(importer=imported, imported=module)
        }
    )
    assert not cycles, cycles


def test_the_product_never_imports_devtools() -> None:
    code = (
        "import sys, traitel_desktop.app, traitel_desktop.ui.frame.main_window;"
        "bad = [m for m in sys.modules if m.startswith('traitel_desktop.devtools')];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_every_feature_has_a_room() -> None:
    """``ui/`` holds packages only: the frame, the shared widgets and one per feature."""
    ui = ROOT / "traitel_desktop" / "ui"
    loose = sorted(p.name for p in ui.glob("*.py") if p.name != "__init__.py")
    assert not loose, loose
    rooms = {p.name for p in ui.iterdir() if (p / "__init__.py").exists()}
    assert {"frame", "widgets", "subaccounts", "numbers", "did_wizard", "ivr", "activity",
            "spend", "costs", "change_history"} <= rooms


def test_no_test_module_imports_another() -> None:
    """Shared test code lives in tests/helpers; fixtures come from conftest files (which may
    share fixtures with each other): a test module that imports another module of tests or a
    conftest ties them together."""
    tests = Path(__file__).resolve().parent
    pattern = re.compile(r"^\s*(?:from|import) tests\.(?!helpers\b)([\w.]+)", re.MULTILINE)
    offenders = [
        f"{path.relative_to(tests)}: tests.{match}"
        for path in tests.rglob("test_*.py")
        if "helpers" not in path.relative_to(tests).parts
        for match in pattern.findall(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_product_never_uses_what_the_installers_leave_out() -> None:
    """The bundle leaves phonenumbers' geocoder, carrier and time-zone tables out
    (packaging/traitel-desktop.spec): a use of them passes every test from source and fails
    only in the installed app (it did: a country's name for the alerts)."""
    left_out = re.compile(
        r"^\s*(?:from phonenumbers(?:\.\w+)? import [^\n]*\b(geocoder|carrier|timezone)\b"
        r"|import phonenumbers\.(geocoder|carrier|timezone))", re.MULTILINE)
    product = Path(__file__).resolve().parents[1] / "traitel_desktop"
    offenders = [str(path.relative_to(product)) for path in product.rglob("*.py")
                 if left_out.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
