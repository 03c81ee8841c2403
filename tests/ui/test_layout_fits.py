"""Every tab and every dialog fits at 1024x700 (a common laptop) and at 1600x1000: no label,
button or group box title cut, no field squashed, no two widgets on top of each other, no
dialog larger than the screen it opens on.

The states shown are those of ``--screenshots`` (every tab loaded, then each dialog and
wizard page the registry opens, sign-in and settings also in their error states), taken in
process on a fresh demo sandbox with the app's own look, so a new shot is checked here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from tests.helpers.layout_check import app_look, layout_problems
from traitel_desktop.devtools.screenshots import ShotContext, all_shots, build_all_tabs
from traitel_desktop.services import Session
from traitel_desktop.services.demo import LocalSandbox
from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["app_look", "fresh_sandbox", "sign_in_request"]  # fixtures used here


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)], ids=["1024x700", "1600x1000"])
def test_every_tab_and_dialog_fits(
    size: tuple[int, int],
    app_look: None,
    qtbot: Any,
    session: Session,
    app_settings: Any,
    fresh_sandbox: Any,
    tmp_path: Path,
    run: Callable[..., Any],
) -> None:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    ctx = ShotContext(window, session, app_settings, LocalSandbox(running=fresh_sandbox), tmp_path)
    build_all_tabs(window)
    problems: list[str] = []
    for name, shot in all_shots(window):
        widget = run(shot(ctx), timeout=30.0)
        assert window.size().width() == size[0], "the window must keep the size it was given"
        for problem in layout_problems(widget):
            problems.append(f"[{name}] {problem}")
        if widget is not window:
            top = widget.window()
            if top.width() > size[0] or top.height() > size[1]:
                problems.append(
                    f"[{name}] {type(top).__name__} is {top.width()}x{top.height()}, larger "
                    f"than a {size[0]}x{size[1]} screen"
                )
        while ctx.cleanup:
            ctx.cleanup.pop()()
    assert not problems, f"{len(problems)} layout problems:\n  " + "\n  ".join(problems)
