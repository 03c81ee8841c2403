"""Screenshot of the Costs tab in use (``costs-compare``): three destinations priced and
compared, the last one (Mixed fax billing) shown in the cards. Registered on import of the
Costs tab; the empty tab itself is shot as ``costs`` with the other tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

#: Typed as a user would, in three different forms.
SHOT_NUMBERS = ("+61 2 9999 1234", "0044 20 7946 0000", "+49-30-1234567")


async def compare_shot(ctx: Any) -> QWidget:
    """The main window on the Costs tab after pricing :data:`SHOT_NUMBERS`."""
    from traitel_desktop.ui.costs_tab import CostsTab
    from traitel_desktop.ui.screenshots import settle

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


def register_screenshots() -> None:
    """Add ``costs-compare`` to the screenshot registry (once)."""
    from traitel_desktop.ui.screenshots import REGISTRY

    if all(name != "costs-compare" for name, _shot in REGISTRY):
        REGISTRY.append(("costs-compare", compare_shot))
