"""core.costs: reading typed destinations, the estimate arithmetic (exact Decimal), and
CostQuoter against a real sandbox over HTTP (prices checked against its rate tables)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.did_sandbox_api import Api, Overlap, run
from traitel_desktop.api.errors import IncompleteRequest, InvalidDestination
from traitel_desktop.api.records import FaxCost, VoiceCost
from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.core.costs import (
    CostQuoter,
    Destination,
    Plan,
    Problem,
    Quote,
    estimate,
    fax_page_rate,
    fax_total,
    read_destination,
    sms_total,
    voice_minute_rate,
    voice_total,
)
from traitel_desktop.sandbox.data.catalog import FAX_RATES, SMS_RATES, VOICE_RATES

SYDNEY = Destination("61299991234", "+61 2 9999 1234", "AU")


@pytest.mark.parametrize(
    "typed",
    [
        "+61 2 9999 1234",
        "+61299991234",
        "0061 2 9999 1234",
        "0061299991234",
        "61 2 9999 1234",
        "61-2-9999-1234",
        "+61-2-9999-1234",
        "  +61 (2) 9999-1234  ",
        "(+61) 2.9999.1234",
        "+61\u00a02\u00a09999\u00a01234",
    ],
)
def test_common_forms_normalise_to_one_international_number(typed: str) -> None:
    assert read_destination(typed) == SYDNEY


@pytest.mark.parametrize(
    ("typed", "digits", "shown", "region"),
    [
        ("0044 20 7946 0000", "442079460000", "+44 20 7946 0000", "GB"),
        ("+1 212-555-0100", "12125550100", "+1 212-555-0100", "US"),
        ("1 (212) 555 0100", "12125550100", "+1 212-555-0100", "US"),
        ("+61 412 345 678", "61412345678", "+61 412 345 678", "AU"),
        ("+55 11 2345 6789", "551123456789", "+55 11 2345-6789", "BR"),
    ],
)
def test_other_countries(typed: str, digits: str, shown: str, region: str) -> None:
    assert read_destination(typed) == Destination(digits, shown, region)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("call me", Problem.LETTERS),
        ("+61 2 9999 1234 ext 5", Problem.LETTERS),
        ("02 9999 1234", Problem.NO_COUNTRY_CODE),
        ("+6", Problem.TOO_SHORT),
        ("+61 2 9999 1234 5678 90", Problem.TOO_LONG),
        ("+999 1234 5678", Problem.UNKNOWN_COUNTRY),
        ("+61 2 9999 123", Problem.INVALID),
        ("+1 800 123 4567", Problem.INVALID),
        ("61+299991234", Problem.INVALID),
        ("++61299991234", Problem.INVALID),
    ],
)
def test_bad_input_is_refused_with_a_reason(typed: str, problem: Problem) -> None:
    assert read_destination(typed) is problem


@given(st.text(max_size=30))
def test_reading_never_raises(text: str) -> None:
    result = read_destination(text)
    assert isinstance(result, Destination | Problem)
    if isinstance(result, Destination):
        assert result.digits.isdigit() and result.international.startswith("+")


# --- estimates ---------------------------------------------------------------------------
def voice(flag: str, second: str, minute: str, billing: str) -> VoiceCost:
    return VoiceCost(Decimal(flag), Decimal(second), Decimal(minute), billing, Decimal(0))


def fax(flag: str, second: str, minute: str, page: str, billing: str) -> FaxCost:
    return FaxCost(
        Decimal(flag), Decimal(second), Decimal(minute), Decimal(page), billing, Decimal(0)
    )


def test_sms_total_is_messages_times_price() -> None:
    assert sms_total(Decimal("0.0650"), 100) == Decimal("6.5")
    assert sms_total(Decimal("0.0650"), 0) == 0
    # Exact: with floats 3 × 0.1 would be 0.30000000000000004.
    assert sms_total(Decimal("0.1"), 3) == Decimal("0.3")


def test_voice_per_second_uses_seconds_and_per_minute_uses_minutes() -> None:
    by_second = voice("0.0500", "0.0008", "0.0480", "PerSecond")
    assert voice_minute_rate(by_second) == Decimal("0.048")
    assert voice_total(by_second, 30) == Decimal("0.0500") + 30 * 60 * Decimal("0.0008")
    assert voice_total(by_second, 30) == Decimal("1.49")
    by_minute = voice("0.0200", "0.000417", "0.0250", "PerMinute")
    assert voice_minute_rate(by_minute) == Decimal("0.0250")  # not 60 × 0.000417 = 0.02502
    assert voice_total(by_minute, 7) == Decimal("0.1950")
    assert voice_total(by_minute, 0) == Decimal("0.0200")


def test_fax_totals_for_every_billing_type() -> None:
    assert fax_total(fax("0.0500", "0", "0", "0.1200", "PerPage"), 10) == Decimal("1.25")
    mixed = fax("0.0300", "0.0005", "0.0300", "0.0500", "Mixed")
    assert fax_page_rate(mixed) == Decimal("0.0800")
    assert fax_total(mixed, 10) == Decimal("0.83")
    assert fax_total(fax("0.1000", "0.0012", "0.0720", "0", "PerMinute"), 3) == Decimal("0.316")
    assert fax_total(fax("0", "0.0004", "0.0240", "0", "PerSecond"), 5) == Decimal("0.12")


def test_estimate_adds_the_parts_that_have_prices() -> None:
    quote = Quote(
        SYDNEY,
        {"replies": Decimal("0.0650"), "masking": Decimal("0.0750")},
        voice("0", "0.0005", "0.0300", "PerSecond"),
        None,
    )
    result = estimate(quote, Plan(messages=100, sms_type="masking", minutes=30, pages=10))
    assert (result.sms, result.voice, result.fax) == (Decimal("7.5"), Decimal("0.9"), None)
    assert result.total == Decimal("8.4")
    assert isinstance(result.total, Decimal)
    nothing = estimate(Quote(SYDNEY, {}, None, None), Plan())
    assert nothing.total is None


# --- quotes against the sandbox ----------------------------------------------------------
def expected_voice(region: str) -> tuple[Decimal, Decimal, Decimal, str]:
    flag, second, minute, billing = VOICE_RATES[region]
    return Decimal(flag), Decimal(second), Decimal(minute), billing


@pytest.mark.parametrize(
    ("typed", "region"),
    [("+61 2 9999 1234", "AU"), ("+49 30 1234567", "DE"), ("+81 3 1234 5678", "JP"),
     ("+33 1 23 45 67 89", "FR")],
)
def test_quote_has_every_price_of_the_rate_tables(api: Api, typed: str, region: str) -> None:
    destination = read_destination(typed)
    assert isinstance(destination, Destination) and destination.region == region
    quote = run(CostQuoter(api).quote(destination, key=None))
    _country, *sms = SMS_RATES[region]
    assert dict(quote.sms) == {t: Decimal(p) for t, p in zip(SMS_COST_TYPES, sms, strict=True)}
    assert list(quote.sms) == list(SMS_COST_TYPES)
    assert quote.voice is not None and quote.fax is not None
    assert (
        quote.voice.flag_fall, quote.voice.per_second, quote.voice.per_minute,
        quote.voice.billing_type,
    ) == expected_voice(region)
    flag, second, minute, page, billing = FAX_RATES[region]
    assert (quote.fax.flag_fall, quote.fax.per_second, quote.fax.per_minute, quote.fax.per_page,
            quote.fax.billing_type) == (*map(Decimal, (flag, second, minute, page)), billing)
    assert quote.unavailable == {}
    # One minute / one page of our estimate is TraiTel's own Cost.
    assert voice_total(quote.voice, 1) == quote.voice.cost
    assert fax_total(quote.fax, 1) == quote.fax.cost
    # The three services were asked in parallel: one request per SMS type, voice and fax.
    assert api.counts["querysmscost"] == len(SMS_COST_TYPES)
    assert api.counts["queryvoicecost"] == api.counts["queryfaxcost"] == 1


def test_unroutable_destination_raises_120(api: Api) -> None:
    brazil = read_destination("+55 11 2345 6789")
    assert isinstance(brazil, Destination)
    with pytest.raises(InvalidDestination) as info:
        run(CostQuoter(api).quote(brazil, key=None))
    assert info.value.code == 120 and info.value.field == "number"
    assert not info.value.local  # TraiTel said so: the number itself is valid


def test_invalid_sms_type_is_error_200_and_sends_no_sms_question(api: Api) -> None:
    quoter = CostQuoter(api, sms_types=("replies", "carrier-pigeon"))
    with pytest.raises(IncompleteRequest) as info:
        run(quoter.quote(SYDNEY, key=None))
    assert info.value.code == 200 and info.value.field == "type"
    assert api.counts["querysmscost"] == 1  # "replies" only: the bad type never left


def test_parallel_calls_overlap(make_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The six questions go out in parallel, as many at once as the pool has workers (4)."""
    overlap = Overlap(monkeypatch, until=4)
    api = make_api()
    quote = run(CostQuoter(api).quote(SYDNEY, key=None))
    assert quote.voice is not None
    assert overlap.peak == 4
