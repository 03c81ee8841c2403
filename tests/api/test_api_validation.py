"""Bad arguments raise the gateway's error class with the field set, and send nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.fake_gateway import FakeGateway
from traitel_desktop.api import TraiTelClient, errors
from traitel_desktop.contract.zones import today_in

E = errors
D = dt.date(2024, 1, 10)
N = "61299991234"
LATEST_TODAY = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
TOMORROW = LATEST_TODAY + dt.timedelta(days=1)

Case = tuple[str, Callable[[TraiTelClient], Any], type[errors.ApiError], str]

CASES: list[Case] = [
    ("alias-missing", lambda c: c.add_sub_account("  "), E.IncompleteRequest, "alias"),
    ("email-syntax", lambda c: c.add_sub_account("a", "not-an-email"), E.InvalidEmail, "email"),
    ("email-no-dot", lambda c: c.update_sub_account(3, email="a@localhost"), E.InvalidEmail,
     "email"),
    ("subid-zero", lambda c: c.update_sub_account(0, company="x"), E.InvalidSubAccount, "subid"),
    ("subid-text", lambda c: c.del_sub_account("abc"), E.IncompleteRequest, "subid"),  # type: ignore[arg-type]
    ("subid-bool", lambda c: c.del_sub_account(True), E.IncompleteRequest, "subid"),
    ("alias-blank", lambda c: c.update_sub_account(3, alias=""), E.IncompleteRequest, "alias"),
    ("numbers-service", lambda c: c.query_numbers(service="pager"), E.IncompleteRequest,
     "service"),
    ("numbers-subid", lambda c: c.query_numbers(sub_id=-1), E.InvalidSubAccount, "subid"),
    ("assign-service", lambda c: c.assign_number(N, "sms"), E.InvalidService, "service"),
    ("assign-number", lambda c: c.assign_number("call me", "fax"), E.InvalidDid, "number"),
    ("assign-no-type", lambda c: c.assign_number(N, "voice"), E.IncompleteRequest,
     "servicetype"),
    ("assign-bad-type", lambda c: c.assign_number(N, "voice", "PBX", 1), E.InvalidService,
     "servicetype"),
    ("assign-no-id", lambda c: c.assign_number(N, "voice", "IVR"), E.IncompleteRequest,
     "serviceid"),
    ("assign-ivr-0", lambda c: c.assign_number(N, "voice", "IVR", 0), E.InvalidIvr, "serviceid"),
    ("assign-ivml-neg", lambda c: c.assign_number(N, "voice", "IVML", -3), E.InvalidIvml,
     "serviceid"),
    ("assign-sip-neg", lambda c: c.assign_number(N, "voice", "SIP", -1), E.InvalidSubAccount,
     "serviceid"),
    ("countries-service", lambda c: c.query_did_countries("telex"), E.InvalidService,
     "service"),
    ("cities-country", lambda c: c.query_did_cities("fax", " "), E.IncompleteRequest,
     "country"),
    ("dids-city", lambda c: c.query_dids("fax", "Australia", ""), E.IncompleteRequest, "city"),
    ("quantity-0", lambda c: c.query_dids("fax", "Australia", "Sydney", 0), E.IncompleteRequest,
     "quantity"),
    ("quantity-11", lambda c: c.query_dids("fax", "Australia", "Sydney", 11),
     E.IncompleteRequest, "quantity"),
    ("quantity-float", lambda c: c.query_dids("fax", "Australia", "Sydney", 2.5),  # type: ignore[arg-type]
     E.IncompleteRequest, "quantity"),
    ("did-missing", lambda c: c.subscribe_did("voice", "Australia", "Sydney", ""),
     E.IncompleteRequest, "did"),
    ("did-letters", lambda c: c.subscribe_did("voice", "Australia", "Sydney", "6128ABC"),
     E.InvalidDid, "did"),
    ("ivml-name", lambda c: c.add_ivml("", "https://e.com/", "inbound"), E.IncompleteRequest,
     "name"),
    ("ivml-ftp", lambda c: c.add_ivml("n", "ftp://e.com/x", "inbound"), E.IncompleteRequest,
     "launchurl"),
    ("ivml-no-host", lambda c: c.add_ivml("n", "https://", "inbound"), E.IncompleteRequest,
     "launchurl"),
    ("ivml-type", lambda c: c.add_ivml("n", "https://e.com/", "sideways"), E.IncompleteRequest,
     "type"),
    ("ivml-result", lambda c: c.add_ivml("n", "https://e.com/", "inbound", "javascript:x()"),
     E.IncompleteRequest, "resulturl"),
    ("ivml-id-0", lambda c: c.update_ivml(0, name="n"), E.InvalidIvml, "ivmlid"),
    ("ivml-bare-host", lambda c: c.update_ivml(3, launch_url="example.com/x"),
     E.IncompleteRequest, "launchurl"),
    ("ivml-delete-text", lambda c: c.delete_ivml("x"), E.IncompleteRequest, "ivmlid"),  # type: ignore[arg-type]
    ("start-future", lambda c: c.log_fax_in(TOMORROW, TOMORROW), E.InvalidStartDate,
     "startdate"),
    ("end-future", lambda c: c.log_fax_out(D, TOMORROW), E.InvalidEndDate, "enddate"),
    ("start-after-end", lambda c: c.log_voice_in(D, D - dt.timedelta(days=1)),
     E.IncompleteRequest, "startdate"),
    ("start-impossible", lambda c: c.log_voice_out("2024-02-30", D), E.InvalidStartDate,
     "startdate"),
    ("end-format", lambda c: c.log_sms_in(D, "01/02/2024"), E.InvalidEndDate, "enddate"),
    ("start-missing", lambda c: c.log_sms_out(None, D), E.IncompleteRequest, "startdate"),  # type: ignore[arg-type]
    ("limit-zero", lambda c: c.log_sms_out(D, D, limit=0), E.IncompleteRequest, "limit"),
    ("limit-text", lambda c: c.log_sms_out(D, D, limit="10"), E.IncompleteRequest, "limit"),  # type: ignore[arg-type]
    ("log-subid", lambda c: c.log_fax_in(D, D, sub_id=-2), E.InvalidSubAccount, "subid"),
    ("tz-unknown", lambda c: c.set_time_zone("Mars/Olympus_Mons"), E.InvalidTimeZone, "tz"),
    ("tz-path", lambda c: c.set_time_zone("../../etc/passwd"), E.InvalidTimeZone, "tz"),
    ("tz-missing", lambda c: c.set_time_zone(""), E.IncompleteRequest, "tz"),
    ("sms-number", lambda c: c.query_sms_cost("+1 555 0100", "replies"), E.InvalidDestination,
     "number"),
    ("sms-type", lambda c: c.query_sms_cost("+61 412 345 678", "bulk"), E.IncompleteRequest,
     "type"),
    ("voice-number", lambda c: c.query_voice_cost("hello"), E.InvalidDestination, "number"),
    ("fax-number-missing", lambda c: c.query_fax_cost(""), E.IncompleteRequest, "number"),
]


@pytest.mark.parametrize(("name", "call", "cls", "field"), CASES, ids=[c[0] for c in CASES])
def test_bad_argument_is_refused_locally(
    client: TraiTelClient,
    primary: FakeGateway,
    alternate: FakeGateway,
    name: str,
    call: Callable[[TraiTelClient], Any],
    cls: type[errors.ApiError],
    field: str,
) -> None:
    with pytest.raises(cls) as info:
        call(client)
    exc = info.value
    assert type(exc) is cls
    assert exc.field == field
    assert exc.local is True
    assert exc.explanation
    assert primary.requests == [] and alternate.requests == []


def test_today_in_utc_plus_14_is_accepted(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Ok\nID,Sub-ID,Date,Time,From,To,FaxStationID,Pages,Speed,Duration\n")
    assert client.log_fax_in(LATEST_TODAY, LATEST_TODAY) == []
    assert primary.requests[0].form["enddate"] == LATEST_TODAY.isoformat()


def test_account_time_zone_narrows_today(client: TraiTelClient, primary: FakeGateway) -> None:
    # Pago Pago (UTC-11) is always a day or two behind UTC+14.
    client.time_zone = "Pacific/Pago_Pago"
    with pytest.raises(errors.InvalidEndDate):
        client.log_fax_in(D, LATEST_TODAY)
    assert primary.requests == []


def test_today_in() -> None:
    now = dt.datetime(2024, 6, 30, 11, 30, tzinfo=dt.UTC)
    assert today_in(None, now) == dt.date(2024, 7, 1)
    assert today_in("Pacific/Pago_Pago", now) == dt.date(2024, 6, 30)
    assert today_in("Australia/Sydney", now) == dt.date(2024, 6, 30)
    assert today_in("Not/AZone", now) == dt.date(2024, 7, 1)


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("+61 2 9999 1234", "61299991234"),
        ("0061 2 9999 1234", "61299991234"),
        ("61-2-9999-1234", "61299991234"),
        ("+39 06 1234 5678", "390612345678"),
        ("+1 (212) 555-0123", "12125550123"),
    ],
)
def test_destination_numbers_sent_as_international_digits(
    client: TraiTelClient, primary: FakeGateway, typed: str, sent: str
) -> None:
    primary.reply("Ok\nFlagFall,PerSecond,PerMinute,PerPage,BillingType,Cost\n0,0,0,0.1,PerPage,0.1\n")
    client.query_fax_cost(typed)
    assert primary.requests[-1].form["number"] == sent


def test_fax_assignment_does_not_send_voice_fields(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    client.assign_number("+61 2 9999 1235", "FAX", "IVR", 3)
    assert primary.requests[0].form == {
        "user": "demo", "pass": primary.requests[0].form["pass"], "mode": "assignnumber",
        "number": "61299991235", "service": "fax",
    }


def test_ids_as_digit_strings_are_accepted(client: TraiTelClient, primary: FakeGateway) -> None:
    client.del_sub_account("12")  # type: ignore[arg-type]
    assert primary.requests[0].form["subid"] == "12"
