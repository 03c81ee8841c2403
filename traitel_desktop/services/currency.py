"""The owner's currency: which one amounts are shown in, and the signal when it changes.

The TraiTel API names no currency, so the owner says once which one their account is in:
the app asks after the first sign-in (``ui/frame/currency_choice.py``), with their locale's
currency preselected, and Settings changes it. It is kept in the settings
(``money/currency``). The demo (the sandbox on this computer) is in Australian dollars and
never asks. Until the owner answers, amounts are shown in their locale's currency.

:func:`show_currency` installs the currency, with the app's locale (``QLocale``), into
``core.money`` (the one place amounts are formatted) and emits
``currency_events().changed``: every view showing amounts connects to it and writes them
again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from traitel_desktop.core.currencies import is_currency_code
from traitel_desktop.core.money import use_currency

if TYPE_CHECKING:
    from traitel_desktop.services.session import Session

__all__ = [
    "DEMO_CURRENCY",
    "FALLBACK_CURRENCY",
    "choose_currency",
    "currency_events",
    "is_demo",
    "locale_currency",
    "must_ask",
    "owner_currency",
    "show_currency",
]

#: The demo's practice account is in Sydney: Australian dollars.
DEMO_CURRENCY = "AUD"
#: When the locale has no currency (Qt's plain "C" locale).
FALLBACK_CURRENCY = "USD"
#: ``signin.PROFILE_SANDBOX`` (not imported: signin imports the session, which is heavier).
_SANDBOX_PROFILE = "sandbox"


class CurrencyEvents(QObject):
    """``changed(code)``: amounts are now shown in ``code``; write them again."""

    changed = Signal(str)


_events: CurrencyEvents | None = None


def currency_events() -> CurrencyEvents:
    """The one emitter of currency changes (made on first use, on the Qt thread)."""
    global _events
    if _events is None:
        _events = CurrencyEvents()
    return _events


def locale_currency(locale: QLocale | None = None) -> str:
    """The ISO 4217 code of ``locale``'s currency (the default locale's when None): the
    choice preselected for the owner."""
    code = (locale or QLocale()).currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if is_currency_code(code) else FALLBACK_CURRENCY


def is_demo(session: Session) -> bool:
    """Whether ``session`` is on the sandbox on this computer (the demo, practice data)."""
    return session.profile == _SANDBOX_PROFILE


def owner_currency(session: Session) -> str:
    """The currency ``session``'s amounts are in: AUD for the demo, else the owner's choice,
    else (not chosen yet) their locale's currency."""
    if is_demo(session):
        return DEMO_CURRENCY
    chosen = session.settings.currency if session.settings is not None else ""
    return chosen or locale_currency()


def must_ask(session: Session) -> bool:
    """Whether to ask the owner for their currency: not chosen yet, and not the demo."""
    settings = session.settings
    return not is_demo(session) and settings is not None and not settings.currency


def show_currency(code: str) -> None:
    """Show amounts in ``code`` from now on, written as the app's locale writes them, and
    tell the views (``currency_events().changed``)."""
    use_currency(code, QLocale().name())
    currency_events().changed.emit(code)


def choose_currency(session: Session, code: str) -> None:
    """The owner chose ``code``: remember it (not for the demo, which stays in AUD) and
    show amounts in it."""
    if not is_currency_code(code):
        raise ValueError(f"not an ISO 4217 currency code: {code!r}")
    if session.settings is not None and not is_demo(session):
        session.settings.currency = code
        session.settings.sync()
    show_currency(code)
