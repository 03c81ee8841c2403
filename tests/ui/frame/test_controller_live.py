"""The screenshot run's controller (and any made without a live rate) starts a still sandbox,
so the pictures never get live rows; the app's controller passes ``--demo-live`` on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from traitel_desktop.ui.frame.controller import AppController


def test_a_controller_starts_a_still_sandbox_unless_told(app_settings: Any, tmp_path: Path) -> None:
    shots = AppController(app_settings, data_dir=tmp_path / "data")  # as screenshot_run does
    live = AppController(app_settings, demo=True, demo_live_rate=1.0)  # as the app does
    try:
        assert shots.sandbox.live_rate == 0
        assert live.sandbox.live_rate == 1.0
    finally:
        shots.shutdown()
        live.shutdown()
