"""Money for display: Decimal in, text out (never a float), in the owner's currency.

This module is the only place the precision rule lives:

- :func:`format_amount` — balances, totals and chart axes (:func:`format_tick`): to the cent
  (to the currency's minor unit: cents for AUD, none for JPY), half a cent rounded up,
  ``664.7674`` -> ``"A$664.77"``.
- :func:`format_money` — rates and prices: the digits they need, at least the cents, at most
  :data:`RATE_PLACES` (6) decimals: ``0.0300`` -> ``"A$0.03"``, ``0.000417`` -> ``"A$0.000417"``,
  ``0.00000049`` -> ``"A$0.00"``.
- :func:`exact_money` — every digit TraiTel sent, for tooltips (on hover) and details panes:
  ``664.7674`` -> ``"A$664.7674"``.

Plus :func:`format_cost`, the plain text of a log row's cost as TraiTel writes it (no
currency, at least four decimals): for files and raw values, not for reading in the app.

The currency: the TraiTel API names none, so the owner picks theirs once
(``services.currency``), which installs it here with :func:`use_currency` together with the
app's locale (from ``QLocale``). Until then amounts are written without a currency, in
English (scripts, Qt-free tests).

Why Babel (``babel.numbers``, CLDR data) and not ``QLocale.toCurrencyString``: this module is
Qt-free (core may not import Qt), and QLocale formats a ``double``, so an exact balance such
as ``999999999999.123456789012`` would lose digits. Babel formats a ``Decimal`` exactly with
the same CLDR data Qt uses: the symbol for that locale (``A$`` in en_US, ``$`` in en_AU), its
placement and spacing (``12,34 €`` in de_DE), the separators, the sign, and each currency's
minor unit. It is pure Python, and PyInstaller bundles its data (a stock hook). The UI only
passes the locale's name (``QLocale().name()``).

No formatter raises, whatever the ``Decimal``: the readings and the settings keep amounts in
range (``contract.readings.money_in_range``), but an amount computed from them, or one that
slipped through, must not stop the app. Every rounding happens in a context wide enough to be
exact and with no traps. ``NaN`` (quiet or signalling) reads ``NaN``, infinities
``Infinity``/``-Infinity``; an amount with :data:`MAX_WRITTEN_DIGITS` digits or more before
the point, or (for :func:`exact_money`) below a unit at the last of as many decimals, is
written in scientific notation without a currency (``1.23456789012E+39``), never digit by
digit; digits past that many decimals are rounded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    localcontext,
)

from babel.numbers import (
    NumberPattern,
    get_currency_precision,
    get_currency_symbol,
    parse_pattern,
)

from traitel_desktop.core.currencies import babel_locale, is_currency_code

__all__ = [
    "MAX_WRITTEN_DIGITS",
    "RATE_PLACES",
    "MoneyStyle",
    "current_style",
    "exact_money",
    "format_amount",
    "format_cost",
    "format_money",
    "format_tick",
    "use_currency",
]

#: The most decimals a rate or price is shown with (more are rounded; the exact value is on
#: hover).
RATE_PLACES = 6
FOUR_PLACES = Decimal("0.0001")
#: The most digits written out before the point, and after it: no real amount comes near (a
#: trillion has 13 before, and the readings allow 12 after; see the module's docstring).
MAX_WRITTEN_DIGITS = 30
#: Significant digits shown in scientific notation.
_SCIENTIFIC_DIGITS = 12
#: Exact for every amount written out (at most 2 x 30 digits), any exponent, never raises.
_EXACT = Context(prec=2 * MAX_WRITTEN_DIGITS + 4, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX,
                 Emin=MIN_EMIN, traps=[])
_LAST_PLACE = Decimal(1).scaleb(-MAX_WRITTEN_DIGITS)
_RATE_PLACE = Decimal(1).scaleb(-RATE_PLACES)
_SCIENTIFIC = Context(prec=_SCIENTIFIC_DIGITS, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX,
                      Emin=MIN_EMIN, traps=[])
#: Amounts without a currency: grouped, at least two decimals.
_PLAIN_PATTERN = parse_pattern("#,##0.00")
#: Between a currency symbol made of letters and a digit (CLDR's currency spacing, which
#: Babel leaves out): ``EUR\u00a0664.77``, not ``EUR664.77``.
_NO_BREAK_SPACE = "\u00a0"


#: A probe amount, and how its text must read (any prefix, group and decimal separators and
#: suffix) for the writer to reuse Babel's layout instead of calling it for each amount.
_PROBE = Decimal("1234567.891")
_PROBE_TEXT = re.compile(r"(\D*)1(?P<group>\D+)234(?P=group)567(\D+)891(\D*)")


def _wordlike(char: str) -> bool:
    """CLDR's ``[[:^S:]&[:^Z:]]``: not a symbol (``$``, ``€``) and not a space."""
    return unicodedata.category(char)[0] not in "SZ"


@dataclass(frozen=True, slots=True)
class MoneyStyle:
    """How amounts are written: ``currency`` an ISO 4217 code (None: no currency, plain
    numbers) in the CLDR ``locale`` (``"en_AU"``; an unknown one reads as English)."""

    currency: str | None = None
    locale: str = "en"


class _Writer:
    """A :class:`MoneyStyle` ready to write: the locale's pattern and the minor unit.

    Babel takes some 15 us an amount; a log's column of costs is formatted value by value.
    So Babel writes a probe amount once, positive and negative, and when it reads as plain
    grouped-by-three digits between a prefix and a suffix (most locales), that layout is
    reused: the same text at a thirtieth of the cost (tests/core/test_money.py checks the
    two agree). Other layouts (Indian grouping, other digits) are written by Babel each time.
    """

    def __init__(self, style: MoneyStyle) -> None:
        self.style = style
        self.locale = babel_locale(style.locale)
        code = style.currency if is_currency_code(style.currency) else None
        self.code = code
        self.pattern: NumberPattern = (
            self.locale.currency_formats["standard"] if code else _PLAIN_PATTERN
        )
        self.digits = get_currency_precision(code) if code else 2
        self.minor = Decimal(1).scaleb(-self.digits)
        self.symbol = get_currency_symbol(code, self.locale) if code else ""
        self.layout = self._layout()

    def _layout(self) -> tuple[tuple[str, str], tuple[str, str], dict[int, str]] | None:
        """((prefix, suffix) positive, negative, separators) from Babel's own text of a
        probe amount; None when that text is not plain grouped-by-three digits."""
        found = [_PROBE_TEXT.fullmatch(self.babel(v)) for v in (_PROBE, -_PROBE)]
        if found[0] is None or found[1] is None:
            return None
        (prefix, group, point, suffix), negative = found[0].groups(), found[1].groups()
        if negative[1:3] != (group, point):
            return None
        return ((prefix, suffix), (negative[0], negative[3]),
                {ord(","): group, ord("."): point})

    def _spaced(self, text: str) -> str:
        """A no-break space between a letter-like symbol and the digits it touches."""
        symbol = self.symbol
        at = text.find(symbol) if symbol else -1
        if at < 0:
            return text
        end = at + len(symbol)
        if end < len(text) and text[end].isdigit() and _wordlike(symbol[-1]):
            return text[:end] + _NO_BREAK_SPACE + text[end:]
        if at > 0 and text[at - 1].isdigit() and _wordlike(symbol[0]):
            return text[:at] + _NO_BREAK_SPACE + text[at:]
        return text

    def write(self, value: Decimal) -> str:
        """``value`` (finite, at most :data:`MAX_WRITTEN_DIGITS` digits each side) with every
        significant digit it has, at least the minor unit's, in the currency and locale."""
        layout = self.layout
        if layout is None:
            return self.babel(value)
        digits = value.copy_abs().normalize(_EXACT)
        exponent = digits.as_tuple().exponent
        if isinstance(exponent, int) and exponent > -self.digits:
            digits = digits.quantize(self.minor, context=_EXACT)
        prefix, suffix = layout[1] if value.is_signed() else layout[0]
        return prefix + f"{digits:,f}".translate(layout[2]) + suffix

    def babel(self, value: Decimal) -> str:
        """:meth:`write` by Babel itself."""
        with localcontext(_EXACT):
            text = str(self.pattern.apply(value, self.locale, currency=self.code,
                                          decimal_quantization=False))
        return self._spaced(text)


_writer = _Writer(MoneyStyle())


def use_currency(code: str | None, locale: str = "en") -> MoneyStyle:
    """Write amounts from now on in ``code`` (None: no currency) as ``locale`` writes them
    (``QLocale().name()``); returns the style in use. Called by ``services.currency``."""
    global _writer
    _writer = _Writer(MoneyStyle(code, locale))
    return _writer.style


def current_style() -> MoneyStyle:
    """The currency and locale amounts are written in now."""
    return _writer.style


def _plain(value: Decimal) -> Decimal | None:
    """``value`` ready to be written out digit by digit, or None when it cannot be: not
    finite, or :data:`MAX_WRITTEN_DIGITS` digits or more before the point, or smaller than
    a unit at the last written place. Past that place it is rounded (half to even; no real
    amount has that many decimals), and a zero with an odd exponent is a plain zero."""
    if not value.is_finite():
        return None
    if value.is_zero():
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        return value if -MAX_WRITTEN_DIGITS <= exponent <= 0 else Decimal(0).copy_sign(value)
    if not -MAX_WRITTEN_DIGITS <= value.adjusted() < MAX_WRITTEN_DIGITS:
        return None
    rounded = value.quantize(_LAST_PLACE, context=_EXACT)  # (as_tuple would be slower)
    return value if rounded == value else rounded


def _too_big(value: Decimal) -> bool:
    """Not finite, or too many digits before the point to write out."""
    return not value.is_finite() or (
        not value.is_zero() and value.adjusted() >= MAX_WRITTEN_DIGITS)


def _unwritten(value: Decimal) -> str:
    """The text of an amount :func:`_plain` cannot write out: ``NaN``, ``Infinity`` or
    ``-Infinity``, or scientific notation with at most 12 significant digits."""
    if value.is_nan():
        return "NaN"
    if value.is_infinite():
        return str(value)
    return f"{_SCIENTIFIC.plus(value).normalize(_SCIENTIFIC):E}"


def _rounded(value: Decimal, place: Decimal) -> Decimal:
    """``value`` to ``place``, half away from zero; a zero is never negative."""
    result = value.quantize(place, rounding=ROUND_HALF_UP, context=_EXACT)
    return abs(result) if result.is_zero() else result


def format_amount(value: Decimal) -> str:
    """A balance or a total, to the cent: ``Decimal("664.7674")`` -> ``"A$664.77"``,
    ``Decimal("12345.6")`` -> ``"A$12,345.60"`` (half a cent rounds up, away from zero;
    ``-0.004`` reads ``"A$0.00"``, not ``"-A$0.00"``)."""
    if _too_big(value):
        return _unwritten(value)
    writer = _writer
    return writer.write(_rounded(value, writer.minor))


def format_money(value: Decimal) -> str:
    """A rate or a price, with the digits it needs: at least the cents, at most six
    decimals (``12.3450`` -> ``"A$12.345"``, ``0.0300`` -> ``"A$0.03"``, ``1234.5`` ->
    ``"A$1,234.50"``). Pair it with :func:`exact_money` on hover."""
    if _too_big(value):
        return _unwritten(value)
    return _writer.write(_rounded(value, _RATE_PLACE))


def exact_money(value: Decimal) -> str:
    """Every digit TraiTel sent, at least the cents, with separators and no exponent:
    ``Decimal("664.7674")`` -> ``"A$664.7674"``, ``Decimal("1E+3")`` -> ``"A$1,000.00"``."""
    plain = _plain(value)
    return _unwritten(value) if plain is None else _writer.write(plain)


def format_tick(value: float) -> str:
    """A chart axis label, to the cent like every total (matplotlib hands ticks as floats:
    the only place a float meets money, and only its shortest decimal text is read)."""
    try:
        amount = Decimal(repr(float(value)))
    except (ValueError, TypeError, OverflowError):
        return "NaN"
    return format_amount(amount)


def format_cost(value: Decimal) -> str:
    """The cost of one log row as TraiTel writes costs, for files and raw values (no
    currency): at least four decimals, more only when they are significant
    (``Decimal("0.05")`` -> ``"0.0500"``, ``0.000015`` stays)."""
    plain = _plain(value)
    if plain is None:
        return _unwritten(value)
    four = plain.quantize(FOUR_PLACES, context=_EXACT)
    return f"{four:f}" if four == plain else f"{plain.normalize(_EXACT):f}"
