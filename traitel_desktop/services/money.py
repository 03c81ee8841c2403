"""Money for display: Decimal in, text out (never a float).

Two ways to show an amount:

- :func:`format_amount` — what an owner reads at a glance (the balance in the header, a
  threshold): rounded to the cent, with thousands separators, ``664.7674`` -> ``"664.77"``.
  Pair it with :func:`exact_money` in a tooltip so the exact figure is one hover away.
- :func:`format_money` — keeps significant sub-cent digits (rates and costs, where
  ``0.0125`` per minute must not read as ``0.01``): ``12.3450`` -> ``"12.345"``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def format_money(value: Decimal) -> str:
    """``Decimal("1234.5")`` -> ``"1,234.50"``; keeps significant sub-cent digits
    (``12.3450`` -> ``"12.345"``), never rounds a balance away."""
    if not value.is_finite():
        return str(value)
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent > -2:
        normalized = value.quantize(TWO_PLACES)
    return f"{normalized:,f}"


def format_amount(value: Decimal) -> str:
    """An amount to the cent, as people write it: ``Decimal("664.7674")`` -> ``"664.77"``,
    ``Decimal("12345.6")`` -> ``"12,345.60"`` (half a cent rounds up, away from zero;
    ``-0.004`` reads ``"0.00"``, not ``"-0.00"``)."""
    if not value.is_finite():
        return str(value)
    cents = value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    if cents.is_zero():
        cents = abs(cents)
    return f"{cents:,f}"


def exact_money(value: Decimal) -> str:
    """Every digit TraiTel sent, with thousands separators and no exponent:
    ``Decimal("664.7674")`` -> ``"664.7674"``, ``Decimal("1E+3")`` -> ``"1,000"``."""
    if not value.is_finite():
        return str(value)
    return f"{value:,f}"
