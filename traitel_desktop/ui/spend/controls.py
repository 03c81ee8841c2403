"""The Spend tab's controls: period (with custom dates), bar size, sub-account, stacking,
and saving the chart. Each control has a mnemonic; the dates are capped at the account's
today; the period is remembered between starts (:meth:`SpendControls.remember_in`)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from traitel_desktop.core.spend import (
    BY_SERVICE,
    BY_SUB_ACCOUNT,
    Bucket,
    DateRange,
    Period,
    period_range,
)
from traitel_desktop.services.settings import AppSettings, SpendView

#: The bar size a period suggests when it is chosen.
SUGGESTED_BUCKET = {
    Period.LAST_30_DAYS: Bucket.DAY,
    Period.LAST_90_DAYS: Bucket.WEEK,
    Period.LAST_12_MONTHS: Bucket.MONTH,
    Period.YEAR_TO_DATE: Bucket.WEEK,
}
ALL_SUB_ACCOUNTS = -1


def qdate(day: dt.date) -> QDate:
    """A ``QDate`` of a ``date``."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    """A ``date`` of a ``QDate``."""
    return dt.date(day.year(), day.month(), day.day())


class SpendControls(QWidget):
    """Signals: ``range_changed()`` (period or dates: the data may need a sync),
    ``view_changed()`` (bars, sub-account, stacking: redraw from the archive),
    ``save_requested()``."""

    range_changed = Signal()
    view_changed = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendControls")
        self.today = dt.date.today()
        self.period_box = QComboBox(self)
        for period, text in (
            (Period.LAST_30_DAYS, self.tr("Last 30 days")),
            (Period.LAST_90_DAYS, self.tr("Last 90 days")),
            (Period.LAST_12_MONTHS, self.tr("Last 12 months")),
            (Period.YEAR_TO_DATE, self.tr("Year to date")),
            (Period.CUSTOM, self.tr("Custom dates")),
        ):
            self.period_box.addItem(text, period.value)
        self.period_box.setCurrentIndex(2)
        self.start_edit = self._date_edit(self.tr("First day"))
        self.end_edit = self._date_edit(self.tr("Last day"))
        self.dash = QLabel("–", self)
        self.bucket_box = QComboBox(self)
        for bucket, text in ((Bucket.DAY, self.tr("Daily")), (Bucket.WEEK, self.tr("Weekly")),
                             (Bucket.MONTH, self.tr("Monthly"))):
            self.bucket_box.addItem(text, bucket.value)
        self.bucket_box.setCurrentIndex(2)
        self.sub_box = QComboBox(self)
        self.sub_box.addItem(self.tr("All sub-accounts"), ALL_SUB_ACCOUNTS)
        self.sub_box.addItem(self.tr("Main account"), 0)
        self.sub_box.setMinimumContentsLength(14)
        self.stack_box = QComboBox(self)
        self.stack_box.addItem(self.tr("Service"), BY_SERVICE)
        self.stack_box.addItem(self.tr("Sub-account"), BY_SUB_ACCOUNT)
        self.save_button = QPushButton(self.tr("&Save chart…"), self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip(self.tr("Save the chart as a PNG or SVG picture (Ctrl+S)"))
        self.save_button.setEnabled(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for text, widget in ((self.tr("&Period"), self.period_box),):
            layout.addWidget(self._buddy(text, widget))
            layout.addWidget(widget)
        layout.addWidget(self.start_edit)
        layout.addWidget(self.dash)
        layout.addWidget(self.end_edit)
        layout.addSpacing(10)
        for text, widget in ((self.tr("&Bars"), self.bucket_box),
                             (self.tr("Sub-acco&unt"), self.sub_box),
                             (self.tr("S&tack by"), self.stack_box)):
            layout.addWidget(self._buddy(text, widget))
            layout.addWidget(widget)
            layout.addSpacing(6)
        layout.addStretch(1)
        # save_button sits under the chart (the tab places it): this row fits at 1024 px.

        self.set_today(self.today)
        self._show_dates()
        self.period_box.currentIndexChanged.connect(self._period_changed)
        self.start_edit.dateChanged.connect(lambda _d: self._dates_changed())
        self.end_edit.dateChanged.connect(lambda _d: self._dates_changed())
        for box in (self.bucket_box, self.sub_box, self.stack_box):
            box.currentIndexChanged.connect(lambda _i: self.view_changed.emit())
        self.save_button.clicked.connect(self.save_requested)

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", ""))
        return label

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setAccessibleName(name)
        return edit

    # --- state --------------------------------------------------------------------------
    def set_today(self, today: dt.date) -> None:
        """The account's today: the custom dates cannot go past it."""
        self.today = today
        for edit in (self.start_edit, self.end_edit):
            edit.blockSignals(True)
            edit.setMaximumDate(qdate(today))
            edit.blockSignals(False)
        if self.period() is not Period.CUSTOM:
            self._fill_dates()

    def period(self) -> Period:
        """The chosen period."""
        return Period(self.period_box.currentData())

    def bucket(self) -> Bucket:
        """The chosen bar size."""
        return Bucket(self.bucket_box.currentData())

    def group_by(self) -> str:
        """``BY_SERVICE`` or ``BY_SUB_ACCOUNT``."""
        return str(self.stack_box.currentData())

    def sub_id(self) -> int | None:
        """The chosen sub-account (0 the main account), None for all."""
        value = int(self.sub_box.currentData())
        return None if value == ALL_SUB_ACCOUNTS else value

    def date_range(self) -> DateRange:
        """The days the chart covers."""
        custom = DateRange(pydate(self.start_edit.date()), pydate(self.end_edit.date()))
        return period_range(self.period(), self.today, custom)

    def set_period(self, period: Period) -> None:
        """Choose a period (as the owner would)."""
        self.period_box.setCurrentIndex(self.period_box.findData(period.value))

    def show_saved(self, period: Period, custom: DateRange | None = None) -> None:
        """Choose ``period`` (a remembered one) without announcing it; a custom period
        shows the ``custom`` dates (capped at today), else its own dates."""
        self.period_box.blockSignals(True)
        self.period_box.setCurrentIndex(self.period_box.findData(period.value))
        self.period_box.blockSignals(False)
        if period is Period.CUSTOM and custom is not None:
            for edit, day in ((self.start_edit, custom.start), (self.end_edit, custom.end)):
                edit.blockSignals(True)
                edit.setDate(qdate(min(day, self.today)))
                edit.blockSignals(False)
        else:
            self._fill_dates()
        if period is not Period.CUSTOM:
            self.bucket_box.blockSignals(True)
            self.bucket_box.setCurrentIndex(
                self.bucket_box.findData(SUGGESTED_BUCKET[period].value))
            self.bucket_box.blockSignals(False)
        self._show_dates()

    def remember_in(self, settings: AppSettings | None) -> None:
        """Show the period saved in ``settings`` (the last session's) and save every new
        choice there (QSettings: kept between starts)."""
        if settings is None:
            return
        saved = settings.spend_view
        if saved is not None:
            custom = (DateRange(saved.start, saved.end)
                      if saved.start is not None and saved.end is not None else None)
            self.show_saved(Period(saved.period), custom)

        def save() -> None:
            period = self.period()
            shown = self.date_range()
            settings.spend_view = (SpendView(period.value, shown.start, shown.end)
                                   if period is Period.CUSTOM else SpendView(period.value))

        self.range_changed.connect(save)

    def set_sub_accounts(self, subs: list[tuple[int, str]]) -> None:
        """The sub-accounts to offer (ID, label), keeping the current choice if still there."""
        current = self.sub_box.currentData()
        self.sub_box.blockSignals(True)
        while self.sub_box.count() > 2:
            self.sub_box.removeItem(2)
        for sub_id, label in subs:
            if sub_id != 0:
                self.sub_box.addItem(label, sub_id)
        index = self.sub_box.findData(current)
        self.sub_box.setCurrentIndex(max(index, 0))
        self.sub_box.blockSignals(False)
        if index < 0:
            self.view_changed.emit()

    # --- reacting -----------------------------------------------------------------------
    def _fill_dates(self) -> None:
        shown = period_range(self.period(), self.today) if self.period() is not Period.CUSTOM \
            else self.date_range()
        for edit, day in ((self.start_edit, shown.start), (self.end_edit, shown.end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def _show_dates(self) -> None:
        custom = self.period() is Period.CUSTOM
        for widget in (self.start_edit, self.dash, self.end_edit):
            widget.setEnabled(custom)

    def _period_changed(self, _index: int) -> None:
        period = self.period()
        if period is not Period.CUSTOM:
            self._fill_dates()
            suggested = SUGGESTED_BUCKET[period]
            self.bucket_box.blockSignals(True)
            self.bucket_box.setCurrentIndex(self.bucket_box.findData(suggested.value))
            self.bucket_box.blockSignals(False)
        self._show_dates()
        self.range_changed.emit()

    def _dates_changed(self) -> None:
        if self.period() is Period.CUSTOM:
            self.range_changed.emit()
