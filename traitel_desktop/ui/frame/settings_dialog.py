"""The Settings dialog: the account's time zone (querytimezone / settimezone), the owner's
currency, the low-balance threshold and the balance refresh interval (the Account page); the
alerts (``settings_alerts``); the tray and starting at sign-in (``settings_computer``)."""

from __future__ import annotations

import asyncio
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QRegularExpression, Qt, QTimeZone, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.zones import canonical_zones, is_valid_zone
from traitel_desktop.services import Superseded
from traitel_desktop.services.currency import choose_currency, is_demo, owner_currency
from traitel_desktop.services.settings import MAX_REFRESH_MINUTES
from traitel_desktop.ui.frame.currency_choice import CurrencyCombo
from traitel_desktop.ui.frame.settings_alerts import AlertsPage
from traitel_desktop.ui.frame.settings_computer import ComputerPage
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.field_errors import FieldErrors
from traitel_desktop.ui.widgets.grow import keep_fitting
from traitel_desktop.ui.widgets.message_bar import MessageBar

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.autostart import Autostart

MONEY_PATTERN = r"^\d{1,9}([.]\d{0,4})?$"


def computer_zone() -> str:
    """The IANA name of this computer's time zone."""
    return bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")


class SettingsDialog(QDialog):
    """Edits preferences; saving the time zone goes to TraiTel (settimezone). ``loaded`` is
    emitted once the current zone has been read."""

    loaded = Signal()

    def __init__(
        self, session: Session, parent: QWidget | None = None, *,
        autostart: Autostart | None = None,
    ) -> None:
        """``autostart``: how this computer starts apps at sign-in (by default
        ``services.autostart.for_this_computer()``)."""
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.task: asyncio.Task[None] | None = None
        self.message_bar = MessageBar(self)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("settingsPages")
        general = QWidget(self.pages)
        account = QGroupBox(self.tr("Account"), general)
        self.zone = QComboBox(account)
        self.zone.setEditable(True)
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(list(canonical_zones()))
        self.zone.setAccessibleName(self.tr("Account time zone"))
        self.zone.setToolTip(self.tr("Type to search, e.g. “Sydney” or “Europe/”"))
        completer = QCompleter(list(canonical_zones()), self.zone)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone.setCompleter(completer)
        self.zone_note = QLabel(account)
        self.zone_note.setObjectName("zoneNote")
        self.zone_note.setWordWrap(True)
        account_form = QFormLayout(account)
        account_form.addRow(self.tr("&Time zone"), self.zone)
        account_form.addRow("", self.zone_note)
        hint = QLabel(
            self.tr("Every date and time in this app is shown in this zone: your activity, "
                    "“Updated”, prices and the change history. It is stored at TraiTel."),
            account,
        )
        hint.setObjectName("accountSub")
        hint.setWordWrap(True)
        account_form.addRow("", hint)

        balance = QGroupBox(self.tr("Balance"), general)
        self.threshold = QLineEdit(balance)
        self.threshold.setValidator(
            QRegularExpressionValidator(QRegularExpression(MONEY_PATTERN), self.threshold)
        )
        self.threshold.setAccessibleName(self.tr("Low-balance threshold"))
        self.threshold.setPlaceholderText("5.00")
        self.refresh = QSpinBox(balance)
        self.refresh.setRange(0, MAX_REFRESH_MINUTES)
        self.refresh.setSuffix(self.tr(" min"))
        self.refresh.setSpecialValueText(self.tr("Never"))
        self.refresh.setAccessibleName(self.tr("Balance refresh interval in minutes"))
        self.currency = CurrencyCombo(balance)
        self.currency.set_code(owner_currency(session))
        if is_demo(session):
            self.currency.setEnabled(False)
            self.currency.setToolTip(self.tr("The demo account is in Australian dollars."))
        balance_form = QFormLayout(balance)
        balance_form.addRow(self.tr("&Currency"), self.currency)
        balance_form.addRow(self.tr("&Warn when below"), self.threshold)
        balance_form.addRow(self.tr("&Refresh every"), self.refresh)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save settings"))
        self.buttons.accepted.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        # Never smaller than the pages need (an explicit minimum width would stop the layout
        # from setting it: the Alerts page was squashed to the Account page's width).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        general_layout = QVBoxLayout(general)
        general_layout.setContentsMargins(0, 8, 0, 0)
        general_layout.addWidget(account)
        general_layout.addWidget(balance)
        general_layout.addStretch(1)
        if autostart is None:
            from traitel_desktop.services.autostart import for_this_computer

            autostart = for_this_computer()
        self.alerts_page = AlertsPage(self.pages)
        self.computer_page = ComputerPage(autostart, self.pages)
        self.pages.addTab(general, self.tr("Account"))
        self.pages.addTab(self.alerts_page, self.tr("Alerts"))
        self.pages.addTab(self.computer_page, self.tr("This computer"))
        layout.addWidget(self.message_bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

        self.field_errors = FieldErrors()
        self.field_errors.bind("timezone", self.zone)
        self.field_errors.bind("threshold", self.threshold)
        keep_fitting(self)  # errors shown make the dialog taller, never the fields smaller

        settings = session.settings
        if settings is not None:
            self.threshold.setText(str(settings.low_balance_threshold))
            self.refresh.setValue(settings.refresh_minutes)
            self.alerts_page.show_settings(settings.alert_settings)
            self.computer_page.show_settings(settings)
        self.set_zone_text(session.time_zone)
        self.zone.currentTextChanged.connect(self._update_zone_note)
        self._update_zone_note()
        self.load_task = spawn(self.load(), name="settings-load")

    # --- zone ---------------------------------------------------------------------------
    def set_zone_text(self, zone: str) -> None:
        """Show ``zone`` in the combo box (selecting it when it is in the list)."""
        index = self.zone.findText(zone)
        if index >= 0:
            self.zone.setCurrentIndex(index)
        else:
            self.zone.setEditText(zone)

    @property
    def zone_text(self) -> str:
        """The zone typed or chosen."""
        return self.zone.currentText().strip()

    def _update_zone_note(self) -> None:
        zone, here = self.zone_text, computer_zone()
        if zone and here and is_valid_zone(zone) and zone != here:
            self.zone_note.setText(
                self.tr(
                    "This is not your computer's zone ({0}). Times in the app follow the "
                    "account's zone."
                ).format(here)
            )
            self.zone_note.show()
        else:
            self.zone_note.clear()
            self.zone_note.hide()

    async def load(self) -> None:
        """Read the zone from TraiTel (querytimezone)."""
        from traitel_desktop.api.errors import TraiTelError

        try:
            zone = await self.session.refresh_time_zone()
        except Superseded:
            return
        except TraiTelError as exc:
            self.message_bar.show_error(exc)
        else:
            if self.zone_text in ("", self.session.time_zone) or not self.zone.hasFocus():
                self.set_zone_text(zone)
        self.loaded.emit()

    # --- saving -------------------------------------------------------------------------
    def _threshold_value(self) -> Decimal | None:
        try:
            value = Decimal(self.threshold.text().strip())
        except InvalidOperation:
            return None
        return value if value.is_finite() and value >= 0 else None

    def start_save(self) -> None:
        """Validate, store the zone at TraiTel if it changed, save the preferences, close."""
        if self.task is None or self.task.done():
            self.task = spawn(self.save(), name="settings-save")

    async def save(self) -> None:
        """See :meth:`start_save`."""
        from traitel_desktop.api.errors import TraiTelError

        self.field_errors.clear()
        self.message_bar.clear()
        zone = self.zone_text
        if not is_valid_zone(zone):
            self.pages.setCurrentIndex(0)
            self.field_errors.show_text(
                "timezone", self.tr("Choose a time zone from the list, e.g. Europe/London.")
            )
            return
        threshold = self._threshold_value()
        if threshold is None:
            self.pages.setCurrentIndex(0)
            self.field_errors.show_text("threshold", self.tr("Enter an amount such as 5 or 12.50."))
            return
        alerts = self.alerts_page.read()
        if alerts is None:
            self.pages.setCurrentWidget(self.alerts_page)  # the errors are there
            first = self.alerts_page.field_errors.widget(self.alerts_page.field_errors.marked()[0])
            if first is not None:
                first.setFocus()
            return
        was_starting = self.computer_page.autostart_on()
        if not self.computer_page.apply_autostart():
            self.pages.setCurrentWidget(self.computer_page)
            return
        if zone != self.session.time_zone:
            self.save_button.setEnabled(False)
            try:
                await self.session.set_time_zone(zone)
            except TraiTelError as exc:
                self.computer_page.undo_autostart(was_starting)
                self.pages.setCurrentIndex(0)
                if not self.field_errors.show(exc):
                    self.message_bar.show_error(exc)
                return
            finally:
                self.save_button.setEnabled(True)
        settings = self.session.settings
        if settings is not None:
            settings.low_balance_threshold = threshold
            settings.refresh_minutes = self.refresh.value()
            settings.alert_settings = alerts
            if self.computer_page.keep_in_tray.isEnabled():
                settings.keep_in_tray = self.computer_page.keep_in_tray.isChecked()
            settings.sync()
        if self.currency.isEnabled() and (
            self.currency.code() != owner_currency(self.session)
            or (settings is not None and not settings.currency)
        ):
            choose_currency(self.session, self.currency.code())
        self.accept()
