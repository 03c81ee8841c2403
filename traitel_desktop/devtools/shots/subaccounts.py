"""Screenshots (``--screenshots``) of the Sub-accounts tab's dialogs, filled with demo data:
``subaccount-edit`` and ``subaccount-delete``, listed in :data:`SHOTS`."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import Shot


async def _open_from_tab(ctx: Any, start: str) -> QWidget:
    """Open a dialog of the sub-accounts tab on its first row and return it once shown."""
    from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT, settle
    from traitel_desktop.ui.subaccounts.tab import SubAccountsTab

    tab = ctx.window.tab("subaccounts")
    if not isinstance(tab, SubAccountsTab):
        raise TypeError("the sub-accounts tab is not loaded")
    if not tab.model.rowCount():
        await asyncio.wait_for(tab.reload(), LOAD_TIMEOUT)
    tab.search.clear()
    tab.select_sub(None, 0)
    getattr(tab, start)()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while tab.dialog is None:
        if loop.time() > deadline:
            raise TimeoutError(f"no dialog after {start}")
        await asyncio.sleep(0.05)
    dialog = tab.dialog
    ctx.cleanup.append(dialog.reject)
    await settle()
    return dialog


async def edit_dialog_shot(ctx: Any) -> QWidget:
    """The edit dialog on the first demo sub-account."""
    return await _open_from_tab(ctx, "edit_selected")


async def delete_dialog_shot(ctx: Any) -> QWidget:
    """The delete confirmation of the first demo sub-account, listing its numbers."""
    return await _open_from_tab(ctx, "delete_selected")


SHOTS: list[tuple[str, Shot]] = [
    ("subaccount-edit", edit_dialog_shot),
    ("subaccount-delete", delete_dialog_shot),
]
