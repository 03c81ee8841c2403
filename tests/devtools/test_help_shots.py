"""The ``--screenshots`` shots of the Help window render in-process: ``help`` (the glossary
found by a search, matches marked) and ``help-shortcuts``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from traitel_desktop.devtools.screenshots import REGISTRY, ShotContext
from traitel_desktop.devtools.shots.help_window import SHOTS, SIZE
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.help.pages import GLOSSARY
from traitel_desktop.ui.help.window import HelpWindow


def test_help_shots_are_registered_and_render(
    qtbot: Any, session: Session, app_settings: Any, tmp_path: Path, run: Callable[..., Any]
) -> None:
    assert {"help", "help-shortcuts"} <= {name for name, _shot in REGISTRY}
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    ctx = ShotContext(window, session, app_settings, None, tmp_path)  # type: ignore[arg-type]
    for name, shot in SHOTS:
        widget = run(shot(ctx), timeout=20.0)
        assert isinstance(widget, HelpWindow)
        if name == "help":
            assert widget.current_key() == GLOSSARY and widget.matches()
        path = tmp_path / f"{name}.png"
        assert widget.grab().save(str(path), "PNG")
        image = QImage(str(path))
        assert (image.width(), image.height()) == SIZE
        while ctx.cleanup:
            ctx.cleanup.pop()()
