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
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["exact_money", "format_aligned", "format_amount", "format_cost", "format_money"]

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


def format_cost(value: Decimal) -> str:
    """The cost of one log row, as TraiTel writes costs: at least four decimals, more only
    when they are significant (``Decimal("0.05")`` -> ``"0.0500"``, ``0.000015`` stays)."""
    if not value.is_finite():
        return str(value)
    if value == value.quantize(Decimal("0.0001")):
        return f"{value:.4f}"
    return f"{value.normalize():f}"


def format_aligned(amounts: Sequence[Decimal]) -> list[str]:
    """The amounts written with the same number of decimals (at least 2, as many as the
    most precise one needs), with thousands separators: exact, and aligned in a column."""
    places = 2
    for amount in amounts:
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int):
            places = max(places, -exponent)
    step = Decimal(1).scaleb(-places)
    return [f"{a.quantize(step):,f}" if a.is_finite() else str(a) for a in amounts]
