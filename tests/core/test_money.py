"""Money for display (core.money): exact for real amounts, and no formatter ever raises or
writes a page of digits, whatever the Decimal (issue 13, part 3). The other places that turn
amounts into text (cost estimates, spend insights) are fuzzed over every amount in range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from traitel_desktop.api.records import FaxCost, VoiceCost
from traitel_desktop.contract.readings import MONEY_LIMIT, MONEY_PLACES
from traitel_desktop.core import costs, insights
from traitel_desktop.core.money import (
    exact_money,
    format_aligned,
    format_amount,
    format_cost,
    format_money,
)

FORMATTERS: dict[str, Callable[[Decimal], str]] = {
    "format_money": format_money,
    "format_amount": format_amount,
    "exact_money": exact_money,
    "format_cost": format_cost,
    "format_aligned": lambda d: format_aligned([d, Decimal("1.5")])[0],
}
#: The longest text an amount may give: 29 digits, 9 separators, a point and 30 decimals,
#: or 12 significant digits with an exponent.
LONGEST = 80

SPECIALS = [Decimal(t) for t in (
    "NaN", "-NaN", "sNaN", "-sNaN", "Infinity", "-Infinity", "1E+27", "-1E+27", "1E+29",
    "1E+30", "9" * 10_000, "1." + "1" * 10_000, "0E+999999999999999999", "-0E-999999999999999999",
    "1E+999999999999999999", "-1E-999999999999999999", "0.5E-30", "1E-30",
)]

#: Any Decimal at all: Hypothesis' own (NaN and infinities included), long coefficients with
#: extreme exponents, and the special ones above.
ANY_DECIMAL = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=120),
        st.integers(MIN_EMIN, MAX_EMAX - 200),
    ),
    st.sampled_from(SPECIALS),
)

#: Every amount the readings and the settings let in (contract.readings.money_in_range).
STEP = Decimal(1).scaleb(-MONEY_PLACES)
IN_RANGE = st.decimals(min_value=-MONEY_LIMIT + STEP, max_value=MONEY_LIMIT - STEP,
                       places=MONEY_PLACES, allow_nan=False, allow_infinity=False)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# --- examples ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "money", "amount", "exact", "cost"), [
    ("1234.5", "1,234.50", "1,234.50", "1,234.5", "1234.5000"),
    ("12.3450", "12.345", "12.35", "12.3450", "12.3450"),
    ("-0.004", "-0.004", "0.00", "-0.004", "-0.0040"),
    ("0.000015", "0.000015", "0.00", "0.000015", "0.000015"),
    ("1E+3", "1,000.00", "1,000.00", "1,000", "1000.0000"),
    # What used to stop the app: a threshold of 1e27, a 40-digit balance.
    ("1E+27", "1,000,000,000,000,000,000,000,000,000.00",
     "1,000,000,000,000,000,000,000,000,000.00", "1,000,000,000,000,000,000,000,000,000",
     "1000000000000000000000000000.0000"),
    ("1234567890" * 4, "1.23456789012E+39", "1.23456789012E+39", "1.23456789012E+39",
     "1.23456789012E+39"),
    ("NaN", "NaN", "NaN", "NaN", "NaN"),
    ("sNaN", "NaN", "NaN", "NaN", "NaN"),
    ("-Infinity", "-Infinity", "-Infinity", "-Infinity", "-Infinity"),
    ("0E+999999", "0.00", "0.00", "0", "0.0000"),
    ("1E-31", "1E-31", "0.00", "1E-31", "1E-31"),
])
def test_examples(value: str, money: str, amount: str, exact: str, cost: str) -> None:
    d = Decimal(value)
    assert (format_money(d), format_amount(d), exact_money(d), format_cost(d)) == (
        money, amount, exact, cost)


def test_aligned_column() -> None:
    assert format_aligned([Decimal("1"), Decimal("0.125"), Decimal("-1234.5")]) == [
        "1.000", "0.125", "-1,234.500"]
    assert format_aligned([Decimal("2"), Decimal("sNaN"), Decimal("1E+40")]) == [
        "2.00", "NaN", "1E+40"]


# --- never raises, never a page of digits --------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(ANY_DECIMAL)
@example(Decimal("1E+27"))
@example(Decimal("sNaN"))
def test_no_formatter_raises_or_writes_a_page(value: Decimal) -> None:
    for name, formatter in FORMATTERS.items():
        text = formatter(value)
        assert isinstance(text, str) and 0 < len(text) <= LONGEST, (name, text)


@settings(deadline=None)
@given(st.lists(ANY_DECIMAL, max_size=8))
def test_an_aligned_column_of_anything(values: list[Decimal]) -> None:
    texts = format_aligned(values)
    assert len(texts) == len(values)
    assert all(0 < len(t) <= LONGEST for t in texts)


# --- exact for every real amount -----------------------------------------------------------

@given(IN_RANGE)
def test_amounts_in_range_read_back(value: Decimal) -> None:
    assert _number(exact_money(value)) == value
    assert _number(format_money(value)) == value
    assert _number(format_cost(value)) == value
    cents = value.copy_abs().quantize(Decimal("0.01"), ROUND_HALF_UP).copy_sign(value)
    assert _number(format_amount(value)) == cents


@given(st.lists(IN_RANGE, min_size=1, max_size=8))
def test_aligned_amounts_in_range_read_back_with_one_number_of_decimals(
    values: list[Decimal],
) -> None:
    texts = format_aligned(values)
    assert [_number(t) for t in texts] == values
    assert len({len(t.partition(".")[2]) for t in texts}) == 1


# --- the other places that write amounts ---------------------------------------------------

@settings(deadline=None)
@given(IN_RANGE, IN_RANGE, IN_RANGE, IN_RANGE,
       st.sampled_from(["PerSecond", "PerMinute", "PerPage", "Mixed", "Other"]),
       st.integers(0, 10**6))
def test_cost_estimates_of_any_price_in_range_are_written(
    flag_fall: Decimal, per_second: Decimal, per_minute: Decimal, per_page: Decimal,
    billing: str, count: int,
) -> None:
    voice = VoiceCost(flag_fall, per_second, per_minute, billing, flag_fall)
    fax = FaxCost(flag_fall, per_second, per_minute, per_page, billing, flag_fall)
    totals = [costs.sms_total(per_page, count), costs.voice_minute_rate(voice),
              costs.voice_total(voice, count), costs.fax_page_rate(fax),
              costs.fax_total(fax, count)]
    for total in totals:
        assert total.is_finite()
        for formatter in FORMATTERS.values():
            assert 0 < len(formatter(total)) <= LONGEST


TODAY = dt.date(2024, 3, 31)  # insights take "today" as an argument: any fixed day


@settings(deadline=None)
@given(IN_RANGE, st.lists(IN_RANGE, min_size=1, max_size=60))
def test_spend_insights_of_any_amounts_in_range_are_written(
    balance: Decimal, spend: list[Decimal],
) -> None:
    daily = {TODAY - dt.timedelta(days=i): amount for i, amount in enumerate(spend)}
    runway = insights.runway(balance, daily, TODAY)
    texts: list[Any] = [runway.headline, runway.details]
    start = TODAY - dt.timedelta(days=len(spend) // 2)
    texts += [a.text for a in insights.anomalies(daily, start, TODAY)]
    assert all(isinstance(t, str) and t for t in texts)
