"""Money for display (core.money): one precision rule (balances and totals to the cent, rates
with the digits they need up to six decimals, the exact value for hovers), in the owner's
currency (issue 14, item 5); and no formatter ever raises or writes a page of digits, whatever
the Decimal and whatever the currency and locale (issue 13, part 3). The other places that
turn amounts into text (cost estimates, spend insights) are fuzzed over every amount in
range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol
from hypothesis import example, given, settings
from hypothesis import strategies as st

from traitel_desktop.api.records import FaxCost, VoiceCost
from traitel_desktop.contract.readings import MONEY_LIMIT, MONEY_PLACES
from traitel_desktop.core import costs, insights, money
from traitel_desktop.core.money import (
    RATE_PLACES,
    MoneyStyle,
    current_style,
    exact_money,
    format_amount,
    format_cost,
    format_money,
    format_tick,
    use_currency,
)

FORMATTERS: dict[str, Callable[[Decimal], str]] = {
    "format_money": format_money,
    "format_amount": format_amount,
    "exact_money": exact_money,
    "format_cost": format_cost,
}
#: The styles every formatter is checked in: none (before sign-in), the demo's AUD as en_US
#: and en_AU write it, euros in German (comma decimals, symbol after), yen (no minor unit),
#: dinars (three decimals) and Qt's plain "C" locale.
STYLES = [MoneyStyle(None, "en"), MoneyStyle("AUD", "en_US"), MoneyStyle("AUD", "en_AU"),
          MoneyStyle("EUR", "de_DE"), MoneyStyle("JPY", "ja_JP"), MoneyStyle("BHD", "ar_BH"),
          MoneyStyle("USD", "C")]
#: Styles whose digits are the ASCII ones (the read-back tests parse them).
LATIN = [s for s in STYLES if s.locale != "ar_BH"]
CENTS = Decimal("0.01")
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


@contextmanager
def style(chosen: MoneyStyle) -> Iterator[None]:
    """Amounts written in ``chosen`` inside the block (hypothesis runs a test many times
    inside one fixture, so the style is set in the test itself)."""
    before = current_style()
    use_currency(chosen.currency, chosen.locale)
    try:
        yield
    finally:
        use_currency(before.currency, before.locale)


def _number(text: str, locale: str = "en") -> Decimal:
    """The amount in a text written in ``locale``: digits, its decimal symbol and the sign
    are kept; the currency, spaces and group separators go."""
    point = get_decimal_symbol(locale if locale != "C" else "en")
    group = get_group_symbol(locale if locale != "C" else "en")
    kept = "".join(c for c in text.replace(group, "") if c.isdigit() or c in (point, "-"))
    return Decimal(kept.replace(point, "."))


def _decimals(text: str, locale: str = "en") -> int:
    """How many digits follow the decimal symbol."""
    point = get_decimal_symbol(locale if locale != "C" else "en")
    tail = text.rpartition(point)[2] if point in text else ""
    return sum(c.isdigit() for c in tail)


# --- examples ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "money", "amount", "exact", "cost"), [
    ("1234.5", "1,234.50", "1,234.50", "1,234.50", "1234.5000"),
    ("12.3450", "12.345", "12.35", "12.345", "12.3450"),
    ("-0.004", "-0.004", "0.00", "-0.004", "-0.0040"),
    ("0.000015", "0.000015", "0.00", "0.000015", "0.000015"),
    # The examples: one rule instead of precision that jumps around.
    ("659.58", "659.58", "659.58", "659.58", "659.5800"),
    ("0.0300", "0.03", "0.03", "0.03", "0.0300"),
    ("169.9256", "169.9256", "169.93", "169.9256", "169.9256"),
    ("14.9693", "14.9693", "14.97", "14.9693", "14.9693"),
    ("0.63055", "0.63055", "0.63", "0.63055", "0.63055"),
    ("0.000417", "0.000417", "0.00", "0.000417", "0.000417"),
    ("0.00041666", "0.000417", "0.00", "0.00041666", "0.00041666"),
    ("0.0000004", "0.00", "0.00", "0.0000004", "0.0000004"),
    ("1E+3", "1,000.00", "1,000.00", "1,000.00", "1000.0000"),
    # What used to stop the app: a threshold of 1e27, a 40-digit balance.
    ("1E+27", "1,000,000,000,000,000,000,000,000,000.00",
     "1,000,000,000,000,000,000,000,000,000.00", "1,000,000,000,000,000,000,000,000,000.00",
     "1000000000000000000000000000.0000"),
    ("1234567890" * 4, "1.23456789012E+39", "1.23456789012E+39", "1.23456789012E+39",
     "1.23456789012E+39"),
    ("NaN", "NaN", "NaN", "NaN", "NaN"),
    ("sNaN", "NaN", "NaN", "NaN", "NaN"),
    ("-Infinity", "-Infinity", "-Infinity", "-Infinity", "-Infinity"),
    ("0E+999999", "0.00", "0.00", "0.00", "0.0000"),
    ("1E-31", "0.00", "0.00", "1E-31", "1E-31"),
])
def test_examples(value: str, money: str, amount: str, exact: str, cost: str) -> None:
    d = Decimal(value)
    assert (format_money(d), format_amount(d), exact_money(d), format_cost(d)) == (
        money, amount, exact, cost)


@pytest.mark.parametrize(("chosen", "amount", "rate", "exact"), [
    (MoneyStyle("AUD", "en_US"), "A$1,234.57", "A$1,234.5678", "A$1,234.5678"),
    (MoneyStyle("AUD", "en_AU"), "$1,234.57", "$1,234.5678", "$1,234.5678"),
    (MoneyStyle("EUR", "de_DE"), "1.234,57\xa0€", "1.234,5678\xa0€", "1.234,5678\xa0€"),
    (MoneyStyle("JPY", "en_US"), "¥1,235", "¥1,234.5678", "¥1,234.5678"),
    # A symbol of letters keeps a no-break space from the digits (CLDR currency spacing).
    (MoneyStyle("EUR", "en_AU"), "EUR\xa01,234.57", "EUR\xa01,234.5678", "EUR\xa01,234.5678"),
    (MoneyStyle("AUD", "C"), "A$1,234.57", "A$1,234.5678", "A$1,234.5678"),
    (MoneyStyle("aud", "en_US"), "1,234.57", "1,234.5678", "1,234.5678"),  # not a code
])
def test_the_owners_currency_as_the_locale_writes_it(
    chosen: MoneyStyle, amount: str, rate: str, exact: str,
) -> None:
    value = Decimal("1234.5678")
    with style(chosen):
        assert (format_amount(value), format_money(value), exact_money(value)) == (
            amount, rate, exact)
        assert format_cost(value) == "1234.5678"  # files: never a currency


def test_negative_amounts_and_zero() -> None:
    with style(MoneyStyle("AUD", "en_US")):
        assert format_amount(Decimal("-1234.565")) == "-A$1,234.57"
        assert format_amount(Decimal("-0.004")) == "A$0.00"
        assert format_money(Decimal("-0.0000001")) == "A$0.00"
        assert exact_money(Decimal("-0.004")) == "-A$0.004"


def test_chart_ticks_to_the_cent() -> None:
    with style(MoneyStyle("AUD", "en_US")):
        assert [format_tick(v) for v in (0.0, 2.5, 1000.0, 12345.675, 0.1 + 0.2)] == [
            "A$0.00", "A$2.50", "A$1,000.00", "A$12,345.68", "A$0.30"]
        assert format_tick(float("nan")) == "NaN"
        assert format_tick(float("inf")) == "Infinity"


# --- never raises, never a page of digits --------------------------------------------------

@settings(max_examples=500, deadline=None)
@given(ANY_DECIMAL, st.sampled_from(STYLES))
@example(Decimal("1E+27"), STYLES[1])
@example(Decimal("sNaN"), STYLES[1])
@example(Decimal("9" * 29 + "." + "9" * 30), STYLES[3])
def test_no_formatter_raises_or_writes_a_page(value: Decimal, chosen: MoneyStyle) -> None:
    with style(chosen):
        for name, formatter in FORMATTERS.items():
            text = formatter(value)
            assert isinstance(text, str) and 0 < len(text) <= LONGEST, (name, text)


@settings(deadline=None)
@given(st.floats(), st.sampled_from(STYLES))
def test_no_chart_tick_raises(value: float, chosen: MoneyStyle) -> None:
    with style(chosen):
        assert 0 < len(format_tick(value)) <= LONGEST


# --- exact for every real amount -----------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.one_of(IN_RANGE, st.decimals(min_value=-10**28, max_value=10**28, places=30)),
       st.sampled_from([*STYLES, MoneyStyle("INR", "en_IN"), MoneyStyle("CHF", "de_CH"),
                        MoneyStyle("USD", "ar_EG"), MoneyStyle("EUR", "fr_FR"),
                        MoneyStyle("SEK", "sv_SE"), MoneyStyle(None, "de_DE")]))
def test_the_reused_layout_writes_what_babel_writes(value: Decimal, chosen: MoneyStyle) -> None:
    writer = money._Writer(chosen)
    assert writer.write(value) == writer.babel(value)


def _half_up(value: Decimal, place: Decimal) -> Decimal:
    return value.copy_abs().quantize(place, ROUND_HALF_UP).copy_sign(value)


@given(IN_RANGE, st.sampled_from([s for s in LATIN if s.currency != "JPY"]))
def test_to_the_cent_has_exactly_two_decimals_and_reads_back_rounded(
    value: Decimal, chosen: MoneyStyle,
) -> None:
    with style(chosen):
        text = format_amount(value)
    assert _decimals(text, chosen.locale) == 2, text
    assert _number(text, chosen.locale) == _half_up(value, CENTS)


@given(IN_RANGE, st.sampled_from(LATIN))
def test_rates_keep_their_significant_digits_up_to_six_decimals(
    value: Decimal, chosen: MoneyStyle,
) -> None:
    with style(chosen):
        text = format_money(value)
    rounded = _half_up(value, Decimal(1).scaleb(-RATE_PLACES))
    assert _number(text, chosen.locale) == rounded
    exponent = rounded.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    needed = max(0, -exponent) if rounded else 0
    minimum = 0 if chosen.currency == "JPY" else 2
    assert _decimals(text, chosen.locale) == max(minimum, needed), text


@given(IN_RANGE, st.sampled_from(LATIN))
def test_the_exact_value_reads_back_whole(value: Decimal, chosen: MoneyStyle) -> None:
    with style(chosen):
        assert _number(exact_money(value), chosen.locale) == value
    assert Decimal(format_cost(value)) == value


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
