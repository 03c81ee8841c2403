"""Screenshot (``--screenshots``) of the change history window: ``history``, listed in
:data:`SHOTS`. On an empty log it first makes three real changes on the demo account (see
:func:`demo_changes`)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import Shot
from traitel_desktop.services.changes import AREA_IVML, record_for
from traitel_desktop.ui.change_history.model import failed

if TYPE_CHECKING:
    from traitel_desktop.services import Session


async def demo_changes(session: Session) -> None:
    """Make three real changes on the demo account, so the history has something to show:
    a result address added to "Support line", a rename refused as a duplicate (116, nothing
    changed), and the result address cleared again (the account ends as it was)."""
    from dataclasses import replace

    from traitel_desktop.api.errors import TraiTelError
    from traitel_desktop.services.ivml import IvmlService, draft_of

    service = IvmlService(session)
    configs = await service.configs()
    if len(configs) < 2:
        return
    target, other = configs[1], configs[0]
    before = draft_of(target)
    result_url = before.launch_url.rsplit("/", 1)[0] + "/result"
    await service.update(target, replace(before, result_url=result_url))
    with contextlib.suppress(TraiTelError):  # 116: "Another configuration has this name"
        await service.update(other, replace(draft_of(other), name=target.name))
    changed = next((c for c in await service.configs() if c.id == target.id), None)
    if changed is not None:
        await service.update(changed, before)


async def history_shot(ctx: Any) -> QWidget:
    """The change history window, after :func:`demo_changes` unless the log already has
    IVML lines (other shots, such as the purchase wizard's, may have written some lines of
    their own: the picture still shows a failed change, selected, with its full text)."""
    from traitel_desktop.devtools.shot_kit import settle
    from traitel_desktop.ui.change_history.window import open_change_history

    if all(c.area != AREA_IVML for c in record_for(ctx.session).changes()):
        await demo_changes(ctx.session)
    dialog = open_change_history(ctx.session, ctx.window)
    ctx.cleanup.append(dialog.close)
    failures = [c.id for c in dialog.shown_changes() if failed(c)]
    dialog.select_change(failures[0] if failures else None)  # its full text below the table
    await settle(0.3)
    return dialog


SHOTS: list[tuple[str, Shot]] = [("history", history_shot)]
