"""Which currencies an owner can pick, and their names (ISO 4217 codes, CLDR data via Babel).

The TraiTel API names no currency: amounts are plain decimals. The owner says once which
currency their account is in (``services.currency``); :mod:`traitel_desktop.core.money` then
writes every amount with it. This module only knows the codes: whether a text is one, the
ones in use today in some country (the choices offered), and a code's name in a language.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_name, get_territory_currencies, is_currency

__all__ = ["babel_locale", "currencies_in_use", "currency_label", "is_currency_code"]

_CODE = re.compile(r"[A-Z]{3}")
#: The locale used when a locale name is not one CLDR knows (Qt's ``C`` locale, damage).
FALLBACK_LOCALE = "en"


def is_currency_code(text: object) -> bool:
    """Whether ``text`` is an ISO 4217 currency code CLDR knows: three capitals such as
    ``"AUD"`` (not ``"aud"``, not ``"A$"``)."""
    return isinstance(text, str) and _CODE.fullmatch(text) is not None and is_currency(text)


#: Names of "no particular locale" (Qt's ``QLocale.c()`` is ``"C"``).
_PLAIN_LOCALES = frozenset({"C", "POSIX"})


@lru_cache(maxsize=64)
def babel_locale(name: str) -> Locale:
    """The CLDR locale called ``name`` (``"en_AU"``, ``"de-DE"``); English when CLDR does not
    know it, and for Qt's plain locale ``"C"`` (and ``"POSIX"``): Babel 2.19 reads that as
    ``en_US_POSIX``, whose amounts have no thousands separator, where 2.18 refused it."""
    if name.split(".")[0].upper() in _PLAIN_LOCALES:
        return Locale.parse(FALLBACK_LOCALE)
    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse(FALLBACK_LOCALE)


@lru_cache(maxsize=1)
def currencies_in_use() -> tuple[str, ...]:
    """The codes that are legal tender in some territory today, sorted (about 150)."""
    codes: set[str] = set()
    for territory in Locale.parse(FALLBACK_LOCALE).territories:
        if isinstance(territory, str) and territory.isalpha():  # not "001" (World) etc.
            codes.update(get_territory_currencies(territory))
    return tuple(sorted(c for c in codes if is_currency_code(c)))


def currency_label(code: str, locale: str = FALLBACK_LOCALE) -> str:
    """``"Australian Dollar (AUD)"``: the name in ``locale``'s language, and the code."""
    try:
        name = get_currency_name(code, locale=babel_locale(locale))
    except (ValueError, TypeError):
        name = code
    return f"{name} ({code})" if name != code else code
