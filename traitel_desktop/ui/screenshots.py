"""``--screenshots DIR``: save the main window on each tab once its data has loaded, plus the
sign-in and settings dialogs.

Extensible: :data:`REGISTRY` is a list of ``(name, shot)`` pairs; a shot is an async callable
taking the :class:`ShotContext` and returning the widget to grab (it may open a dialog and
close it afterwards in ``ctx.cleanup``). Tabs are added automatically from the tab list.

Tab modules are imported only when their tab is first built, and many register their own
shots at import time (Numbers: ``assign`` and ``wizard-*``; IVR & IVML: ``ivml-edit`` and
``history``). :func:`take_all` therefore builds every tab before it reads the registry, and
reads it again after each shot, so a shot registered late is still taken.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.demo import LocalSandbox
    from traitel_desktop.services.settings import AppSettings
    from traitel_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

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


def tab_shot(name: str) -> Shot:
    """A shot of the main window showing tab ``name`` once its data has loaded."""

    async def shot(ctx: ShotContext) -> QWidget:
        window = ctx.window
        index = [spec.name for spec in window.specs].index(name)
        tab: Any = window.tab(name)
        loaded = asyncio.Event()
        tab.loaded.connect(loaded.set)
        window.tabs.blockSignals(True)
        window.tabs.setCurrentIndex(index)
        window.tabs.blockSignals(False)
        task = window.reload_tab(index)
        if task is not None:
            await asyncio.wait_for(asyncio.shield(task), LOAD_TIMEOUT)
        if not loaded.is_set():
            try:
                await asyncio.wait_for(loaded.wait(), 3.0)
            except TimeoutError:
                log.warning("tab %s did not report loaded; taking the shot anyway", name)
        await settle()
        return window

    return shot


async def signin_shot(ctx: ShotContext) -> QWidget:
    """The sign-in dialog, as a new user sees it."""
    from traitel_desktop.ui.signin_dialog import SignInDialog

    dialog = SignInDialog(ctx.settings, ctx.sandbox, parent=None)
    dialog.username.setText("demo")
    dialog.show()
    ctx.cleanup.append(dialog.deleteLater)
    ctx.cleanup.append(dialog.close)
    await settle()
    return dialog


async def settings_shot(ctx: ShotContext) -> QWidget:
    """The settings dialog, once the time zone has been read."""
    from traitel_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx.session, ctx.window)
    loaded = asyncio.Event()
    dialog.loaded.connect(loaded.set)
    dialog.show()
    ctx.cleanup.append(dialog.deleteLater)
    ctx.cleanup.append(dialog.reject)
    await asyncio.wait_for(loaded.wait(), LOAD_TIMEOUT)
    await settle()
    return dialog


#: Extra shots after the tabs: later dialogs append ``(name, shot)`` here.
REGISTRY: list[tuple[str, Shot]] = [
    ("signin", signin_shot),
    ("settings", settings_shot),
]


def build_all_tabs(window: MainWindow) -> None:
    """Build every tab (importing its module), so every shot a tab module registers at
    import time is in :data:`REGISTRY`."""
    for spec in window.specs:
        window.tab(spec.name)


def all_shots(window: MainWindow) -> list[tuple[str, Shot]]:
    """Every shot: one per tab, then the registry (after every tab has been built)."""
    build_all_tabs(window)
    return [(spec.name, tab_shot(spec.name)) for spec in window.specs] + list(REGISTRY)


async def _take(ctx: ShotContext, name: str, shot: Shot) -> Path:
    widget = await shot(ctx)
    path = ctx.out_dir / f"{name}.png"
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    while ctx.cleanup:
        ctx.cleanup.pop()()
    await settle(0.05)
    return path


async def take_all(ctx: ShotContext) -> list[Path]:
    """Take every shot into ``ctx.out_dir``; returns the files written.

    The tabs first, then the registry, read afresh after each shot: a shot registered
    while the others were taken (a module imported late) is taken too, each name once."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    build_all_tabs(ctx.window)
    written: list[Path] = []
    done: set[str] = set()
    for spec in ctx.window.specs:
        written.append(await _take(ctx, spec.name, tab_shot(spec.name)))
        done.add(spec.name)
    while True:
        pending = [(name, shot) for name, shot in REGISTRY if name not in done]
        if not pending:
            return written
        name, shot = pending[0]
        done.add(name)
        written.append(await _take(ctx, name, shot))
