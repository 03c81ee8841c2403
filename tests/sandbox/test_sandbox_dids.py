"""DID modes: querynumbers, assignnumber, querydid*, subscribedid, and their errors."""

from __future__ import annotations

from decimal import Decimal

import phonenumbers
import pytest

from tests.helpers.wire import call, call_with
from traitel_desktop.sandbox import Sandbox
from traitel_desktop.sandbox.modes.dids import DID_SETUP_FEE


def numbers(url: str, user: str = "demo", **params: object) -> dict[str, dict[str, str]]:
    rows = call_with(url, "querynumbers", params, user).table()
    return {row["Number"]: row for row in rows}


def pick(url: str, service: str, assigned: str | None = None) -> str:
    for number, row in numbers(url, service=service).items():
        if assigned is None or row["Assigned-Service"] == assigned:
            return number
    raise AssertionError(f"no {service} DID assigned to {assigned!r}")


def test_querynumbers_lists_valid_numbers_of_every_service(url: str) -> None:
    rows = numbers(url)
    assert {r["Service"] for r in rows.values()} == {"fax", "voice", "sms"}
    assert {r["Assigned-Service"] for r in rows.values()} == {"", "IVR", "IVML", "SIP"}
    for number, row in rows.items():
        assert phonenumbers.is_valid_number(phonenumbers.parse("+" + number)), number
        assert (row["Assigned-ID"] == "") == (row["Assigned-Service"] == "")


def test_querynumbers_filters(url: str) -> None:
    every = numbers(url)
    faxes = numbers(url, service="fax")
    assert faxes and set(faxes) < set(every)
    assert all(r["Service"] == "fax" for r in faxes.values())
    mine = numbers(url, subid=1001)
    main = numbers(url, subid=0)
    assert mine and main and not set(mine) & set(main)


@pytest.mark.parametrize(
    ("params", "code"),
    [({"subid": "1008"}, 105), ({"subid": "77"}, 105), ({"subid": "x"}, 200),
     ({"service": "telex"}, 200)],
)
def test_querynumbers_errors(url: str, params: dict[str, str], code: int) -> None:
    assert call_with(url, "querynumbers", params).code == code


def test_noivr_numbers_are_sip(url: str) -> None:
    rows = numbers(url, "noivr")
    voice = [r for r in rows.values() if r["Service"] == "voice"]
    assert voice and all(r["Assigned-Service"] == "SIP" for r in voice)


def test_assign_voice_to_ivr_ivml_and_sip(fresh: Sandbox) -> None:
    url = fresh.primary_url
    did = pick(url, "voice", "")
    assert call(url, "assignnumber", number=did, service="voice", servicetype="IVR",
                serviceid=12).raw == b"Ok\n"
    assert numbers(url)[did]["Assigned-Service"] == "IVR"
    ivr_dids = {r["ID"]: r["DIDs"] for r in call(url, "listivr").table()}
    assert did in ivr_dids["12"].split()
    assert call(url, "assignnumber", number=did, service="voice", servicetype="IVML",
                serviceid=302).ok
    assert numbers(url)[did]["Assigned-ID"] == "302"
    assert call(url, "assignnumber", number=did, service="voice", servicetype="SIP",
                serviceid=1003).ok
    assert numbers(url)[did] == {"Number": did, "Service": "voice", "Assigned-Service": "SIP",
                                 "Assigned-ID": "1003"}
    assert did in numbers(url, subid=1003)
    assert call(url, "assignnumber", number=did, service="voice", servicetype="SIP",
                serviceid=0).ok
    assert numbers(url)[did]["Assigned-ID"] == "0"


def test_assign_voice_number_to_fax(fresh: Sandbox) -> None:
    url = fresh.primary_url
    did = pick(url, "voice", "IVR")
    assert call(url, "assignnumber", number=did, service="fax").ok
    assert numbers(url)[did] == {"Number": did, "Service": "fax", "Assigned-Service": "",
                                 "Assigned-ID": ""}


def fax_only(sb: Sandbox) -> str:
    row = sb.db.conn.execute(
        "SELECT number FROM dids WHERE account_id = 1 AND capable = 'fax' ORDER BY number"
    ).fetchone()
    return str(row[0])


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 200),
        ({"number": "{voice}"}, 200),
        ({"service": "voice"}, 200),
        ({"number": "{voice}", "service": "telex"}, 107),
        ({"number": "{sms}", "service": "sms"}, 107),
        ({"number": "{voice}", "service": "voice", "servicetype": "PSTN", "serviceid": "1"}, 107),
        ({"number": "{voice}", "service": "voice"}, 200),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVR"}, 200),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVR", "serviceid": "x"}, 200),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVR", "serviceid": "14"}, 109),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVR", "serviceid": "99"}, 109),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVML", "serviceid": "99"}, 110),
        ({"number": "{voice}", "service": "voice", "servicetype": "IVML", "serviceid": "305"},
         110),  # the "other" account's IVML
        ({"number": "{voice}", "service": "voice", "servicetype": "SIP", "serviceid": "1008"},
         105),
        ({"number": "{voice}", "service": "voice", "servicetype": "SIP", "serviceid": "4242"},
         105),
        ({"number": "61299999999", "service": "fax"}, 113),
        ({"number": "abc", "service": "fax"}, 113),
        ({"number": "{noivr}", "service": "fax"}, 113),  # not this account's
        ({"number": "{sms}", "service": "fax"}, 108),
        ({"number": "{sms}", "service": "voice", "servicetype": "SIP", "serviceid": "0"}, 108),
        ({"number": "{faxonly}", "service": "voice", "servicetype": "SIP", "serviceid": "0"},
         108),
    ],
)
def test_assign_errors(fresh: Sandbox, params: dict[str, str], code: int) -> None:
    url = fresh.primary_url
    values = {"{voice}": pick(url, "voice", ""), "{sms}": pick(url, "sms"),
              "{faxonly}": fax_only(fresh),
              "{noivr}": next(iter(numbers(url, "noivr", service="fax")))}
    params = {k: values.get(v, v) for k, v in params.items()}
    before = fresh.dump()
    assert call_with(url, "assignnumber", params).code == code
    assert fresh.dump() == before


def test_did_countries_and_cities(url: str) -> None:
    for service in ("fax", "voice", "sms"):
        countries = [r["CountryName"] for r in
                     call(url, "querydidcountries", service=service).table()]
        assert len(countries) >= 6 and countries == sorted(countries)
    cities = call(url, "querydidcities", service="fax", country="Australia").table()
    assert {r["CityName"] for r in cities} >= {"Sydney", "Melbourne", "Brisbane"}
    assert {r["CountryName"] for r in cities} == {"Australia"}
    total = sum(len(call(url, "querydidcities", service="voice", country=r["CountryName"])
                    .table()) for r in call(url, "querydidcountries", service="voice").table())
    assert total >= 15


@pytest.mark.parametrize(
    ("mode", "params", "code"),
    [
        ("querydidcountries", {}, 200),
        ("querydidcountries", {"service": "telex"}, 107),
        ("querydidcountries", {"service": ".sms"}, 107),
        ("querydidcities", {"service": "fax"}, 200),
        ("querydidcities", {"service": "telex", "country": "Australia"}, 107),
        ("querydidcities", {"service": "fax", "country": "Atlantis"}, 111),
        ("querydidcities", {"service": "sms", "country": "France"}, 111),  # no SMS DIDs there
        ("querydids", {"service": "fax", "country": "Australia"}, 200),
        ("querydids", {"service": "fax", "country": "Atlantis", "city": "Sydney"}, 111),
        ("querydids", {"service": "fax", "country": "Australia", "city": "Paris"}, 112),
        ("querydids", {"service": "sms", "country": "Australia", "city": "Perth"}, 112),
        ("querydids", {"service": "fax", "country": "Australia", "city": "Sydney",
                       "quantity": "11"}, 200),
        ("querydids", {"service": "fax", "country": "Australia", "city": "Sydney",
                       "quantity": "0"}, 200),
        ("querydids", {"service": "fax", "country": "Australia", "city": "Sydney",
                       "quantity": "two"}, 200),
    ],
)
def test_did_inventory_errors(url: str, mode: str, params: dict[str, str], code: int) -> None:
    assert call_with(url, mode, params).code == code


def test_querydids_quantity(url: str) -> None:
    one = call(url, "querydids", service="voice", country="Australia", city="Sydney")
    assert [h.strip() for h in one.header()] == ["CountryName", "CityName", "DID"]
    assert len(one.rest) == 2
    ten = call(url, "querydids", service="voice", country="Australia", city="Sydney",
               quantity=10).rest[1:]
    assert 1 <= len(ten) <= 10
    for line in ten:
        country, city, did = line.split(",")
        assert (country, city) == ("Australia", "Sydney")
        parsed = phonenumbers.parse("+" + did)
        assert phonenumbers.is_valid_number(parsed) and parsed.country_code == 61


def offer(url: str, service: str = "fax", country: str = "Australia", city: str = "Sydney"
          ) -> str:
    return call(url, "querydids", service=service, country=country, city=city).rest[1].split(
        ",")[2]


def test_subscribe_adds_an_unassigned_number(fresh: Sandbox) -> None:
    url = fresh.primary_url
    did = offer(url, "sms", "United Kingdom", "London")
    assert call(url, "subscribedid", service="sms", country="United Kingdom", city="London",
                did=did).raw == b"Ok\n"
    assert numbers(url)[did] == {"Number": did, "Service": "sms", "Assigned-Service": "",
                                 "Assigned-ID": ""}
    assert did not in call(url, "querydids", service="sms", country="United Kingdom",
                           city="London", quantity=10).raw.decode()
    again = call(url, "subscribedid", service="sms", country="United Kingdom", city="London",
                 did=did)
    assert again.code == 114


def balance(url: str, user: str = "demo") -> Decimal:
    return Decimal(call(url, "querybalance", user=user, password=user).rest[0])


def test_subscribe_charges_the_setup_fee_once(fresh: Sandbox) -> None:
    url = fresh.primary_url
    before, other = balance(url), balance(url, "other")
    did = offer(url)
    assert call(url, "subscribedid", service="fax", country="Australia", city="Sydney",
                did=did).raw == b"Ok\n"
    assert balance(url) == before - Decimal("10.00") == before - DID_SETUP_FEE
    # Refused (taken now, even by this account) or invalid: nothing more is charged.
    assert call(url, "subscribedid", service="fax", country="Australia", city="Sydney",
                did=did).code == 114
    assert call(url, "subscribedid", service="fax", country="Australia", city="Sydney",
                did="61299999999").code == 113
    assert balance(url) == before - DID_SETUP_FEE
    assert balance(url, "other") == other  # only the buyer pays


def test_subscribe_a_did_someone_else_took_is_114(fresh: Sandbox) -> None:
    url = fresh.primary_url
    did = offer(url)
    fresh.take_did(did)
    before = fresh.dump()
    reply = call(url, "subscribedid", service="fax", country="Australia", city="Sydney", did=did)
    assert reply.code == 114
    assert fresh.dump() == before
    assert offer(url) != did


def test_take_did_of_an_unknown_number_raises(fresh: Sandbox) -> None:
    with pytest.raises(KeyError):
        fresh.take_did("61200000000")


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"country": "Australia", "city": "Sydney", "did": "{did}"}, 200),
        ({"service": "telex", "country": "Australia", "city": "Sydney", "did": "{did}"}, 107),
        ({"service": "fax", "country": "Narnia", "city": "Sydney", "did": "{did}"}, 111),
        ({"service": "fax", "country": "Australia", "city": "Gotham", "did": "{did}"}, 112),
        ({"service": "fax", "country": "Australia", "city": "Sydney"}, 200),
        ({"service": "fax", "country": "Australia", "city": "Sydney", "did": "12ab"}, 113),
        ({"service": "fax", "country": "Australia", "city": "Sydney", "did": "61299999999"},
         113),
        ({"service": "fax", "country": "Australia", "city": "Melbourne", "did": "{did}"}, 113),
        ({"service": "voice", "country": "Australia", "city": "Sydney", "did": "{did}"}, 113),
    ],
)
def test_subscribe_errors(fresh: Sandbox, params: dict[str, str], code: int) -> None:
    url = fresh.primary_url
    did = offer(url)
    params = {k: did if v == "{did}" else v for k, v in params.items()}
    before = fresh.dump()
    assert call_with(url, "subscribedid", params).code == code
    assert fresh.dump() == before
