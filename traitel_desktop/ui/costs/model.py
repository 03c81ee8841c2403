"""The Costs tab's comparison table: one row per destination quoted in this session, its
prices side by side and the estimate of the current plan.

Built on the record-table base of :mod:`traitel_desktop.ui.ivr.ivr_model`: texts and sort keys
are computed when a row is set (or the plan changes), so ``data()`` stays O(1); sorting uses
the raw ``Decimal`` prices (rows without a price last), never display strings.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from traitel_desktop.core.costs import (
    Plan,
    Quote,
    estimate,
    fax_page_rate,
    voice_minute_rate,
)
from traitel_desktop.ui.costs.texts import (
    amount,
    billing_words,
    country_name,
    exact,
    money,
    service_missing,
    sms_kinds,
    tr,
)
from traitel_desktop.ui.widgets.record_model import (
    Cells,
    RecordProxy,
    RecordTableModel,
    Role,
    text_key,
)

__all__ = ["CompareColumn", "ComparisonModel", "ComparisonProxy", "Role"]


class CompareColumn(IntEnum):
    """The comparison table's columns, in order."""

    COUNTRY = 0
    NUMBER = 1
    SMS_REPLIES = 2
    SMS_MASKING = 3
    SMS_TRACKING = 4
    SMS_MASKTRACK = 5
    VOICE_MINUTE = 6
    FAX_PAGE = 7
    ESTIMATE = 8


#: SMS type of each SMS column.
SMS_COLUMNS: dict[CompareColumn, str] = {
    CompareColumn.SMS_REPLIES: "replies",
    CompareColumn.SMS_MASKING: "masking",
    CompareColumn.SMS_TRACKING: "tracking",
    CompareColumn.SMS_MASKTRACK: "masktrack",
}


def price_key(value: Decimal | None) -> tuple[int, Decimal]:
    """Sort key of a price: rows without one after the others."""
    return (1, Decimal(0)) if value is None else (0, value)


class ComparisonModel(RecordTableModel):
    """Quotes side by side (columns: :class:`CompareColumn`; :attr:`Role.RECORD` gives the
    :class:`Quote`). The estimate column follows :meth:`set_plan`."""

    columns = CompareColumn
    right_aligned = frozenset(set(CompareColumn) - {CompareColumn.COUNTRY, CompareColumn.NUMBER})

    def __init__(self, parent: QObject | None = None) -> None:
        self.plan = Plan()
        super().__init__(parent)

    def titles(self) -> dict[int, str]:
        """Header titles (translated)."""
        return {
            CompareColumn.COUNTRY: tr("Country"),
            CompareColumn.NUMBER: tr("Number"),
            CompareColumn.SMS_REPLIES: tr("SMS can reply"),
            CompareColumn.SMS_MASKING: tr("SMS your name"),
            CompareColumn.SMS_TRACKING: tr("SMS receipt"),
            CompareColumn.SMS_MASKTRACK: tr("SMS name + receipt"),
            CompareColumn.VOICE_MINUTE: tr("Call /min"),
            CompareColumn.FAX_PAGE: tr("Fax /page"),
            CompareColumn.ESTIMATE: tr("Estimate"),
        }

    def header_tips(self) -> dict[int, str]:
        """What each column holds (header tooltips)."""
        kinds = sms_kinds()
        tips: dict[int, str] = {
            CompareColumn.VOICE_MINUTE: tr(
                "One minute of a call, at the way TraiTel bills calls there (plus a connection "
                "fee per call where there is one)"
            ),
            CompareColumn.FAX_PAGE: tr(
                "One fax page, at the way TraiTel bills faxes there (plus a connection fee per "
                "fax where there is one)"
            ),
            CompareColumn.ESTIMATE: tr(
                "What the plan above (messages, minutes and pages) would cost to this "
                "destination"
            ),
        }
        for column, kind in SMS_COLUMNS.items():
            tips[column] = tr("One text message: {what}").format(what=kinds[kind][1])
        return tips

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles, with a tooltip saying what each holds."""
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.header_tips().get(section)
        return super().headerData(section, orientation, role)

    def cells_for(self, record: Any) -> Cells:
        """Texts, keys and tooltips of one :class:`Quote` under the current plan."""
        quote: Quote = record
        tip = Qt.ItemDataRole.ToolTipRole
        extra: dict[tuple[int, int], Any] = {}
        country = country_name(quote.destination.region)
        sms = [quote.sms.get(kind) for kind in SMS_COLUMNS.values()]
        for column, price in zip(SMS_COLUMNS, sms, strict=True):
            if price is None:
                extra[tip, column] = service_missing("sms")
        voice = voice_minute_rate(quote.voice) if quote.voice is not None else None
        if quote.voice is None:
            extra[tip, CompareColumn.VOICE_MINUTE] = service_missing("voice")
        else:
            extra[tip, CompareColumn.VOICE_MINUTE] = tr(
                "Billed {how}; connection fee {flag} per call"
            ).format(how=billing_words(quote.voice.billing_type),
                     flag=money(quote.voice.flag_fall))
        fax = fax_page_rate(quote.fax) if quote.fax is not None else None
        if quote.fax is None:
            extra[tip, CompareColumn.FAX_PAGE] = service_missing("fax")
        else:
            extra[tip, CompareColumn.FAX_PAGE] = tr(
                "Billed {how}; connection fee {flag} per fax"
            ).format(how=billing_words(quote.fax.billing_type), flag=money(quote.fax.flag_fall))
        total = estimate(quote, self.plan).total
        plan = self.plan
        extra[tip, CompareColumn.ESTIMATE] = tr(
            "{messages} messages ({kind}) + {minutes} minutes of calls + {pages} fax pages"
        ).format(messages=plan.messages, kind=sms_kinds().get(plan.sms_type, ("", ""))[0],
                 minutes=plan.minutes, pages=plan.pages) + (
            "\n" + exact(total) if total is not None else "")
        prices = [*sms, voice, fax, total]
        number = quote.destination.international
        return Cells(
            quote,
            (country, number, *(money(p) for p in prices[:-1]), amount(total)),
            (text_key(country), quote.destination.digits, *(price_key(p) for p in prices)),
            (country, number + " " + quote.destination.digits, *("" for _ in prices)),
            extra,
        )

    # --- rows ---------------------------------------------------------------------------
    def row_of_number(self, digits: str) -> int:
        """The row of the destination ``digits`` (E.164 without ``+``), or -1."""
        for row, quote in enumerate(self.rows()):
            if quote.destination.digits == digits:
                return row
        return -1

    def upsert(self, quote: Quote) -> int:
        """Add ``quote`` as a new row, or replace the row of the same destination; returns
        its row."""
        row = self.row_of_number(quote.destination.digits)
        if row >= 0:
            self._cells[row] = self.cells_for(quote)
            self.dataChanged.emit(
                self.index(row, 0), self.index(row, len(self.columns) - 1)
            )
            return row
        row = len(self._cells)
        self.beginInsertRows(QModelIndex(), row, row)
        self._cells.append(self.cells_for(quote))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        """Take the destination at ``row`` out of the comparison."""
        if 0 <= row < len(self._cells):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._cells[row]
            self.endRemoveRows()

    def set_plan(self, plan: Plan) -> None:
        """Estimate ``plan`` in every row (the estimate column changes)."""
        if plan == self.plan:
            return
        self.plan = plan
        if not self._cells:
            return
        self._cells = [self.cells_for(cells.record) for cells in self._cells]
        column = CompareColumn.ESTIMATE
        self.dataChanged.emit(self.index(0, column), self.index(len(self._cells) - 1, column))


    def rewrite(self) -> None:
        """Write every row's amounts again (the currency changed)."""
        if self._cells:
            self._cells = [self.cells_for(cells.record) for cells in self._cells]
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._cells) - 1, len(self.columns) - 1))


class ComparisonProxy(RecordProxy):
    """Sorts the comparison on raw prices; :meth:`quote` gives a row's :class:`Quote`."""

    def quote(self, index: QModelIndex) -> Quote | None:
        """The quote at a proxy index (None for an invalid index)."""
        record = self.record(index)
        return record if isinstance(record, Quote) else None

