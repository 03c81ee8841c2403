"""The Alerts page of Settings (issue 15): how often the account is checked, each alert's
switch and levels, the business hours of the after-hours tripwire and the quiet hours. Shows
an :class:`AlertSettings` and reads one back, with a plain error on each wrong field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from PySide6.QtCore import QRegularExpression, QTime
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.alert_settings import (
    MAX_POLL_MINUTES,
    MAX_RUNWAY_DAYS,
    MIN_POLL_MINUTES,
    MIN_RUNWAY_DAYS,
    AlertSettings,
    valid_spend_factor,
)
from traitel_desktop.core.money import format_amount
from traitel_desktop.ui.widgets.field_errors import FieldErrors

MONEY_PATTERN = r"^\d{1,9}([.]\d{0,4})?$"
FACTOR_PATTERN = r"^\d{1,3}([.]\d{0,2})?$"
#: The switches of the page: AlertSettings field -> its check box's words.
SWITCHES = {
    "low_balance": "Low &balance",
    "runway": "Balance runs &out within",
    "unusual_spend": "Unusual &spend: times a usual day",
    "new_fax": "New &fax received",
    "new_text": "New te&xt message",
    "missed_call": "Missed c&all",
    "failed_fax": "A sent fax fai&led",
    "new_country": "First call to a &new country",
    "after_hours": "Calls outside business &hours",
    "sub_account_spike": "A sub-account spends more in an hour than in a usual &day",
    "quiet_hours": "&Quiet hours: only critical alerts pop up",
}


def _to_qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _from_qtime(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class AlertsPage(QWidget):
    """The alert settings, in two columns of groups (it fits a 1024x700 screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPage")
        self.switch: dict[str, QCheckBox] = {}
        self.field_errors = FieldErrors()

        checking = QGroupBox(self.tr("Checking"), self)
        self.poll = QSpinBox(checking)
        self.poll.setRange(MIN_POLL_MINUTES, MAX_POLL_MINUTES)
        self.poll.setSuffix(self.tr(" min"))
        self.poll.setAccessibleName(self.tr("Check the account every, in minutes"))
        form = QFormLayout(checking)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Check the account &every"), self.poll)

        money = QGroupBox(self.tr("Money"), self)
        self.warning_level = self._money_field(money, self.tr("Warning level"))
        self.critical_level = self._money_field(money, self.tr("Critical level"))
        self.runway_days = QSpinBox(money)
        self.runway_days.setRange(MIN_RUNWAY_DAYS, MAX_RUNWAY_DAYS)
        self.runway_days.setSuffix(self.tr(" days"))
        self.runway_days.setAccessibleName(self.tr("Days of balance left"))
        self.spend_factor = QLineEdit(money)
        self.spend_factor.setValidator(
            QRegularExpressionValidator(QRegularExpression(FACTOR_PATTERN), self.spend_factor))
        self.spend_factor.setAccessibleName(self.tr("Times a usual day's spend"))
        self.spend_factor.setToolTip(self.tr(
            "Warn when today's spend is more than this many times the usual day (the middle "
            "day of the last 28)."))
        form = QFormLayout(money)
        form.addRow(self._switch(money, "low_balance"))
        form.addRow(self.tr("&Warning below"), self.warning_level)
        form.addRow(self.tr("&Critical below"), self.critical_level)
        form.addRow(self._switch(money, "runway"), self.runway_days)
        form.addRow(self._switch(money, "unusual_spend"), self.spend_factor)

        quiet = QGroupBox(self.tr("Quiet hours"), self)
        self.quiet_start = self._time_field(quiet, self.tr("Quiet hours start"))
        self.quiet_end = self._time_field(quiet, self.tr("Quiet hours end"))
        form = QFormLayout(quiet)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self._switch(quiet, "quiet_hours"))
        form.addRow(self.tr("Fro&m"), self.quiet_start)
        form.addRow(self.tr("&To"), self.quiet_end)

        activity = QGroupBox(self.tr("New activity"), self)
        form = QFormLayout(activity)
        for name in ("new_fax", "new_text", "missed_call", "failed_fax"):
            form.addRow(self._switch(activity, name))

        fraud = QGroupBox(self.tr("Fraud tripwires (they warn, they cannot block)"), self)
        self.business_start = self._time_field(fraud, self.tr("Business hours start"))
        self.business_end = self._time_field(fraud, self.tr("Business hours end"))
        form = QFormLayout(fraud)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self._switch(fraud, "new_country"))
        form.addRow(self._switch(fraud, "after_hours"))
        form.addRow(self.tr("Open f&rom"), self.business_start)
        form.addRow(self.tr("Open &until"), self.business_end)
        spike = self._switch(fraud, "sub_account_spike")
        form.addRow(spike)

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 8, 0, 0)
        columns.setSpacing(12)
        for groups in ((checking, money, quiet), (activity, fraud)):
            column = QVBoxLayout()
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            columns.addLayout(column, 1)

        for name, widget in (("warning_level", self.warning_level),
                             ("critical_level", self.critical_level),
                             ("spend_factor", self.spend_factor),
                             ("business_end", self.business_end),
                             ("quiet_end", self.quiet_end)):
            self.field_errors.bind(name, widget)
        self.show_settings(AlertSettings())

    # --- building -----------------------------------------------------------------------
    def _switch(self, parent: QWidget, name: str) -> QCheckBox:
        box = QCheckBox(self.tr(SWITCHES[name]), parent)
        box.setObjectName(name)
        self.switch[name] = box
        return box

    @staticmethod
    def _money_field(parent: QWidget, name: str) -> QLineEdit:
        field = QLineEdit(parent)
        field.setValidator(QRegularExpressionValidator(QRegularExpression(MONEY_PATTERN), field))
        field.setAccessibleName(name)
        return field

    @staticmethod
    def _time_field(parent: QWidget, name: str) -> QTimeEdit:
        field = QTimeEdit(parent)
        field.setDisplayFormat("HH:mm")
        field.setAccessibleName(name)
        return field

    # --- values -------------------------------------------------------------------------
    def show_settings(self, settings: AlertSettings) -> None:
        """Show ``settings`` in the fields."""
        for name, box in self.switch.items():
            box.setChecked(bool(getattr(settings, name)))
        self.poll.setValue(settings.poll_minutes)
        self.warning_level.setText(str(settings.warning_level))
        self.critical_level.setText(str(settings.critical_level))
        self.runway_days.setValue(settings.runway_days)
        self.spend_factor.setText(str(settings.spend_factor))
        self.business_start.setTime(_to_qtime(settings.business_start))
        self.business_end.setTime(_to_qtime(settings.business_end))
        self.quiet_start.setTime(_to_qtime(settings.quiet_start))
        self.quiet_end.setTime(_to_qtime(settings.quiet_end))

    @staticmethod
    def _decimal(field: QLineEdit) -> Decimal | None:
        try:
            value = Decimal(field.text().strip())
        except InvalidOperation:
            return None
        return value if value.is_finite() and not value.is_signed() else None

    def read(self) -> AlertSettings | None:
        """The settings the fields say; None, with a plain error on every wrong field (what
        was typed stays), when one is wrong."""
        self.field_errors.clear()
        tr = self.tr
        warning = self._decimal(self.warning_level)
        critical = self._decimal(self.critical_level)
        factor = self._decimal(self.spend_factor)
        if warning is None:
            self.field_errors.show_text("warning_level", tr("Enter an amount such as 10 or 12.50."))
        if critical is None:
            self.field_errors.show_text("critical_level", tr("Enter an amount such as 2 or 0.50."))
        elif warning is not None and critical > warning:
            self.field_errors.show_text("critical_level", tr(
                "The critical level must be at or below the warning level ({0}): lower it, "
                "or raise the warning level.").format(format_amount(warning)))
        if factor is None or not valid_spend_factor(factor):
            self.field_errors.show_text("spend_factor", tr(
                "Enter a number above 1 and at most 100, such as 3: today's spend is compared "
                "with that many usual days."))
        same = tr("The start and the end are the same time, so these hours would be empty: "
                  "choose another end.")
        if self.business_start.time() == self.business_end.time():
            self.field_errors.show_text("business_end", same)
        if self.quiet_start.time() == self.quiet_end.time():
            self.field_errors.show_text("quiet_end", same)
        if self.field_errors.marked() or warning is None or critical is None or factor is None:
            return None
        switches = {name: box.isChecked() for name, box in self.switch.items()}
        return AlertSettings(
            poll_minutes=self.poll.value(), warning_level=warning, critical_level=critical,
            runway_days=self.runway_days.value(), spend_factor=factor,
            business_start=_from_qtime(self.business_start.time()),
            business_end=_from_qtime(self.business_end.time()),
            quiet_start=_from_qtime(self.quiet_start.time()),
            quiet_end=_from_qtime(self.quiet_end.time()),
            **cast(dict[str, Any], switches),
        )
