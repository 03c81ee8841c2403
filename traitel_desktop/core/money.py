"""Money for display: Decimal in, text out (never a float).

Two ways to show an amount:

- :func:`format_amount` — what an owner reads at a glance (the balance in the header, a
  threshold): rounded to the cent, with thousands separators, ``664.7674`` -> ``"664.77"``.
  Pair it with :func:`exact_money` in a tooltip so the exact figure is one hover away.
- :func:`format_money` — keeps significant sub-cent digits (rates and costs, where
  ``0.0125`` per minute must not read as ``0.01``): ``12.3450`` -> ``"12.345"``.

And three for particular places: :func:`exact_money` (every digit, for tooltips),
:func:`format_cost` (the cost of one log row, as the gateway writes it: at least four
decimals) and :func:`format_aligned` (a column of amounts with one number of decimals).
The amounts come from :func:`traitel_desktop.contract` readings, always as ``Decimal``.

No formatter raises, whatever the ``Decimal``: the readings and the settings keep amounts in
range (``contract.readings.money_in_range``), but an amount computed from them, or one that
slipped through, must not stop the app. Every rounding happens in a context wide enough to be
exact and with no traps. ``NaN`` (quiet or signalling) reads ``NaN``, infinities
``Infinity``/``-Infinity``; an amount with more than :data:`MAX_WRITTEN_DIGITS` digits before
the point, or below a unit at the last of as many decimals (no real money), is written in
scientific notation (``1.23456789012E+39``), never digit by digit; digits past that many
decimals are rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal

__all__ = [
    "MAX_WRITTEN_DIGITS",
    "exact_money",
    "format_aligned",
    "format_amount",
    "format_cost",
    "format_money",
]

TWO_PLACES = Decimal("0.01")
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
_SCIENTIFIC = Context(prec=_SCIENTIFIC_DIGITS, rounding=ROUND_HALF_EVEN, Emax=MAX_EMAX,
                      Emin=MIN_EMIN, traps=[])


def _lowest_place(value: Decimal) -> int:
    """The exponent of the last non-zero digit of a finite, non-zero ``value`` (exact: no
    arithmetic; ``normalize`` would round past 28 digits)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return exponent + len(digits) - len(bytes(digits).rstrip(b"\0"))


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


def _unwritten(value: Decimal) -> str:
    """The text of an amount :func:`_plain` cannot write out: ``NaN``, ``Infinity`` or
    ``-Infinity``, or scientific notation with at most 12 significant digits."""
    if value.is_nan():
        return "NaN"
    if value.is_infinite():
        return str(value)
    return f"{_SCIENTIFIC.plus(value).normalize(_SCIENTIFIC):E}"


def format_money(value: Decimal) -> str:
    """``Decimal("1234.5")`` -> ``"1,234.50"``; keeps significant sub-cent digits
    (``12.3450`` -> ``"12.345"``), never rounds a balance away."""
    plain = _plain(value)
    if plain is None:
        return _unwritten(value)
    cents = plain.quantize(TWO_PLACES, context=_EXACT)
    return f"{cents if cents == plain else plain.normalize(_EXACT):,f}"


def format_amount(value: Decimal) -> str:
    """An amount to the cent, as people write it: ``Decimal("664.7674")`` -> ``"664.77"``,
    ``Decimal("12345.6")`` -> ``"12,345.60"`` (half a cent rounds up, away from zero;
    ``-0.004`` reads ``"0.00"``, not ``"-0.00"``)."""
    if not value.is_finite() or (not value.is_zero() and value.adjusted() >= MAX_WRITTEN_DIGITS):
        return _unwritten(value)
    cents = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP, context=_EXACT)
    if cents.is_zero():
        cents = abs(cents)
    return f"{cents:,f}"


def exact_money(value: Decimal) -> str:
    """Every digit TraiTel sent, with thousands separators and no exponent:
    ``Decimal("664.7674")`` -> ``"664.7674"``, ``Decimal("1E+3")`` -> ``"1,000"``."""
    plain = _plain(value)
    return _unwritten(value) if plain is None else f"{plain:,f}"


def format_cost(value: Decimal) -> str:
    """The cost of one log row, as TraiTel writes costs: at least four decimals, more only
    when they are significant (``Decimal("0.05")`` -> ``"0.0500"``, ``0.000015`` stays)."""
    plain = _plain(value)
    if plain is None:
        return _unwritten(value)
    four = plain.quantize(FOUR_PLACES, context=_EXACT)
    return f"{four:f}" if four == plain else f"{plain.normalize(_EXACT):f}"


def format_aligned(amounts: Sequence[Decimal]) -> list[str]:
    """The amounts written with the same number of decimals (at least 2, as many as the
    most precise one needs), with thousands separators: exact, and aligned in a column.
    (An amount that cannot be written out, see :func:`exact_money`, keeps its own text.)"""
    plains = [_plain(a) for a in amounts]
    places = 2
    for plain in plains:
        if plain is not None and not plain.is_zero():
            places = max(places, -_lowest_place(plain))
    step = Decimal(1).scaleb(-places, _EXACT)
    return [_unwritten(a) if p is None else f"{p.quantize(step, context=_EXACT):,f}"
            for a, p in zip(amounts, plains, strict=True)]
