"""The Spend tab's side panel: totals of the range, and the insights (runway, unusual days,
unused numbers). Plain Qt widgets, no matplotlib; every amount is an exact ``Decimal``."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.insights import UNUSED_DAYS, Anomaly, Runway, UnusedNumber
from traitel_desktop.core.money import exact_money, format_amount

MUTED = "color: palette(placeholder-text);"
MAX_LISTED = 4


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One line of the totals: colour swatch, name, exact amount."""

    color: str
    name: str
    amount: Decimal


def _label(text: str, parent: QWidget, name: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text, parent)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _share(amount: Decimal, total: Decimal) -> str:
    if total <= 0:
        return ""
    return f"{(amount * 100 / total).quantize(Decimal('1'))} %"


class TotalsBox(QGroupBox):
    """Totals of the range per service or sub-account, and overall (to the cent; the exact
    amount on hover)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Totals"), parent)
        self.setObjectName("spendTotals")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        #: (name, amount text) per line, the overall total last — what the box shows.
        self.lines: list[tuple[str, str]] = []

    def show_totals(self, rows: Sequence[TotalRow], total: Decimal, caption: str,
                    total_name: str) -> None:
        """Replace the lines with ``rows`` and the overall ``total`` (``caption`` says what
        range and who, shown as the box's tooltip)."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.setToolTip(caption)
        texts = [format_amount(a) for a in (*(r.amount for r in rows), total)]
        self.lines = []
        for row_index, row in enumerate(rows):
            swatch = QFrame(self)
            swatch.setFixedSize(12, 12)
            swatch.setStyleSheet(f"background: {row.color}; border-radius: 2px;")
            self.grid.addWidget(swatch, row_index, 0)
            self.grid.addWidget(_label(row.name, self), row_index, 1)
            amount = _label(texts[row_index], self)
            amount.setToolTip(exact_money(row.amount))
            amount.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(amount, row_index, 2)
            share = _label(_share(row.amount, total), self)
            share.setStyleSheet(MUTED)
            share.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.grid.addWidget(share, row_index, 3)
            self.lines.append((row.name, texts[row_index]))
        last = len(rows)
        name = _label(total_name, self)
        name.setStyleSheet("font-weight: 600;")
        amount = _label(texts[-1], self, "spendTotal")
        amount.setToolTip(exact_money(total))
        amount.setStyleSheet("font-weight: 600;")
        amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.grid.addWidget(name, last, 1)
        self.grid.addWidget(amount, last, 2)
        self.lines.append((total_name, texts[-1]))


class InsightsBox(QWidget):
    """Runway, unusual days and unused numbers.

    Signal ``unused_days_changed(days)`` when the owner changes the "last N days" of the
    unused numbers.
    """

    unused_days_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendInsights")
        runway_box = QGroupBox(self.tr("How long your balance lasts"), self)
        self.runway_headline = _label(self.tr("Reading your balance…"), runway_box,
                                      "runwayHeadline", wrap=True)
        self.runway_headline.setStyleSheet("font-weight: 600;")
        self.runway_details = _label("", runway_box, "runwayDetails", wrap=True)
        self.runway_details.setStyleSheet(MUTED)
        box_layout = QVBoxLayout(runway_box)
        box_layout.addWidget(self.runway_headline)
        box_layout.addWidget(self.runway_details)

        anomaly_box = QGroupBox(self.tr("Unusual days"), self)
        self.anomaly_caption = _label(
            self.tr("Over 3× the median day of the 28 before"),
            anomaly_box, wrap=True)
        self.anomaly_caption.setStyleSheet(MUTED)
        self.anomaly_list = _label("", anomaly_box, "anomalyList", wrap=True)
        box_layout = QVBoxLayout(anomaly_box)
        box_layout.addWidget(self.anomaly_caption)
        box_layout.addWidget(self.anomaly_list)

        unused_box = QGroupBox(self.tr("Numbers nobody used"), self)
        self.unused_days = QSpinBox(unused_box)
        self.unused_days.setRange(7, 365)
        self.unused_days.setValue(UNUSED_DAYS)
        self.unused_days.setSuffix(self.tr(" days"))
        self.unused_days.setAccessibleName(self.tr("Days without inbound traffic"))
        self.unused_days.setKeyboardTracking(False)
        days_label = QLabel(self.tr("No fax, call or text received in the last"), unused_box)
        days_label.setWordWrap(True)
        days_label.setBuddy(self.unused_days)
        row = QHBoxLayout()
        row.addWidget(days_label, 1)
        row.addWidget(self.unused_days)
        self.unused_list = _label("", unused_box, "unusedList", wrap=True)
        box_layout = QVBoxLayout(unused_box)
        box_layout.addLayout(row)
        box_layout.addWidget(self.unused_list)
        self.unused_days.valueChanged.connect(self.unused_days_changed)
        #: What the lists show now (for tests and screenshots).
        self.anomalies: list[Anomaly] = []
        self.unused: list[UnusedNumber] | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for box in (runway_box, anomaly_box, unused_box):
            layout.addWidget(box)
        layout.addStretch(1)

    def show_runway(self, runway: Runway | None, error: str = "") -> None:
        """The runway, or why it is not known (balance not read)."""
        if runway is None:
            self.runway_headline.setText(error or self.tr("The balance is not known yet."))
            self.runway_details.clear()
            return
        self.runway_headline.setText(self.tr(runway.headline))
        self.runway_details.setText(self.tr(runway.details))

    def show_counting(self, days: int) -> None:
        """The runway cannot be worked out yet: the last ``days`` days are still arriving."""
        self.runway_headline.setText(self.tr("Still counting your spending…"))
        self.runway_details.setText(self.tr(
            "Your last {0} days of activity are still arriving from TraiTel. How long your "
            "balance lasts is shown as soon as they are all here.").format(days))

    def show_anomalies(self, found: Sequence[Anomaly], note: str = "") -> None:
        """List the unusual days, newest first (date, amount, ratio and median)."""
        self.anomalies = list(found)
        if not found:
            self.anomaly_list.setText(note or self.tr("None in this period."))
            return
        newest = sorted(found, key=lambda a: a.day, reverse=True)
        rows = [
            (a.day.strftime("%d %b %Y"), format_amount(a.amount),
             self.tr("{0}× the median {1}").format(a.ratio, format_amount(a.median)))
            for a in newest[:MAX_LISTED]
        ]
        more = (self.tr("… and {0} more").format(len(newest) - MAX_LISTED)
                if len(newest) > MAX_LISTED else "")
        self.anomaly_list.setText(_table(rows, more))
        self.anomaly_list.setToolTip("\n".join(
            f"{a.day.strftime('%a')} {a.text}" for a in newest))

    def show_unused(self, unused: Sequence[tuple[UnusedNumber, str]] | None,
                    note: str = "") -> None:
        """List the unused numbers (each with its formatted text), or a note."""
        self.unused = None if unused is None else [n for n, _text in unused]
        if unused is None:
            self.unused_list.setText(note or self.tr("Reading your numbers…"))
            return
        if not unused:
            self.unused_list.setText(note or self.tr("Every number received something."))
            return
        services = {"fax": self.tr("fax"), "voice": self.tr("voice"), "sms": self.tr("SMS")}
        rows = [(text, services.get(n.service, n.service), "") for n, text in unused]
        more = (self.tr("… and {0} more").format(len(rows) - MAX_LISTED)
                if len(rows) > MAX_LISTED else "")
        self.unused_list.setText(_table(rows[:MAX_LISTED], more))
        self.unused_list.setToolTip("\n".join(f"{a} ({b})" for a, b, _ in rows))


def _table(rows: Sequence[tuple[str, str, str]], more: str) -> str:
    """Rows as a small rich-text table (second column right-aligned)."""
    cells = "".join(
        f"<tr><td style='white-space: nowrap'>{html.escape(a)}</td>"
        f"<td align='right'>&nbsp;&nbsp;{html.escape(b)}</td>"
        f"<td style='color: gray'>&nbsp;&nbsp;{html.escape(c)}</td></tr>"
        for a, b, c in rows
    )
    tail = f"<tr><td colspan='3' style='color: gray'>{html.escape(more)}</td></tr>" if more \
        else ""
    return f"<table cellspacing='0' cellpadding='1'>{cells}{tail}</table>"
