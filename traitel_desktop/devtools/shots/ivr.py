"""Screenshot (``--screenshots``) of the IVR & IVML tab's edit dialog, filled with demo data:
``ivml-edit``."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT, Shot, settle

__all__ = ["SHOTS", "ivml_edit_shot"]


async def ivml_edit_shot(ctx: Any) -> QWidget:
    """The edit dialog on the first IVML configuration of the demo, opened from its tab."""
    tab: Any = ctx.window.tab("ivr-ivml")
    if not tab.model.rowCount():
        await asyncio.wait_for(tab.reload(), LOAD_TIMEOUT)
    tab.search.clear()
    tab.select_config(None, 0)
    tab.edit_selected()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while tab.dialog is None:
        if loop.time() > deadline:
            raise TimeoutError("the IVML edit dialog did not open")
        await asyncio.sleep(0.05)
    dialog: QDialog = tab.dialog
    ctx.cleanup.append(dialog.reject)
    await settle()
    tab.dialog.name.deselect()  # focus selected the name; a picture reads better without
    await settle(0.05)
    return dialog


SHOTS: list[tuple[str, Shot]] = [("ivml-edit", ivml_edit_shot)]
