"""The choosing pages of the DID purchase wizard: service, country, city, offers.

Each page only renders the :class:`~traitel_desktop.core.did_purchase.flow.DidPurchase` state
and calls its methods (through :meth:`DidWizard.act`); the flow lives there. Page IDs are the
``Step`` values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from traitel_desktop.core.countries import with_article
from traitel_desktop.core.did_purchase.flow import DidStatus, Step
from traitel_desktop.core.did_purchase.state import MAX_QUANTITY, MIN_QUANTITY
from traitel_desktop.core.phones import format_number
from traitel_desktop.ui.did_wizard.host import WizardHost
from traitel_desktop.ui.did_wizard.widgets import LoadState, SearchList, tr

if TYPE_CHECKING:
    from traitel_desktop.core.did_purchase.flow import DidPurchase

#: What each service is, in a sentence, on the service page.
SERVICE_TEXTS = {
    "fax": ("&Fax", "Receive faxes on a number of your own."),
    "voice": ("&Voice", "Answer calls with a voice menu (IVR), a call flow (IVML) or an "
              "internet phone (SIP)."),
    "sms": ("&SMS", "Receive text messages from customers."),
}


class StepPage(QWizardPage):
    """A page for one :class:`Step`: re-renders on every state change; complete when the
    state says Next is allowed (and the page's own pick is made)."""

    step: Step

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.owner = cast(WizardHost, wizard)
        self.purchase: DidPurchase = self.owner.purchase

    def on_step(self) -> bool:
        """True when the state is at this page's step."""
        return self.purchase.step is self.step

    def show_state(self) -> None:
        """Show the state (subclasses), then re-check Next."""
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next is allowed when the state allows it on this step."""
        return self.on_step() and self.purchase.can_go_next()

    def initializePage(self) -> None:
        """Render the state when the page is shown."""
        self.show_state()

    def cleanupPage(self) -> None:
        """Back was pressed: the state goes back too, keeping every choice."""
        self.owner.page_left_backwards(self)

    def validatePage(self) -> bool:
        """Next/Buy asks the state to move on (the wizard follows it when it does); only the
        wizard's own following of the state switches pages."""
        if self.owner.following:
            return True
        if self.isComplete():
            self.go_next()
        return False

    def go_next(self) -> None:
        """The page's action for Next (subclasses)."""


class ServicePage(StepPage):
    """Fax, voice or SMS."""

    step = Step.SERVICE

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle(tr("What is the new number for?"))
        self.setSubTitle(tr("Numbers are sold for one service. You can buy several at once."))
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        for service, (label, text) in SERVICE_TEXTS.items():
            radio = QRadioButton(tr(label), self)
            radio.setAccessibleName(tr(label).replace("&", ""))
            font = radio.font()
            font.setBold(True)
            radio.setFont(font)
            note = QLabel(tr(text), self)
            note.setObjectName("accountSub")
            note.setContentsMargins(26, 0, 0, 10)
            self.group.addButton(radio)
            self.radios[service] = radio
            layout.addWidget(radio)
            layout.addWidget(note)
        layout.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.completeChanged.emit())

    def chosen(self) -> str | None:
        """The service picked on the page."""
        return next((s for s, r in self.radios.items() if r.isChecked()), None)

    def show_state(self) -> None:
        """Show the service already chosen (Back keeps it)."""
        service = self.purchase.service
        if service in self.radios and self.chosen() is None:
            self.radios[service].setChecked(True)
        super().show_state()

    def isComplete(self) -> bool:
        """A service is picked."""
        return self.on_step() and self.chosen() is not None

    def go_next(self) -> None:
        """Next: choose the service (its countries load on the next page)."""
        service = self.chosen()
        if service is not None:
            self.owner.act(self.purchase.choose_service(service))


class ListPage(StepPage):
    """A searchable list of countries or cities."""

    def __init__(self, wizard: QWizard, placeholder: str) -> None:
        super().__init__(wizard)
        self.load_state = LoadState(self)
        self.load_state.retry.connect(lambda: self.owner.act(self.purchase.retry_load()))
        self.picker = SearchList(placeholder, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.load_state)
        layout.addWidget(self.picker, 1)
        self.picker.picked.connect(self.completeChanged.emit)
        self.picker.activated.connect(self._activated)

    def _activated(self) -> None:
        if self.isComplete():
            self.owner.next()

    def isComplete(self) -> bool:
        """The list is ready and something is picked."""
        return super().isComplete() and self.picker.current() is not None

    def focus_search(self) -> None:
        """Put the keyboard in the search box once the list can be used, unless the owner
        is already in a control of this window: while it loaded, the list was disabled and
        the focus had nowhere to go, so keys went nowhere until Tab was pressed."""
        if not (self.isVisible() and self.picker.isEnabled()):
            return
        focus = QApplication.focusWidget()
        if focus is None or not focus.isVisible() or not self.window().isAncestorOf(focus):
            self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)


class CountryPage(ListPage):
    """Countries offering numbers for the service (searchable)."""

    step = Step.COUNTRY

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard, tr("Search countries"))
        self.setTitle(tr("Which country?"))

    def show_state(self) -> None:
        """Loading / error / empty, or the countries with the earlier choice selected."""
        p = self.purchase
        self.setSubTitle(
            tr("Countries where TraiTel sells new {0} numbers.").format(
                (p.service or "").replace("sms", "SMS")
            )
        )
        self.load_state.show_state(p.countries, tr("Loading countries…"))
        items = [(c, c) for c in p.countries.items] if p.countries.ready else []
        self.picker.set_items(items, p.country)
        self.picker.setEnabled(p.countries.ready and bool(items))
        self.focus_search()
        super().show_state()

    def go_next(self) -> None:
        """Next: choose the country (its cities load on the next page)."""
        country = self.picker.current()
        if isinstance(country, str):
            self.owner.act(self.purchase.choose_country(country))


class CityPage(ListPage):
    """Cities of the country offering numbers (searchable)."""

    step = Step.CITY

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard, tr("Search cities"))
        self.setTitle(tr("Which city?"))

    def show_state(self) -> None:
        """Loading / error / empty, or the cities with the earlier choice selected."""
        p = self.purchase
        self.setSubTitle(
            tr("Cities in {0} with numbers for sale.").format(with_article(p.country or "")))
        self.load_state.show_state(p.cities, tr("Loading cities…"))
        items = [(c.city, c.city) for c in p.cities.items] if p.cities.ready else []
        self.picker.set_items(items, p.city)
        self.picker.setEnabled(p.cities.ready and bool(items))
        self.focus_search()
        super().show_state()

    def go_next(self) -> None:
        """Next: choose the city (its offers load on the next page)."""
        city = self.picker.current()
        if isinstance(city, str):
            self.owner.act(self.purchase.choose_city(city))


class OffersPage(StepPage):
    """The numbers on offer in the city: tick one or several; ask for 1–10 offers."""

    step = Step.OFFERS

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle(tr("Pick your numbers"))
        self.quantity = QSpinBox(self)
        self.quantity.setRange(MIN_QUANTITY, MAX_QUANTITY)
        self.quantity.setValue(self.purchase.quantity)
        self.quantity.setAccessibleName(tr("How many numbers to show"))
        self.quantity.setToolTip(tr("TraiTel shows 1 to 10 numbers at a time."))
        quantity_label = QLabel(tr("&Show"), self)
        quantity_label.setBuddy(self.quantity)
        self.more_button = QPushButton(tr("Show &other numbers"), self)
        self.more_button.setToolTip(tr("Ask TraiTel for a fresh set of numbers in this city"))
        self.more_button.clicked.connect(self._more)
        self.load_state = LoadState(self)
        self.load_state.retry.connect(lambda: self.owner.act(self.purchase.retry_load()))
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Numbers on offer"))
        self.list.setAlternatingRowColors(True)
        self.list.itemChanged.connect(self._item_changed)
        self.summary = QLabel(self)
        self.summary.setObjectName("accountSub")
        top = QHBoxLayout()
        top.addWidget(quantity_label)
        top.addWidget(self.quantity)
        top.addWidget(QLabel(tr("numbers at a time"), self))
        top.addStretch(1)
        top.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.load_state)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        self._filling = False

    def _more(self) -> None:
        if self.on_step() and not self.purchase.offers.loading:
            self.owner.act(self.purchase.load_offers(self.quantity.value()))

    def show_state(self) -> None:
        """The offers with their ticks; numbers already sent cannot be changed."""
        p = self.purchase
        self.setSubTitle(
            tr("Numbers for sale in {0}, {1}. Tick the ones you want.").format(
                p.city or "", p.country or ""
            )
        )
        self.load_state.show_state(p.offers, tr("Asking TraiTel for numbers…"))
        self.more_button.setEnabled(self.on_step() and not p.offers.loading)
        self._filling = True
        offers = p.offers.items if not p.offers.loading else ()
        shown = [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())]
        if shown != [o.did for o in offers]:
            # Rebuilt only when the offers changed: a tick updates its item in place.
            self.list.clear()
            for offer in offers:
                item = QListWidgetItem(format_number(offer.did), self.list)
                item.setData(Qt.ItemDataRole.UserRole, offer.did)
                item.setCheckState(Qt.CheckState.Unchecked)  # shows the empty box
        for row, offer in enumerate(offers):
            item = self.list.item(row)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            result = p.result(offer.did)
            if result is not None and result.status not in (DidStatus.PENDING, DidStatus.FAILED):
                flags = Qt.ItemFlag.ItemIsUserCheckable  # sent already: shown, not changeable
                item.setToolTip(tr(result.message))
            if item.flags() != flags:
                item.setFlags(flags)
            state = Qt.CheckState.Checked if p.is_chosen(offer.did) else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)
        self._filling = False
        count = len(p.to_buy)
        self.summary.setText(
            tr("No number picked yet.") if not count
            else tr("1 number picked.") if count == 1
            else tr("{0} numbers picked.").format(count)
        )
        super().show_state()

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._filling or not self.on_step():
            return
        did = item.data(Qt.ItemDataRole.UserRole)
        wanted = item.checkState() == Qt.CheckState.Checked
        if isinstance(did, str) and self.purchase.is_chosen(did) != wanted:
            self.purchase.toggle_offer(did)  # re-renders through the listener

    def isComplete(self) -> bool:
        """At least one number is picked and the list is not reloading."""
        return super().isComplete() and not self.purchase.offers.loading

    def go_next(self) -> None:
        """Next: the review page (it loads the balance)."""
        self.owner.act(self.purchase.go_to_review())

    def checked(self) -> list[str]:
        """The numbers ticked in the list (digits)."""
        return [
            str(self.list.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]

    def tick(self, did: str) -> Any:
        """Tick ``did`` as a user would click its box (tests and screenshots)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == did:
                item.setCheckState(Qt.CheckState.Checked)
                return item
        raise KeyError(did)
