"""The DID purchase wizard: service → country → city → offers → review → subscribe → done.

A ``QWizard`` shown without blocking (``show()``/``open()``, never ``exec()``). The flow is
:class:`~traitel_desktop.core.did_purchase.flow.DidPurchase`: pages only render its state and call
its methods, and the wizard *follows* the state — Next asks the state to move on, and the page
changes when the state did (so a double-click, a slow answer or a late reply cannot put the
pages and the state out of step). Back keeps every choice; Cancel works on every page. After
each buying pass every number's result is written to the change log, the views are told
(``"numbers"``), the balance is read again (through the session, as the header reads it: the
done page says how it changed) and so is what the new numbers are used for (re-read whenever
the numbers change, e.g. after "Assign these numbers now"). Once numbers were bought, Cancel
reads Close: closing (the button, Esc, the window's X) then leaves the purchase as it is.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from traitel_desktop.core.did_purchase.flow import DidPurchase, DidStatus, Step, WizardStateError
from traitel_desktop.core.did_purchase.state import DEFAULT_QUANTITY
from traitel_desktop.core.phones import format_number
from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services.changes import AREA_NUMBERS, ChangeLog
from traitel_desktop.ui.did_wizard.finish import DonePage, ReviewPage, SubscribePage
from traitel_desktop.ui.did_wizard.pages import (
    CityPage,
    CountryPage,
    OffersPage,
    ServicePage,
    StepPage,
)
from traitel_desktop.ui.did_wizard.routing import Routing
from traitel_desktop.ui.did_wizard.widgets import tr
from traitel_desktop.ui.widgets.async_tools import spawn

if TYPE_CHECKING:
    from traitel_desktop.services import Session

log = logging.getLogger(__name__)

#: Page IDs (the choosing pages use their ``Step`` value).
SUBSCRIBE_PAGE = Step.SUBSCRIBING.value
DONE_PAGE = Step.DONE.value
#: Statuses worth a line in the change log once a pass is over.
FINAL = (DidStatus.SUBSCRIBED, DidStatus.TAKEN, DidStatus.FAILED, DidStatus.UNKNOWN)
#: Roomier list rows than the app default: the lists are the main content of most pages.
WIZARD_STYLE = "QListWidget::item { padding: 5px 4px; }"


class DidWizard(QWizard):
    """Buys new numbers for ``session``'s account (see the module docstring).

    Signals: ``assign_requested(digits)`` from "Assign these numbers now"; ``purchased()`` after
    a buying pass (the views were told and the balance is being read).
    """

    assign_requested = Signal(str)
    purchased = Signal()

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, quantity: int = DEFAULT_QUANTITY
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.purchase = DidPurchase(session.call, quantity=quantity)
        self.changes = ChangeLog(session)
        #: What each number is used for (the done page shows it for the numbers bought).
        self.routing = Routing(session, self)
        #: True while the wizard switches pages to follow the state (not a user's click).
        self.following = False
        self.subscribing = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._logged: dict[str, DidStatus] = {}
        self.setObjectName("didWizard")
        self.setWindowTitle(tr("Buy numbers"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(620, 520)
        self.setStyleSheet(WIZARD_STYLE)
        self.pages: dict[int, StepPage] = {}
        for page in (
            ServicePage(self),
            CountryPage(self),
            CityPage(self),
            OffersPage(self),
            ReviewPage(self),
            SubscribePage(self),
            DonePage(self),
        ):
            self.setPage(page.step.value, page)
            self.pages[page.step.value] = page
        self.setStartId(Step.SERVICE.value)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("&Back"))
        self._cancel_or_close()
        self._remove_listener = self.purchase.add_listener(self._changed)
        self.currentIdChanged.connect(lambda _id: self._render())
        self.routing.changed.connect(self._render)
        session.data_changed.connect(self._data_changed)
        self._watching = True

    # --- the pages follow the state -----------------------------------------------------
    def page_of(self, step: Step) -> StepPage:
        """The page showing ``step``."""
        return self.pages[step.value]

    def act(self, coro: Coroutine[Any, Any, Any], name: str = "did-wizard") -> asyncio.Task[Any]:
        """Run one of the state's actions as a task (kept until it ends; see :meth:`settled`)."""
        task = spawn(self._guard(coro), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _guard(self, coro: Coroutine[Any, Any, Any]) -> None:
        try:
            await coro
        except WizardStateError as exc:  # a late click; the pages disable such actions
            log.info("DID wizard: %s", exc)

    async def settled(self) -> None:
        """Wait until every action started so far has ended (tests, screenshots)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _changed(self) -> None:
        if not alive(self):
            return
        self._follow()
        self._render()

    def _render(self) -> None:
        page = self.currentPage()
        if isinstance(page, StepPage):
            page.show_state()
        self._lock_city()
        self._cancel_or_close()
        self._keep_focus()

    def _keep_focus(self) -> None:
        """When the control holding the keyboard went away (Buy is switched off while it
        buys, a page changed), give it to the button that goes on, so keys never go nowhere."""
        focus = QApplication.focusWidget()
        if not self.isVisible() or (
            focus is not None and focus.isVisible() and focus.isEnabled()
        ):
            return
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            button = self.button(which)
            if button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    @property
    def finished_buying(self) -> bool:
        """True once a buying pass is over, or numbers were bought and none is being bought
        now: closing then cancels nothing."""
        p = self.purchase
        if self.subscribing or p.step is Step.SUBSCRIBING:
            return False
        return p.step is Step.DONE or bool(p.subscribed_numbers)

    def _cancel_or_close(self) -> None:
        """Cancel, or Close once the purchase is over (nothing is left to cancel)."""
        button = self.button(QWizard.WizardButton.CancelButton)
        if self.finished_buying:
            text, tip = tr("Close"), tr("Close this window. The numbers you bought are yours.")
        else:
            text, tip = tr("Cancel"), tr("Stop here: no number is bought (Esc)")
            if self.purchase.step is Step.SUBSCRIBING:
                tip = tr("Stop: no further number is sent (Esc)")
        if button.text() != text:
            self.setButtonText(QWizard.WizardButton.CancelButton, text)
        button.setToolTip(tip)

    def _lock_city(self) -> None:
        """Once numbers were sent for this city, Back from the offers page is not allowed:
        the city page acts as a commit page (Qt then disables Back)."""
        city = self.pages[Step.CITY.value]
        locked = self.purchase.step is Step.OFFERS and not self.purchase.can_go_back()
        if city.isCommitPage() != locked:
            city.setCommitPage(locked)

    def _follow(self) -> None:
        """Show the page of the state's step (the done page once the user went there)."""
        p = self.purchase
        if p.cancelled or self.following or not self.isVisible():
            return
        current = self.currentId()
        if current == DONE_PAGE and p.step is Step.DONE:
            return
        target = min(p.step.value, SUBSCRIBE_PAGE)
        self.following = True
        try:
            while self.currentId() != target:
                before = self.currentId()
                if before < target:
                    self.next()
                else:
                    self.back()
                if self.currentId() == before:
                    break
        finally:
            self.following = False

    def page_left_backwards(self, page: StepPage) -> None:
        """Back was pressed on ``page``: the state goes back too."""
        if self.following or self.purchase.step is not page.step:
            return
        self.following = True
        try:
            moved = self.purchase.back()
        finally:
            self.following = False
        if not moved:  # not allowed (numbers were sent for this city): return to the state
            QTimer.singleShot(0, self, self._follow)

    # --- buying -------------------------------------------------------------------------
    def start_subscribe(self) -> None:
        """Buy (or try again): one pass at a time; the Buy button is off while it runs."""
        if self.subscribing or self.purchase.cancelled:
            return
        self.subscribing = True
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
            self.button(which).setEnabled(False)
        self.act(self._subscribe())

    async def _subscribe(self) -> None:
        try:
            await self.purchase.subscribe()
        finally:
            self.subscribing = False
            self._after_pass()

    def _after_pass(self) -> None:
        """Log every number's new result, tell the views and read the balance again."""
        p = self.purchase
        where = f"{p.city}, {p.country}"
        for result in p.results:
            if result.status not in FINAL or self._logged.get(result.did) is result.status:
                continue
            self._logged[result.did] = result.status
            outcome = "ok" if result.status is DidStatus.SUBSCRIBED else result.message
            self.changes.log(AREA_NUMBERS, "buy", format_number(result.did),
                             f"{p.service} number in {where}", outcome)
        self.act(self.purchase.read_balance_after(self._read_balance), name="did-wizard-balance")
        self.session.notify("numbers")  # (the done page reads the numbers' use again too)
        if alive(self):
            self.purchased.emit()
            self._render()

    async def _read_balance(self) -> Decimal | None:
        """The balance, read again through the session (the header shows it too); None when
        it cannot be read now."""
        from traitel_desktop.api.errors import TraiTelError
        from traitel_desktop.services import Superseded

        for _attempt in range(3):  # the header may have asked at the same moment
            if self.session.closed:
                return None
            try:
                return await self.session.refresh_balance()
            except Superseded:
                continue
            except (TraiTelError, TimeoutError):
                return None
        return None

    def _data_changed(self, topic: str) -> None:
        """The account's numbers changed (bought, or assigned from the done page): read
        what the bought numbers are used for again."""
        if topic == "numbers" and alive(self) and self.purchase.subscribed_numbers:
            self.act(self.routing.read(), name="did-wizard-routing")

    def refresh_offers(self) -> None:
        """After Error 114: fresh offers for the same city, every other choice kept."""
        if self.purchase.can_refresh_offers:
            self.act(self.purchase.refresh_offers_after_taken())

    # --- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel (any page): nothing more is sent; a number already on its way finishes.
        Close (once the purchase is over): the purchase stays as it is, nothing to cancel."""
        if not self.finished_buying:
            self.purchase.cancel()
        super().reject()

    def done(self, result: int) -> None:
        """Closing: stop following the state and the account's changes."""
        self._remove_listener()
        if self._watching:
            self._watching = False
            self.session.data_changed.disconnect(self._data_changed)
        super().done(result)
