"""What every screenshot shot uses: the :class:`ShotContext` it is given, ``settle`` and the
load timeout. The shots live in :mod:`traitel_desktop.devtools.shots`; the run that takes them
all is :mod:`traitel_desktop.devtools.screenshots`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.demo import LocalSandbox
    from traitel_desktop.services.settings import AppSettings
    from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["LOAD_TIMEOUT", "Shot", "ShotContext", "settle"]

LOAD_TIMEOUT = 60.0


@dataclass
class ShotContext:
    """What a shot may use."""

    window: MainWindow
    session: Session
    settings: AppSettings
    sandbox: LocalSandbox
    out_dir: Path
    cleanup: list[Callable[[], object]] = field(default_factory=list)


Shot = Callable[[ShotContext], Awaitable[QWidget]]


async def settle(delay: float = 0.15) -> None:
    """Let Qt lay out and paint (the qasync loop runs Qt events while we sleep; calling
    processEvents() inside a coroutine would re-enter the loop)."""
    await asyncio.sleep(delay)
