"""Screenshot of the Costs tab in use (``costs-compare``): three destinations priced and
compared, the last one (Mixed fax billing) shown in the cards. Listed in :data:`SHOTS`; the
empty tab itself is shot as ``costs`` with the other tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import Shot

#: Typed as a user would, in three different forms.
SHOT_NUMBERS = ("+61 2 9999 1234", "0044 20 7946 0000", "+49-30-1234567")


async def compare_shot(ctx: Any) -> QWidget:
    """The main window on the Costs tab after pricing :data:`SHOT_NUMBERS`."""
    from traitel_desktop.devtools.shot_kit import settle
    from traitel_desktop.ui.costs.tab import CostsTab

    window = ctx.window
    index = [spec.name for spec in window.specs].index("costs")
    window.tabs.setCurrentIndex(index)
    tab = window.tab("costs")
    assert isinstance(tab, CostsTab)
    for typed in SHOT_NUMBERS:
        tab.edit.setText(typed)
        await tab.quote_text(typed)
    tab.edit.setText(SHOT_NUMBERS[-1])
    await settle()
    return window


SHOTS: list[tuple[str, Shot]] = [("costs-compare", compare_shot)]
