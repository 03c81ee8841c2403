"""What the wizard's pages ask of the wizard that holds them (:class:`DidWizard` is one):
the pages import this, never the wizard module, so the package has no import cycle."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from traitel_desktop.core.did_purchase.flow import DidPurchase
    from traitel_desktop.ui.did_wizard.routing import Routing

__all__ = ["WizardHost"]


class WizardHost(Protocol):
    """The wizard as its pages see it."""

    purchase: DidPurchase
    #: What each number is used for now (the done page shows it for the numbers bought).
    routing: Routing
    #: True while the wizard itself switches pages to follow the state.
    following: bool
    #: True while a subscribe pass runs.
    subscribing: bool

    @property
    def assign_requested(self) -> SignalInstance:
        """``assign_requested(number)``: "Assign these numbers now" was clicked."""
        ...

    def act(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run one of the flow's actions as a task owned by the wizard."""
        ...

    def next(self) -> None:
        """Go to the next page (QWizard.next)."""
        ...

    def page_left_backwards(self, page: Any) -> None:
        """Back was pressed on ``page``: the flow steps back too."""
        ...

    def start_subscribe(self) -> None:
        """Buy the chosen numbers (once at a time)."""
        ...

    def refresh_offers(self) -> None:
        """Offer fresh numbers in the same city, after some were taken."""
        ...
