"""The Costs tab's panels: one quote in three cards (text messages, calls, faxes) with the
estimate of the plan and its formula; the plan bar (N messages, N minutes, N pages); and the
empty state with examples."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.core.costs import SECONDS_PER_MINUTE, Plan, Quote, estimate, voice_minute_rate
from traitel_desktop.ui.costs.texts import (
    EXAMPLES,
    amount,
    billing_tip,
    billing_words,
    count_text,
    country_name,
    destination_title,
    exact,
    fax_formula,
    money,
    rate_note,
    second_tip,
    service_missing,
    sms_formula,
    sms_kinds,
    tr,
    voice_formula,
)
from traitel_desktop.ui.widgets.zone_time import time_with_zone

STYLE = """
QFrame#costCard { background: #ffffff; border: 1px solid #e2e8f0; border-radius: 8px; }
QLabel#cardTitle { font-weight: 600; font-size: 11pt; color: #0f172a; }
QLabel#priceName { color: #0f172a; }
QLabel#priceNote { color: #64748b; font-size: 8.5pt; }
QLabel#priceValue { color: #0f172a; font-weight: 600; }
QLabel#estimateValue { color: #1d4ed8; font-weight: 600; font-size: 11pt; }
QLabel#formula { color: #475569; font-size: 8.5pt; }
QLabel#missing { color: #92400e; }
QLabel#quoteTitle { font-size: 13pt; font-weight: 600; color: #0f172a; }
QLabel#quoteTotal { font-size: 13pt; font-weight: 600; color: #1d4ed8; }
QPushButton#exampleButton { text-align: left; padding: 6px 12px; border: 1px solid #bfdbfe;
    border-radius: 6px; background: #eff6ff; color: #1d4ed8; }
QPushButton#exampleButton:hover, QPushButton#exampleButton:focus { background: #dbeafe; }
"""

MAX_COUNT = 1_000_000


def _label(text: str, name: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName(name)
    return label


class ServiceCard(QFrame):
    """One service's prices (name/value rows), why it is missing, and its estimate."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costCard")
        # Ignored: the cards share the width by their stretch factors, not their texts.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(220)
        self.setAccessibleName(title)
        self.title = _label(title, "cardTitle", self)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(12)
        self.rows.setVerticalSpacing(2)
        self.rows.setColumnStretch(0, 1)
        self.missing = _label("", "missing", self)
        self.missing.setWordWrap(True)
        self.missing.hide()
        self.estimate_caption = _label("", "priceName", self)
        self.estimate_value = _label("", "estimateValue", self)
        self.estimate_value.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.formula = _label("", "formula", self)
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #e2e8f0;")
        total = QHBoxLayout()
        total.addWidget(self.estimate_caption, 1)
        total.addWidget(self.estimate_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(self.rows)
        layout.addWidget(self.missing)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addLayout(total)
        layout.addWidget(self.formula)
        self._values: dict[str, QLabel] = {}

    def clear_rows(self) -> None:
        """Remove every price row."""
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._values.clear()

    def add_row(self, key: str, name: str, value: str, note: str = "", tip: str = "") -> None:
        """A ``name … value`` row, with an optional grey note under the name and a
        tooltip."""
        row = self.rows.rowCount()
        name_label = _label(name, "priceName", self)
        value_label = _label(value, "priceValue", self)
        value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value_label.setAccessibleName(name)
        value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (name_label, value_label):
            label.setToolTip(tip)
        self.rows.addWidget(name_label, row, 0)
        if len(value) > 12:
            # Words (a billing type) go on their own line under the name, across the card:
            # beside it they wrapped into more height than a narrow card's grid gave them.
            value_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            row += 1
            self.rows.addWidget(value_label, row, 0, 1, 2)
        else:
            self.rows.addWidget(value_label, row, 1)
        if note:
            note_label = _label(note, "priceNote", self)
            note_label.setWordWrap(True)
            self.rows.addWidget(note_label, row + 1, 0, 1, 2)
        self._values[key] = value_label

    def value(self, key: str) -> str:
        """The text shown for the row ``key`` ("" when there is no such row)."""
        label = self._values.get(key)
        return label.text() if label is not None else ""

    def set_missing(self, text: str) -> None:
        """Say that the service has no price here ("" hides the note)."""
        self.missing.setText(text)
        self.missing.setVisible(bool(text))

    def set_estimate(self, caption: str, value: str, formula: str) -> None:
        """The estimate line and how it was worked out."""
        self.estimate_caption.setText(caption)
        self.estimate_value.setText(value)
        self.estimate_value.setAccessibleName(caption)
        self.formula.setText(formula)
        self.formula.setVisible(bool(formula))


class QuoteView(QWidget):
    """One quote: its destination, the three service cards and the plan's total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteView")
        self.setAccessibleName(tr("Prices"))
        self.quote: Quote | None = None
        self.plan = Plan()
        self.title = _label("", "quoteTitle", self)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = _label("", "accountSub", self)
        self.subtitle.setWordWrap(True)  # the time and its zone make it long: two lines
        self.total = _label("", "quoteTotal", self)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setAccessibleName(tr("Plan total"))
        self.sms_card = ServiceCard(tr("Text messages (SMS)"), self)
        self.voice_card = ServiceCard(tr("Calls"), self)
        self.fax_card = ServiceCard(tr("Faxes"), self)
        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.title)
        head.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.total)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        cards.addWidget(self.sms_card, 4)
        cards.addWidget(self.voice_card, 3)
        cards.addWidget(self.fax_card, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addLayout(cards, 1)

    def show_quote(self, quote: Quote, plan: Plan, zone: str | None = None) -> None:
        """Show ``quote`` with the estimate of ``plan``; its time on the clock of ``zone``
        (the account's time zone)."""
        self.quote = quote
        self.plan = plan
        self.title.setText(destination_title(quote.destination))
        self.subtitle.setText(
            tr("prices at {time}, before tax, in your account's currency").format(
                time=time_with_zone(quote.quoted_at, zone)
            )
        )
        self._fill_sms(quote)
        self._fill_voice(quote)
        self._fill_fax(quote)
        self.set_plan(plan)

    def _fill_sms(self, quote: Quote) -> None:
        card = self.sms_card
        card.clear_rows()
        kinds = sms_kinds()
        for kind in SMS_COST_TYPES:
            if kind in quote.sms:
                name, note = kinds[kind]
                card.add_row(kind, name, money(quote.sms[kind]), note)
        card.set_missing(service_missing("sms") if "sms" in quote.unavailable else "")

    def _fill_voice(self, quote: Quote) -> None:
        card, cost = self.voice_card, quote.voice
        card.clear_rows()
        card.set_missing(service_missing("voice") if cost is None else "")
        if cost is None:
            return
        card.add_row("flag_fall", tr("Connection fee"), money(cost.flag_fall),
                     tip=tr("Charged once for each call, whatever its length (TraiTel's "
                            "“flag fall”)"))
        card.add_row("per_minute", tr("Per minute"), money(voice_minute_rate(cost)),
                     tip=second_tip(cost.per_second) if cost.billing_type != "PerMinute" else "")
        card.add_row("billing", tr("Billed"), billing_words(cost.billing_type))
        card.add_row("cost", tr("1-minute call"), money(cost.cost),
                     tip=tr("TraiTel's own price for a one-minute call, connection fee "
                            "included"))

    def _fill_fax(self, quote: Quote) -> None:
        card, cost = self.fax_card, quote.fax
        card.clear_rows()
        card.set_missing(service_missing("fax") if cost is None else "")
        if cost is None:
            return
        card.add_row("flag_fall", tr("Connection fee"), money(cost.flag_fall),
                     tip=tr("Charged once for each fax, whatever its length (TraiTel's "
                            "“flag fall”)"))
        card.add_row("per_page", tr("Per page"), money(cost.per_page))
        if cost.billing_type == "PerMinute" or (cost.per_minute and not cost.per_second):
            card.add_row("per_minute", tr("Per minute"), money(cost.per_minute),
                         rate_note("PerMinute"))
        elif cost.billing_type in ("PerSecond", "Mixed") or cost.per_second:
            card.add_row("per_minute", tr("Line time per minute"),
                         money(cost.per_second * SECONDS_PER_MINUTE), rate_note("PerSecond"),
                         tip=second_tip(cost.per_second))
        card.add_row("billing", tr("Billed"), billing_words(cost.billing_type),
                     tip=billing_tip(cost.billing_type))
        card.add_row("cost", tr("1-page fax"), money(cost.cost),
                     tip=tr("TraiTel's own price for a one-page fax taking a minute, "
                            "connection fee included"))

    def set_plan(self, plan: Plan) -> None:
        """Estimate ``plan`` for the quote shown."""
        self.plan = plan
        quote = self.quote
        if quote is None:
            return
        result = estimate(quote, plan)
        price = quote.sms.get(plan.sms_type)
        self.sms_card.set_estimate(
            count_text(plan.messages, tr("1 message"), tr("{n} messages")),
            amount(result.sms),
            sms_formula(price, plan.messages, plan.sms_type) if price is not None else "",
        )
        self.voice_card.set_estimate(
            count_text(plan.minutes, tr("1 minute of calls"), tr("{n} minutes of calls")),
            amount(result.voice),
            voice_formula(quote.voice, plan.minutes) if quote.voice is not None else "",
        )
        self.fax_card.set_estimate(
            count_text(plan.pages, tr("1 fax page"), tr("{n} fax pages")),
            amount(result.fax),
            fax_formula(quote.fax, plan.pages) if quote.fax is not None else "",
        )
        for card, value in ((self.sms_card, result.sms), (self.voice_card, result.voice),
                            (self.fax_card, result.fax)):
            card.estimate_value.setToolTip(exact(value))
        self.total.setText(tr("Plan total: {total}").format(total=amount(result.total)))
        self.total.setToolTip(
            tr("The three estimates added up: messages + calls + faxes, before tax")
            + ("\n" + exact(result.total) if result.total is not None else "")
        )


class PlanBar(QWidget):
    """What to estimate: N messages of a kind, N minutes of calls, N fax pages (whole
    numbers in spin boxes; money never goes through a float). Emits ``changed(Plan)``."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        default = Plan()

        def spin(value: int, accessible: str) -> QSpinBox:
            box = QSpinBox(self)
            box.setRange(0, MAX_COUNT)
            box.setValue(value)
            box.setGroupSeparatorShown(True)
            box.setAccessibleName(accessible)
            box.setMinimumWidth(90)
            box.valueChanged.connect(self._emit)
            return box

        self.messages = spin(default.messages, tr("Number of text messages"))
        self.sms_type = QComboBox(self)
        self.sms_type.setAccessibleName(tr("Kind of text message"))
        for kind, (name, note) in sms_kinds().items():
            self.sms_type.addItem(name, kind)
            self.sms_type.setItemData(
                self.sms_type.count() - 1, note, Qt.ItemDataRole.ToolTipRole
            )
        self.sms_type.setCurrentIndex(self.sms_type.findData(default.sms_type))
        self.sms_type.currentIndexChanged.connect(self._emit)
        self.minutes = spin(default.minutes, tr("Minutes of calls"))
        self.pages = spin(default.pages, tr("Fax pages"))

        caption = QLabel(tr("<b>Estimate for</b>"), self)
        messages_label = QLabel(tr("&messages as"), self)
        messages_label.setBuddy(self.messages)
        minutes_label = QLabel(tr("m&inutes of calls"), self)
        minutes_label.setBuddy(self.minutes)
        pages_label = QLabel(tr("fax &pages"), self)
        pages_label.setBuddy(self.pages)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(caption)
        layout.addSpacing(4)
        for widget in (self.messages, messages_label, self.sms_type, QLabel("·", self),
                       self.minutes, minutes_label, QLabel("·", self), self.pages, pages_label):
            layout.addWidget(widget)
        layout.addStretch(1)

    def plan(self) -> Plan:
        """The plan as set now."""
        kind = self.sms_type.currentData()
        return Plan(
            messages=self.messages.value(),
            sms_type=kind if isinstance(kind, str) else "replies",
            minutes=self.minutes.value(),
            pages=self.pages.value(),
        )

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.plan())


class EmptyState(QWidget):
    """What to type, with clickable examples (``example_chosen(text)``)."""

    example_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("costsEmpty")
        title = _label(tr("What will it cost?"), "placeholderTitle", self)
        text = _label(
            tr(
                "Type a phone, fax or mobile number with its country code above and press "
                "Enter. You will see what a text message of each kind, a call and a fax to it "
                "cost, and an estimate for the amounts you choose. Nothing is sent or charged."
            ),
            "placeholderText",
            self,
        )
        text.setWordWrap(True)
        forms = _label(
            tr("Any common way of writing it works: +61 2 9999 1234, 0061 2 9999 1234, "
               "61-2-9999-1234."),
            "accountSub",
            self,
        )
        forms.setWordWrap(True)
        examples_caption = _label(tr("Try an example:"), "priceName", self)
        self.example_buttons: list[QPushButton] = []
        examples = QHBoxLayout()
        examples.setSpacing(8)
        for typed, region in EXAMPLES:
            button = QPushButton(f"{typed}  ·  {country_name(region)}", self)
            button.setObjectName("exampleButton")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAccessibleName(
                tr("Example: {number}, {country}").format(number=typed,
                                                          country=country_name(region))
            )
            button.clicked.connect(self._chooser(typed))
            examples.addWidget(button)
            self.example_buttons.append(button)
        examples.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addWidget(forms)
        layout.addSpacing(6)
        layout.addWidget(examples_caption)
        layout.addLayout(examples)
        layout.addStretch(2)

    def _chooser(self, typed: str) -> Callable[[], None]:
        return lambda: self.example_chosen.emit(typed)
