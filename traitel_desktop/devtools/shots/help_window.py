"""Screenshots (``--screenshots``) of the Help window: ``help``, the glossary found by a search
for "SIP" with its matches marked, and ``help-shortcuts``, the keyboard shortcuts page built
from the window's actions. Listed in :data:`SHOTS`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import Shot, settle
from traitel_desktop.ui.help.pages import SHORTCUTS, START

#: The window's size in the pictures (its default size).
SIZE = (860, 620)


async def _help(ctx: Any, key: str, search: str = "") -> QWidget:
    window = ctx.window.help.show_page(key)
    window.resize(*SIZE)
    window.search.setText(search)
    ctx.cleanup.append(window.close)
    ctx.cleanup.append(window.search.clear)
    await settle(0.3)
    return window


async def help_shot(ctx: Any) -> QWidget:
    """The Help window after typing "SIP" in its search box (it moves to the Glossary)."""
    return await _help(ctx, START, "SIP")


async def shortcuts_shot(ctx: Any) -> QWidget:
    """The Keyboard shortcuts page."""
    return await _help(ctx, SHORTCUTS)


SHOTS: list[tuple[str, Shot]] = [("help", help_shot), ("help-shortcuts", shortcuts_shot)]
