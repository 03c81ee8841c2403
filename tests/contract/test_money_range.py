"""Amounts of money from a gateway are range-checked: an absurd figure (a 40-digit balance, a
cost with fifty decimals) is a ProtocolError naming the field, never a Decimal that later
stops the app when it is rounded for the screen (issue 13, part 3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import PASSWORD, FakeGateway, start_gateway
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.errors import ProtocolError
from traitel_desktop.contract.readings import (
    MONEY_LIMIT,
    MONEY_PLACES,
    money_in_range,
    read_cost,
    read_money,
)

FORTY_DIGITS = "1234567890" * 4
PAST = dt.date(2024, 3, 6)  # a past day: log dates may not be in the future


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    made, stop = start_gateway()
    made.by_mode["querytimezone"] = "Ok\nUTC\n"
    yield made
    stop()


@pytest.fixture
def client(gateway: FakeGateway) -> Iterator[TraiTelClient]:
    with TraiTelClient("demo", PASSWORD, gateways=(gateway.url, gateway.url),
                       connect_timeout=2, read_timeout=5) as made:
        yield made


# --- the bound ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "0", "-0", "0.0000", "664.7674", "-25.50", "999999999999.99", "-999999999999",
    "0.000000049390", "0.000000000001", "0.10000000000000000000", "000000000000001.5",
])
def test_real_amounts_are_in_range(text: str) -> None:
    assert money_in_range(Decimal(text))
    assert read_money(text) == Decimal(text)


@pytest.mark.parametrize("text", [
    FORTY_DIGITS, "1000000000000", "-1000000000000", "1000000000000.00",
    "0.0000000000001", "1." + "1" * 50, "9" * 10_000,
])
def test_absurd_amounts_are_refused(text: str) -> None:
    assert not money_in_range(Decimal(text))
    with pytest.raises(ValueError, match="amount out of range"):
        read_money(text)
    with pytest.raises(ValueError, match="amount out of range"):
        read_cost(text)


@pytest.mark.parametrize("value", ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "1E+27",
                                   "1E+999999", "1E-999999", "0E+999999"])
def test_money_in_range_never_raises(value: str) -> None:
    assert money_in_range(Decimal(value)) is (value == "0E+999999")


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_money_in_range_agrees_with_the_definition(value: Decimal) -> None:
    expected = (value.is_finite() and value.copy_abs() < MONEY_LIMIT
                and (Fraction(value) * 10**MONEY_PLACES).denominator == 1)
    assert money_in_range(value) == expected


@given(st.from_regex(r"[+-]?0{0,3}[0-9]{0,14}(\.[0-9]{0,15}0{0,3})?", fullmatch=True)
       .filter(lambda t: any(c.isdigit() for c in t)))
def test_read_money_checks_the_text_as_money_in_range_checks_the_amount(text: str) -> None:
    try:
        got = read_money(text)
    except ValueError:
        assert not money_in_range(Decimal(text))
    else:
        assert money_in_range(got) and got == Decimal(text)


# --- through the client, over HTTP ---------------------------------------------------------

def test_a_forty_digit_balance_is_a_protocol_error_naming_the_field(
    gateway: FakeGateway, client: TraiTelClient
) -> None:
    gateway.by_mode["querybalance"] = f"Ok\n{FORTY_DIGITS}\n"
    with pytest.raises(ProtocolError) as info:
        client.query_balance()
    assert "credit_balance" in info.value.detail
    assert "out of range" in info.value.detail
    gateway.by_mode["querybalance"] = SUCCESS["querybalance"]
    assert client.query_balance() == Decimal("123.4500")


def test_an_absurd_sms_cost_names_the_sms_cost(
    gateway: FakeGateway, client: TraiTelClient
) -> None:
    gateway.by_mode["querysmscost"] = "Ok\n1e999999\n"
    with pytest.raises(ProtocolError, match="SMS cost: not an amount of money"):
        client.query_sms_cost("61412345678", "replies")
    gateway.by_mode["querysmscost"] = f"Ok\n0.{'0' * 20}1\n"
    with pytest.raises(ProtocolError, match="SMS cost: amount out of range"):
        client.query_sms_cost("61412345678", "replies")


def test_an_absurd_cost_in_a_log_names_the_row_and_column(
    gateway: FakeGateway, client: TraiTelClient
) -> None:
    body = SUCCESS["logsmsout"].replace(",0.0800\n", f",{FORTY_DIGITS}.00\n")
    gateway.by_mode["logsmsout"] = body
    with pytest.raises(ProtocolError) as info:
        client.log_sms_out(PAST, PAST)
    assert "logsmsout row 2, column 'Cost': amount out of range" in info.value.detail


def test_an_absurd_rate_in_a_price_names_the_column(
    gateway: FakeGateway, client: TraiTelClient
) -> None:
    gateway.by_mode["queryvoicecost"] = SUCCESS["queryvoicecost"].replace(
        "0.0010,", f"{FORTY_DIGITS},")
    with pytest.raises(ProtocolError) as info:
        client.query_voice_cost("61412345678")
    assert "column 'PerSecond': amount out of range" in info.value.detail
