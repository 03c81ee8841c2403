"""The owner's currency: the list to pick it from (Settings uses it too), and the small
question asked once after the first sign-in (never for the demo, which is in AUD).

TraiTel names no currency, so the owner says which one their account is in; their locale's
currency is preselected. The question does not block the window: "Later" leaves amounts in
the preselected currency and asks again at the next sign-in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.core.currencies import currencies_in_use, currency_label, is_currency_code
from traitel_desktop.services.currency import choose_currency, locale_currency, must_ask

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.ui.frame.main_window import MainWindow


class CurrencyCombo(QComboBox):
    """Every currency in use today, ``Australian Dollar (AUD)``, by name in the app's
    language (typing the first letters jumps to one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = QLocale().name()
        items = sorted((currency_label(code, language), code) for code in currencies_in_use())
        for label, code in items:
            self.addItem(label, code)
        self.setAccessibleName(self.tr("Currency of your account"))

    def set_code(self, code: str) -> None:
        """Select ``code`` (added to the list when it is a valid code not in use today)."""
        index = self.findData(code)
        if index < 0 and is_currency_code(code):
            self.addItem(currency_label(code, QLocale().name()), code)
            index = self.count() - 1
        if index >= 0:
            self.setCurrentIndex(index)

    def code(self) -> str:
        """The ISO 4217 code selected."""
        return str(self.currentData() or "")


class CurrencyChoice(QDialog):
    """Which currency the account is in: asked once, not modal."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("currencyChoice")
        self.setWindowTitle(self.tr("Your currency"))
        self.setModal(False)
        text = QLabel(
            self.tr("TraiTel does not say which currency your account is in. Choose it once "
                    "and every amount in the app shows it. You can change it later in "
                    "Settings."),
            self,
        )
        text.setWordWrap(True)
        self.combo = CurrencyCombo(self)
        self.combo.set_code(locale_currency())
        form = QFormLayout()
        form.addRow(self.tr("&Currency"), self.combo)
        self.buttons = QDialogButtonBox(self)
        self.use_button = self.buttons.addButton(
            self.tr("&Use this currency"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(
            self.tr("&Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.later_button.setToolTip(self.tr("Ask again at the next sign-in"))
        self.use_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        """Remember the currency chosen and show every amount in it."""
        choose_currency(self.session, self.combo.code())
        super().accept()


def ask_currency_once(window: MainWindow) -> CurrencyChoice | None:
    """After sign-in: ask for the owner's currency over ``window`` unless it is known or
    this is the demo. Returns the question shown (it deletes itself when answered)."""
    if not must_ask(window.session):
        return None
    dialog = CurrencyChoice(window.session, window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    return dialog
