"""Cost queries (both SMS spellings, error 120) and the time-zone modes (119)."""

from __future__ import annotations

import re
from decimal import Decimal

import phonenumbers
import pytest

from tests.helpers.wire import call, call_with
from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.sandbox import Sandbox

SYDNEY = "61291234567"
AU_MOBILE = "61412345678"
BERLIN = "4930123456"
#: A valid number in a country without rates (Brazil): unroutable.
BRAZIL = phonenumbers.format_number(
    phonenumbers.parse("+55 11 96123 4567"), phonenumbers.PhoneNumberFormat.E164)[1:]
MONEY = re.compile(r"\d+\.\d{4,6}")


@pytest.mark.parametrize("mode", ["querysmscost", "querysmcost"])
@pytest.mark.parametrize("kind", SMS_COST_TYPES)
def test_sms_cost_both_spellings(url: str, mode: str, kind: str) -> None:
    value = call(url, mode, number=AU_MOBILE, type=kind).value
    assert MONEY.fullmatch(value) and Decimal(value) > 0


def test_sms_cost_types_differ_and_plus_is_tolerated(url: str) -> None:
    costs = [call(url, "querysmscost", number=AU_MOBILE, type=t).value for t in SMS_COST_TYPES]
    assert len(set(costs)) == 4
    assert call(url, "querysmscost", number="+" + AU_MOBILE, type="replies").value == costs[0]


def test_voice_cost(url: str) -> None:
    reply = call(url, "queryvoicecost", number=SYDNEY)
    assert reply.header() == ["FlagFall", "PerSecond", "PerMinute", "BillingType", "Cost"]
    (row,) = reply.table()
    assert row["BillingType"] in ("PerSecond", "PerMinute")
    for key in ("FlagFall", "PerSecond", "PerMinute", "Cost"):
        assert MONEY.fullmatch(row[key]), row
    assert Decimal(row["Cost"]) == Decimal(row["FlagFall"]) + Decimal(row["PerMinute"])
    per_minute = call(url, "queryvoicecost", number=BERLIN).table()[0]
    assert per_minute["BillingType"] == "PerMinute"


def test_fax_cost(url: str) -> None:
    reply = call(url, "queryfaxcost", number=SYDNEY)
    assert reply.header() == ["FlagFall", "PerSecond", "PerMinute", "PerPage", "BillingType",
                              "Cost"]
    (row,) = reply.table()
    assert row["BillingType"] == "PerPage"
    assert Decimal(row["Cost"]) == Decimal(row["FlagFall"]) + Decimal(row["PerPage"])
    assert call(url, "queryfaxcost", number=BERLIN).table()[0]["BillingType"] == "Mixed"


@pytest.mark.parametrize("mode", ["querysmscost", "querysmcost", "queryvoicecost",
                                  "queryfaxcost"])
@pytest.mark.parametrize(
    ("number", "code"),
    [(None, 200), ("", 200), ("abc", 120), ("0291234567", 120), ("612", 120),
     ("61 2 9123 4567", 120), ("6129123456789012", 120), ("61100000000", 120),
     ("15550000000", 120),
     (BRAZIL, 120)],
)
def test_cost_errors(url: str, mode: str, number: str | None, code: int) -> None:
    params = {"type": "replies"} if "sms" in mode or mode == "querysmcost" else {}
    if number is not None:
        params["number"] = number
    assert call_with(url, mode, params).code == code


@pytest.mark.parametrize("kind", [None, "", "cheap", "REPLIES"])
def test_sms_cost_type_errors(url: str, kind: str | None) -> None:
    params = {"number": AU_MOBILE} | ({} if kind is None else {"type": kind})
    assert call_with(url, "querysmscost", params).code == 200


def test_brazil_is_valid_but_unroutable() -> None:
    assert phonenumbers.is_valid_number(phonenumbers.parse("+" + BRAZIL))


def test_time_zones(fresh: Sandbox) -> None:
    url = fresh.primary_url
    assert call(url, "querytimezone").value == "Australia/Sydney"
    assert call(url, "querytimezone", user="noivr", password="noivr").value == "Europe/London"
    assert call(url, "settimezone", tz="Pacific/Auckland").raw == b"Ok\nPacific/Auckland\n"
    assert call(url, "querytimezone").value == "Pacific/Auckland"
    assert call(url, "querytimezone", user="noivr", password="noivr").value == "Europe/London"


@pytest.mark.parametrize(("tz", "code"), [(None, 200), ("", 200), ("Mars/Olympus", 119),
                                          ("sydney", 119), ("../etc/passwd", 119),
                                          ("Australia/Sydney ", 119), ("localtime", 119),
                                          ("posixrules", 119)])
def test_time_zone_errors(fresh: Sandbox, tz: str | None, code: int) -> None:
    before = fresh.dump()
    params = {} if tz is None else {"tz": tz}
    assert call_with(fresh.primary_url, "settimezone", params).code == code
    assert fresh.dump() == before
