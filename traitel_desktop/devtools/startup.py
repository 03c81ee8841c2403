"""The start-up benchmark's hook (``--exit-when-ready``, bench/bench_startup.py): print
``READY`` and the balance once the main window shows it, then let the app quit."""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["report_ready"]


async def report_ready(window: MainWindow) -> None:
    """Wait until the window is visible with a balance on screen, then print READY."""
    while not window.isVisible() or window.header.balance_label.text() in ("", "—"):
        await asyncio.sleep(0.005)
    await asyncio.sleep(0)  # one more turn of the loop so the window paints
    print("READY", window.header.balance_label.text(), flush=True, file=sys.stdout)
