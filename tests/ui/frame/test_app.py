"""The app as a whole: the command line, --screenshots in a fresh process, the sign-in ->
main window -> sign-out -> quit flow, and accessible names on every input."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QWidget,
)

from traitel_desktop.app import parse_args
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.ui.frame.controller import AppController
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.frame.settings_dialog import SettingsDialog
from traitel_desktop.ui.frame.signin_dialog import SignInDialog

ROOT = Path(__file__).resolve().parents[2]
TAB_SHOTS = ["subaccounts", "numbers", "ivr-ivml", "activity", "spend", "costs"]
#: Registered by tab modules at import time (ui.screenshots.REGISTRY): taken too.
REGISTERED_SHOTS = [
    "signin",
    "settings",
    "subaccount-edit",
    "subaccount-delete",
    "assign",
    "wizard-service",
    "wizard-country",
    "wizard-city",
    "wizard-offers",
    "wizard-review",
    "wizard-subscribe",
    "wizard-done",
    "ivml-edit",
    "history",
]
SHOTS = TAB_SHOTS + REGISTERED_SHOTS


def test_command_line() -> None:
    args = parse_args(["--screenshots", "out"])
    assert args.demo is True
    assert args.screenshots == Path("out")
    assert parse_args([]).demo is False
    assert parse_args(["--demo", "--data-dir", "d"]).data_dir == Path("d")


def test_screenshot_size_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse_args(["--screenshots", "out", "--screenshot-size", "1024x700"])
    assert args.screenshot_size == (1024, 700)
    assert parse_args(["--screenshots", "out"]).screenshot_size is None
    for bad in ("1024", "1024x", "x700", "10x700", "big"):
        with pytest.raises(SystemExit):
            parse_args(["--screenshots", "out", "--screenshot-size", bad])
        err = capsys.readouterr().err
        assert "such as 1024x700" in err or "200 to 10000 pixels" in err


def _ends(text: str) -> str:
    """The head (a fatal error's reason) and the tail (where it happened) of a long text."""
    return text if len(text) <= 4000 else text[:2000] + "\n[...]\n" + text[-2000:]


def _app_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["HOME"] = str(tmp_path / "home")
    return env


@pytest.mark.slow
def test_screenshots_in_a_fresh_process(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "traitel_desktop", "--demo", "--screenshots", str(out)],
        cwd=ROOT,
        env=_app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, _ends(result.stderr)
    written = {path.stem for path in out.glob("*.png")}
    assert set(SHOTS) <= written, sorted(set(SHOTS) - written)  # other tabs may add more
    printed = [Path(line).stem for line in result.stdout.splitlines() if line.endswith(".png")]
    assert printed[: len(TAB_SHOTS)] == TAB_SHOTS
    assert sorted(printed) == sorted(written)  # each once
    for name in SHOTS:
        png = out / f"{name}.png"
        assert png.exists(), name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 5000, name  # a real picture, not an empty frame
    assert "Unexpected error" not in result.stderr


@pytest.mark.slow
def test_demo_starts_and_shows_the_balance(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "traitel_desktop", "--demo", "--exit-when-ready"],
        cwd=ROOT,
        env=_app_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, _ends(result.stderr)
    ready = [line for line in result.stdout.splitlines() if line.startswith("READY ")]
    assert len(ready) == 1
    assert any(ch.isdigit() for ch in ready[0])


def _visible_dialog(kind: type[QWidget]) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def test_sign_in_main_window_sign_out_quit(
    qtbot: Any, app_settings: Any, sandbox: Any, tmp_path: Path, qloop: Any, run: Any
) -> None:
    controller = AppController(app_settings, data_dir=tmp_path / "data")
    controller.sandbox = LocalSandbox(running=sandbox)

    async def scenario() -> int:
        task = asyncio.ensure_future(controller.run())
        for round_ in range(2):
            dialog: SignInDialog | None = None
            while dialog is None:
                await asyncio.sleep(0.02)
                dialog = _visible_dialog(SignInDialog)
            dialog.start_demo()
            while controller.window is None or not controller.window.isVisible():
                await asyncio.sleep(0.02)
            window = controller.window
            assert window.header.name_label.text() == "demo"
            if round_ == 0:
                window.sign_out_action.trigger()
                while controller.window is not None:
                    await asyncio.sleep(0.02)
            else:
                window.quit_action.trigger()
        return await task

    assert run(scenario(), timeout=30) == 0
    assert controller.window is None


def _inputs(root: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton)
    found = [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisible()]
    # Line edits inside combo boxes and spin boxes belong to them.
    return [w for w in found if not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)]


def _missing_names(root: QWidget) -> list[str]:
    missing = []
    for widget in _inputs(root):
        if widget.accessibleName():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if text.replace("&", "").strip():  # a button's text is its accessible name
            continue
        missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_input_has_an_accessible_name(
    qtbot: Any, app_settings: Any, sandbox: Any, session: Any, run: Any
) -> None:
    signin = SignInDialog(app_settings, LocalSandbox(running=sandbox))
    qtbot.addWidget(signin)
    signin.profile.setCurrentIndex(signin.profile.findData("custom"))
    signin.show()
    assert _missing_names(signin) == []

    settings = SettingsDialog(session)
    qtbot.addWidget(settings)
    settings.show()
    run(settings.load_task)
    assert _missing_names(settings) == []

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert _missing_names(window.header) == []
    # Every menu action has a keyboard path (a shortcut or a mnemonic in its menu).
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        assert "&" in menu_action.text()
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
