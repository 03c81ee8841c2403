"""The last pages of the DID purchase wizard: review (what is known of the price, explicit
confirmation), subscribe (one result per number) and done (the balance before and after, what
each new number is used for, "Assign these numbers now")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWizard,
)

from traitel_desktop.core.did_purchase.balance import FEE_NOTE, FEE_NOTE_MANY
from traitel_desktop.core.did_purchase.flow import DidStatus, Step
from traitel_desktop.core.money import exact_money, format_amount
from traitel_desktop.core.phones import format_number
from traitel_desktop.ui.did_wizard.pages import StepPage
from traitel_desktop.ui.did_wizard.widgets import LoadState, tr
from traitel_desktop.ui.widgets.errors import plain_message

SERVICE_NAMES = {"fax": "Fax", "voice": "Voice", "sms": "SMS"}

#: Status -> the standard icon shown beside a number's result.
STATUS_ICONS = {
    DidStatus.SUBSCRIBED: QStyle.StandardPixmap.SP_DialogApplyButton,
    DidStatus.TAKEN: QStyle.StandardPixmap.SP_MessageBoxWarning,
    DidStatus.FAILED: QStyle.StandardPixmap.SP_MessageBoxCritical,
    DidStatus.UNKNOWN: QStyle.StandardPixmap.SP_MessageBoxQuestion,
}


class ReviewPage(StepPage):
    """What will be bought, the balance, and the explicit "yes" that gates Buy."""

    step = Step.REVIEW

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle(tr("Check and confirm"))
        self.setSubTitle(tr("Nothing is bought until you press Buy."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("B&uy"))
        self.what = QLabel(self)
        self.where = QLabel(self)
        self.numbers = QLabel(self)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.balance = QLabel(self)
        self.balance.setAccessibleName(tr("Current balance"))
        self.balance_state = LoadState(self)
        self.balance_state.retry.connect(lambda: self.owner.act(self.purchase.reload_balance()))
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.addRow(tr("Service"), self.what)
        form.addRow(tr("Where"), self.where)
        form.addRow(tr("Numbers"), self.numbers)
        form.addRow(tr("Your balance"), self.balance)
        self.charges = QLabel(tr(FEE_NOTE), self)  # the API gives no price for a number
        self.charges.setObjectName("keyringNote")
        self.charges.setWordWrap(True)
        self.confirm_box = QCheckBox(self)
        self.confirm_box.setAccessibleName(tr("Confirm the purchase"))
        self.confirm_box.toggled.connect(self._confirm)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.balance_state)
        layout.addWidget(self.charges)
        layout.addWidget(self.confirm_box)
        layout.addStretch(1)

    def _confirm(self, on: bool) -> None:
        if self.on_step() and self.purchase.confirmed != on:
            self.purchase.confirm(on)

    def show_state(self) -> None:
        """Summary, balance (loading / error / amount) and the confirmation box."""
        p = self.purchase
        to_buy = p.to_buy
        self.what.setText(tr(SERVICE_NAMES.get(p.service or "", p.service or "")))
        self.where.setText(f"{p.city or ''}, {p.country or ''}")
        self.numbers.setText("\n".join(format_number(o.did) for o in to_buy))
        if p.balance_loading:
            self.balance.setText(tr("Loading…"))
        elif p.balance is not None:
            self.balance.setText(format_amount(p.balance))
            self.balance.setToolTip(tr("Exact balance: {0}").format(exact_money(p.balance)))
        else:
            self.balance.setText(tr("Not known"))
        self.balance_state.show_parts(
            loading=p.balance_loading,
            text=plain_message(p.balance_error) if p.balance_error is not None else "",
            error=p.balance_error is not None,
        )
        count = len(to_buy)
        self.charges.setText(tr(FEE_NOTE) if count == 1 else tr(FEE_NOTE_MANY))
        self.confirm_box.setText(
            tr("Yes, buy this number. I understand a setup or monthly fee may apply.")
            if count == 1
            else tr("Yes, buy these {0} numbers. I understand a setup or monthly fee may "
                    "apply.").format(count)
        )
        self.confirm_box.blockSignals(True)
        self.confirm_box.setChecked(p.confirmed)
        self.confirm_box.blockSignals(False)
        self.confirm_box.setEnabled(self.on_step())
        super().show_state()

    def isComplete(self) -> bool:
        """Buy is allowed once confirmed, and only until it was pressed."""
        return super().isComplete() and not self.owner.subscribing

    def go_next(self) -> None:
        """Buy: start subscribing (once; the next page shows each number's result)."""
        self.owner.start_subscribe()


class SubscribePage(StepPage):
    """One line per number: subscribing, subscribed, taken, failed or unknown outcome."""

    step = Step.SUBSCRIBING

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle(tr("Buying your numbers"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("&Continue"))
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Buying"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Result for each number"))
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.list.setIconSize(QSize(18, 18))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.owner.refresh_offers)
        self.retry_button = QPushButton(tr("&Try again"), self)
        self.retry_button.setToolTip(tr("Try the numbers that were not bought once more"))
        self.retry_button.clicked.connect(self.owner.start_subscribe)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    def show_state(self) -> None:
        """The results so far, and the 114 / retry buttons once the pass is over."""
        p = self.purchase
        running = p.step is Step.SUBSCRIBING
        self.setSubTitle(
            tr("Please wait: TraiTel is setting up each number.") if running
            else tr("Here is what happened to each number.")
        )
        self.busy.setVisible(running)
        self.list.clear()
        for result in p.results:
            item = QListWidgetItem(f"{format_number(result.did)} — {tr(result.message)}",
                                   self.list)
            icon = STATUS_ICONS.get(result.status)
            if icon is not None:
                item.setIcon(self.style().standardIcon(icon))
            item.setData(Qt.ItemDataRole.UserRole, result.did)
        self.refresh_button.setText(
            tr("Get &new offers in {0}").format(p.city or "") if p.city else tr("Get &new offers")
        )
        self.refresh_button.setVisible(p.can_refresh_offers)
        self.retry_button.setVisible(p.can_retry and not p.can_refresh_offers)
        notes = []
        if p.can_refresh_offers:
            notes.append(tr("Someone else was quicker for some numbers. Get new offers in the "
                            "same city to replace them; your other choices stay."))
        if p.cancelled:
            notes.append(tr("Cancelled: no further number is sent."))
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        super().show_state()

    def isComplete(self) -> bool:
        """Continue once every number has its result."""
        return self.purchase.step is Step.DONE and not self.purchase.cancelled

    def validatePage(self) -> bool:
        """Continue to the done page once every number has its result."""
        return self.isComplete()

    def status_texts(self) -> list[str]:
        """The lines shown (tests)."""
        return [self.list.item(r).text() for r in range(self.list.count())]


class DonePage(StepPage):
    """What was bought, how the balance changed, what each new number is used for now, and
    "Assign these numbers now"."""

    step = Step.DONE

    def __init__(self, wizard: QWizard) -> None:
        super().__init__(wizard)
        self.setTitle(tr("Done"))
        self.setFinalPage(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.balance_line = QLabel(self)
        self.balance_line.setObjectName("balanceChange")
        self.balance_line.setAccessibleName(tr("Your balance"))
        self.balance_line.setWordWrap(True)
        self.balance_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Numbers bought, and what each is used for now"))
        self.list.itemActivated.connect(lambda _item: self._assign())
        self.assign_button = QPushButton(tr("&Assign these numbers now…"), self)
        self.assign_button.setObjectName("primaryButton")
        self.assign_button.setToolTip(tr("Choose what the selected number is used for"))
        self.assign_button.clicked.connect(self._assign)
        hint = QLabel(
            tr("Beside each number: what it is used for now, as TraiTel reports it. A voice "
               "number takes no calls until you choose where they go. You can also do this "
               "later from the Numbers tab."),
            self,
        )
        hint.setObjectName("accountSub")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.assign_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.balance_line)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addLayout(row)

    def show_state(self) -> None:
        """The numbers bought (the first one selected) with what each is used for, and the
        balance before and after."""
        bought = self.purchase.subscribed_numbers
        count = len(bought)
        self.setSubTitle(tr("Thank you."))
        self.summary.setText(
            tr("No number was bought.") if not count
            else tr("You bought 1 number.") if count == 1
            else tr("You bought {0} numbers.").format(count)
        )
        template, amounts = self.purchase.balance_change
        self.balance_line.setText(tr(template).format(*amounts) if template else "")
        self.balance_line.setVisible(bool(template))
        shown = [self.list.item(r).data(Qt.ItemDataRole.UserRole)
                 for r in range(self.list.count())]
        if shown != list(bought):
            self.list.clear()
            for did in bought:
                item = QListWidgetItem(self.list)
                item.setData(Qt.ItemDataRole.UserRole, did)
            if count:
                self.list.setCurrentRow(0)
        for r in range(self.list.count()):
            item = self.list.item(r)
            did = item.data(Qt.ItemDataRole.UserRole)
            use = self.routing_text(did)
            item.setText(f"{format_number(did)} — {use}" if use else format_number(did))
        self.assign_button.setText(
            tr("&Assign this number now…") if count == 1 else tr("&Assign these numbers now…")
        )
        self.assign_button.setEnabled(bool(count))
        self.list.setVisible(bool(count))
        super().show_state()

    def routing_text(self, did: str) -> str:
        """What ``did`` is used for now, as ``querynumbers`` says ("" when not known): the
        words the Assign dialog shows for it."""
        routing = self.owner.routing
        words = routing.words(did)  # (the last words read stay while it is read again)
        if words is not None:
            return words
        return tr("checking what it is used for…") if routing.reading else ""

    def isComplete(self) -> bool:
        """Finish is always allowed here."""
        return True

    def validatePage(self) -> bool:
        """Finish."""
        return True

    def selected_number(self) -> str | None:
        """The bought number selected in the list (the first by default)."""
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def _assign(self) -> None:
        did = self.selected_number()
        if did is not None:
            self.owner.assign_requested.emit(did)
