"""The parsers of the settings file's values: each gives the value, or None when what is
there is not one (INI files give strings back; a person or a broken disk may leave anything).
Qt-free but for the byte arrays of window geometry."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QByteArray

from traitel_desktop.contract.readings import money_in_range
from traitel_desktop.core.currencies import is_currency_code

#: A longer text setting is damage (the longest real one, a gateway address, is far shorter).
LONGEST_TEXT = 2048
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WHOLE = re.compile(r"[+-]?[0-9]{1,9}")
_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
#: What ``str(Decimal)`` writes (and people type): ASCII digits, a point, an exponent; not
#: ``1_000`` or other digits, which ``Decimal()`` would also take.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def valid_threshold(value: Decimal) -> bool:
    """Whether ``value`` can be the low-balance threshold: an amount of money in range
    (``contract.readings.money_in_range``) and not negative."""
    return money_in_range(value) and not value.is_signed()


# --- parsers: the value, or None when it is not one ---------------------------------------

def text_value(raw: object) -> str | None:
    if not isinstance(raw, str) or len(raw) > LONGEST_TEXT or _CONTROL.search(raw):
        return None
    return raw


def choice_of(choices: Collection[str]) -> Callable[[object], str | None]:
    def parse(raw: object) -> str | None:
        return raw if isinstance(raw, str) and raw in choices else None

    return parse


def bool_value(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
        return raw.strip().lower() == "true"
    return None


def whole_in(low: int, high: int) -> Callable[[object], int | None]:
    def parse(raw: object) -> int | None:
        if isinstance(raw, str) and _WHOLE.fullmatch(raw.strip()):
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int):
            return None
        return raw if low <= raw <= high else None

    return parse


def decimal_where(valid: Callable[[Decimal], bool]) -> Callable[[object], Decimal | None]:
    def parse(raw: object) -> Decimal | None:
        if (not isinstance(raw, str) or len(raw) > LONGEST_TEXT
                or not _DECIMAL.fullmatch(raw.strip())):
            return None
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:  # an exponent beyond what Decimal holds
            return None
        return value if valid(value) else None

    return parse


threshold_value = decimal_where(valid_threshold)


def clock_value(raw: object) -> dt.time | None:
    """A time of day written ``HH:MM`` (24-hour)."""
    if not isinstance(raw, str) or not _CLOCK.fullmatch(raw.strip()):
        return None
    return dt.time.fromisoformat(raw.strip())



def currency_value(raw: object) -> str | None:
    return raw if isinstance(raw, str) and is_currency_code(raw) else None


def date_value(raw: object) -> dt.date | None:
    text = text_value(raw)
    try:
        return None if text is None else dt.date.fromisoformat(text)
    except ValueError:
        return None


def byte_array_value(raw: object) -> QByteArray | None:
    return raw if isinstance(raw, QByteArray) else None


def shown(raw: object) -> str:
    text = repr(raw)
    return text[:40] + ("..." if len(text) > 40 else "")
