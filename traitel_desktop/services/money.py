"""Money for display: Decimal in, text out (never a float)."""

from __future__ import annotations

from decimal import Decimal

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
