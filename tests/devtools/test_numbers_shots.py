"""The ``--screenshots`` shots of the Numbers tab's dialogs, taken in-process on a fresh demo
sandbox: the Assign dialog and every page of the DID purchase wizard (really buying on the
sandbox for the last two)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from tests.helpers.numbers_fixtures import client, fresh_sandbox, sign_in_request
from traitel_desktop.api import TraiTelClient
from traitel_desktop.devtools.screenshots import REGISTRY, ShotContext
from traitel_desktop.devtools.shots.did_wizard import SHOTS
from traitel_desktop.services import Session
from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["client", "fresh_sandbox", "sign_in_request"]  # fixtures used here


def test_shots_are_registered_and_render(
    qtbot: Any,
    session: Session,
    app_settings: Any,
    client: TraiTelClient,
    tmp_path: Path,
    run: Callable[..., Any],
) -> None:
    names = [name for name, _shot in REGISTRY]
    assert [name for name, _shot in SHOTS] == [n for n in names if n in dict(SHOTS)]
    assert {"assign", "wizard-service", "wizard-country", "wizard-city", "wizard-offers",
            "wizard-review", "wizard-done"} <= set(names)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    ctx = ShotContext(window, session, app_settings, None, tmp_path)  # type: ignore[arg-type]
    before = {n.number for n in client.query_numbers()}
    sizes = {}
    for name, shot in SHOTS:
        widget = run(shot(ctx), timeout=20.0)
        path = tmp_path / f"{name}.png"
        assert widget.grab().save(str(path), "PNG")
        image = QImage(str(path))
        sizes[name] = (image.width(), image.height())
        while ctx.cleanup:
            ctx.cleanup.pop()()
    assert all(w >= 400 and h >= 150 for w, h in sizes.values()), sizes
    assert sizes["wizard-service"] == sizes["wizard-done"]  # one wizard size for every page
    bought = {n.number for n in client.query_numbers()} - before
    assert len(bought) == 4  # two numbers each for the subscribe and done shots
