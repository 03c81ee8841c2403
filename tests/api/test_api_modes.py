"""Every one of the 27 modes: what the client sends, and the typed result of a success body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import PASSWORD, FakeGateway
from traitel_desktop.api import TraiTelClient, errors, records
from traitel_desktop.contract.modes import MODES

D1 = dt.date(2024, 3, 1)
D2 = dt.date(2024, 3, 31)
LOG_FORM = {"startdate": "2024-03-01", "enddate": "2024-03-31"}


def check_balance(result: Decimal) -> None:
    assert result == Decimal("123.4500")
    assert isinstance(result, Decimal)
    assert str(result) == "123.4500"


def check_sub_accounts(result: list[records.SubAccount]) -> None:
    assert result == [
        records.SubAccount(11, "ann@example.com", "Ann", "Lee", "Lee, Smith & Co",
                           'Lee "Fax" line', {}),
        records.SubAccount(12, "", "Bob", "", "", "", {}),
    ]


def check_numbers(result: list[records.Number]) -> None:
    assert result == [
        records.Number("61299991234", "voice", "IVR", 3),
        records.Number("61299991235", "fax", "", None),
        records.Number("61299991236", "voice", "SIP", 0),
    ]


def check_countries(result: list[str]) -> None:
    assert result == ["Australia", "United Kingdom"]


def check_cities(result: list[records.DidCity]) -> None:
    assert result == [records.DidCity("Australia", "Sydney"),
                      records.DidCity("Australia", "Melbourne")]


def check_offers(result: list[records.DidOffer]) -> None:
    assert result == [records.DidOffer("Australia", "Sydney", "61280001111"),
                      records.DidOffer("Australia", "Sydney", "61280001112")]


def check_ivr(result: list[records.IvrMenu]) -> None:
    assert result == [
        records.IvrMenu(3, "Main menu", ("61299991234", "61299991237"), False),
        records.IvrMenu(4, "Dialler", (), True),
    ]


def check_ivml(result: list[records.IvmlConfig]) -> None:
    assert result == [
        records.IvmlConfig(21, "Support", "https://example.com/ivml?a=1&b=2",
                           "https://example.com/result", ("61299991238",), False),
        records.IvmlConfig(22, "Campaign", "http://example.com/out", "", (), True),
    ]


def check_fax_in(result: list[records.FaxIn]) -> None:
    assert result == [
        records.FaxIn(1001, 0, dt.date(2024, 3, 1), dt.time(9, 15, 2), "61755550000",
                      "61299991235", "ACME FAX", 3, 14400, 95),
        records.FaxIn(1002, 11, dt.date(2024, 3, 2), dt.time(17, 0, 59), "4420799990000",
                      "61299991235", "", 1, 9600, 40),
    ]


def check_fax_out(result: list[records.FaxOut]) -> None:
    first, second = result
    assert first == records.FaxOut(2001, 0, D1, dt.time(10, 0), "61299991235", "61755550000",
                                   2, 14400, 60, Decimal("0.2400"), 1, 0)
    assert first.result.delivered
    assert second.cost == Decimal("0") and isinstance(second.cost, Decimal)
    assert (second.attempt, second.error_code) == (3, 202)
    assert second.result.text == "Busy, while dialling"


def check_voice_in(result: list[records.VoiceCall]) -> None:
    assert result == [
        records.VoiceCall(3001, 0, dt.date(2024, 3, 3), dt.time(8), "61412345678",
                          "61299991234", 125, "answered", Decimal("0.0500"), 21),
        records.VoiceCall(3002, 0, dt.date(2024, 3, 3), dt.time(8, 30), "61412345679",
                          "61299991234", 7, "failed", Decimal("0.0000"), None),
    ]


def check_voice_out(result: list[records.VoiceCall]) -> None:
    assert result == [
        records.VoiceCall(4001, 11, dt.date(2024, 3, 4), dt.time(12), "61299991234",
                          "61412345678", 300, "answered", Decimal("1.2000"), None),
    ]


def check_sms_in(result: list[records.SmsIn]) -> None:
    assert [r.message_type for r in result] == ["ASCII", "U16", "ASCII"]
    assert result[0].message == "Hello\\nWorld \\\\o/"
    assert result[0].text == "Hello\nWorld \\o/"
    assert result[1].text == "Hé  \U0001f600"
    assert result[2].text == "Hi, there"
    assert result[0].date == dt.date(2024, 3, 5) and result[0].id == 5001


def check_sms_out(result: list[records.SmsOut]) -> None:
    assert result == [
        records.SmsOut(6001, 0, dt.date(2024, 3, 6), dt.time(11), "61400000001",
                       "61412345678", 2, "delivered", Decimal("0.1600")),
        records.SmsOut(6002, 12, dt.date(2024, 3, 6), dt.time(11, 1), "61400000001",
                       "61412345679", 1, "", Decimal("0.0800")),
    ]


def check_voice_cost(result: records.VoiceCost) -> None:
    assert result == records.VoiceCost(Decimal("0.1000"), Decimal("0.0010"), Decimal("0.0600"),
                                       "PerSecond", Decimal("0.1600"))


def check_fax_cost(result: records.FaxCost) -> None:
    assert result == records.FaxCost(Decimal("0"), Decimal("0"), Decimal("0"),
                                     Decimal("0.1200"), "PerPage", Decimal("0.1200"))


def is_none(result: object) -> None:
    assert result is None


def equals(expected: object) -> Callable[[object], None]:
    def check(result: object) -> None:
        assert result == expected
        assert type(result) is type(expected)

    return check


Case = tuple[str, Callable[[TraiTelClient], Any], dict[str, str], Callable[[Any], None]]

CASES: list[Case] = [
    ("querybalance", lambda c: c.query_balance(), {}, check_balance),
    ("querysubaccounts", lambda c: c.query_sub_accounts(), {}, check_sub_accounts),
    ("addsubaccount",
     lambda c: c.add_sub_account("sales", email="s@example.com", first_name="Sam",
                                 fax_headline="ACME"),
     {"alias": "sales", "email": "s@example.com", "firstname": "Sam", "faxheadline": "ACME"},
     equals(17)),
    ("delsubaccount", lambda c: c.del_sub_account(12), {"subid": "12"}, is_none),
    ("updatesubaccount", lambda c: c.update_sub_account(11, company="New Co", email=""),
     {"subid": "11", "company": "New Co", "email": ""}, is_none),
    ("querynumbers", lambda c: c.query_numbers(sub_id=0, service="voice"),
     {"subid": "0", "service": "voice"}, check_numbers),
    ("assignnumber", lambda c: c.assign_number("+61 2 9999 1234", "voice", "SIP", 0),
     {"number": "61299991234", "service": "voice", "servicetype": "SIP", "serviceid": "0"},
     is_none),
    ("querydidcountries", lambda c: c.query_did_countries("sms"), {"service": "sms"},
     check_countries),
    ("querydidcities", lambda c: c.query_did_cities("fax", "Australia"),
     {"service": "fax", "country": "Australia"}, check_cities),
    ("querydids", lambda c: c.query_dids("voice", "Australia", "Sydney", quantity=2),
     {"service": "voice", "country": "Australia", "city": "Sydney", "quantity": "2"},
     check_offers),
    ("subscribedid", lambda c: c.subscribe_did("voice", "Australia", "Sydney", "61280001111"),
     {"service": "voice", "country": "Australia", "city": "Sydney", "did": "61280001111"},
     is_none),
    ("listivr", lambda c: c.list_ivr(), {}, check_ivr),
    ("listivml", lambda c: c.list_ivml(), {}, check_ivml),
    ("addivml",
     lambda c: c.add_ivml("Support", "https://example.com/ivml", "inbound",
                          result_url="https://example.com/r"),
     {"name": "Support", "launchurl": "https://example.com/ivml", "type": "inbound",
      "resulturl": "https://example.com/r"},
     equals(23)),
    ("updateivml", lambda c: c.update_ivml(21, name="Help desk", type="outbound"),
     {"ivmlid": "21", "name": "Help desk", "type": "outbound"}, is_none),
    ("deleteivml", lambda c: c.delete_ivml(22), {"ivmlid": "22"}, is_none),
    ("logfaxin", lambda c: c.log_fax_in(D1, D2, limit=50, sub_id=11),
     {**LOG_FORM, "limit": "50", "subid": "11"}, check_fax_in),
    ("logfaxout", lambda c: c.log_fax_out(D1, D2), LOG_FORM, check_fax_out),
    ("logvoicein", lambda c: c.log_voice_in("2024-03-01", "2024-03-31"), LOG_FORM,
     check_voice_in),
    ("logvoiceout", lambda c: c.log_voice_out(D1, D2), LOG_FORM, check_voice_out),
    ("logsmsin", lambda c: c.log_sms_in(D1, D2), LOG_FORM, check_sms_in),
    ("logsmsout", lambda c: c.log_sms_out(D1, D2), LOG_FORM, check_sms_out),
    ("settimezone", lambda c: c.set_time_zone("Australia/Sydney"), {"tz": "Australia/Sydney"},
     equals("Australia/Sydney")),
    ("querytimezone", lambda c: c.query_time_zone(), {}, equals("Europe/London")),
    ("querysmscost", lambda c: c.query_sms_cost("+61 412 345 678", "tracking"),
     {"number": "61412345678", "type": "tracking"}, equals(Decimal("0.0800"))),
    ("queryvoicecost", lambda c: c.query_voice_cost("0044 20 7946 0000"),
     {"number": "442079460000"}, check_voice_cost),
    ("queryfaxcost", lambda c: c.query_fax_cost("61-2-9999-1234"), {"number": "61299991234"},
     check_fax_cost),
]


def test_cases_cover_every_mode() -> None:
    assert sorted(mode for mode, *_ in CASES) == sorted(MODES)
    assert sorted(SUCCESS) == sorted(MODES)


@pytest.mark.parametrize(("mode", "call", "form", "check"), CASES, ids=[c[0] for c in CASES])
def test_mode_success(
    client: TraiTelClient,
    primary: FakeGateway,
    alternate: FakeGateway,
    mode: str,
    call: Callable[[TraiTelClient], Any],
    form: dict[str, str],
    check: Callable[[Any], None],
) -> None:
    primary.by_mode[mode] = SUCCESS[mode]
    check(call(client))
    [sent] = primary.requests
    assert sent.method == "POST"
    assert sent.path == "/accountmanager.pl"
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.form == {"user": "demo", "pass": PASSWORD, "mode": mode, **form}
    assert PASSWORD not in sent.path
    assert alternate.requests == []
    assert client.last_gateway is not None
    assert (client.last_gateway.index, client.last_gateway.name) == (0, "primary")
    assert client.last_gateway.url == primary.url


def test_write_mode_ignores_extra_text_after_ok(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    primary.reply("Ok\nDone.\n")
    client.delete_ivml(5)
    assert primary.modes() == ["deleteivml"]


def test_time_zone_is_remembered_for_date_checks(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    primary.reply(SUCCESS["querytimezone"])
    client.query_time_zone()
    assert client.time_zone == "Europe/London"
    assert client.copy().time_zone == "Europe/London"


def test_request_gives_raw_body(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply(SUCCESS["logsmsout"])
    response = client.request("logsmsout", startdate="2024-03-01", enddate="2024-03-02")
    assert response.body_text == SUCCESS["logsmsout"]
    assert response.parsed.table().header[0] == "ID"
    assert response.gateway.name == "primary"
    assert response.mode == "logsmsout"


def test_request_refuses_to_override_credentials(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    with pytest.raises(ValueError, match="pass"):
        client.request("querybalance", **{"pass": "other"})
    assert primary.requests == []


@pytest.mark.parametrize("body", ["Ok\n-3\n", "Ok\nseventeen\n", "Ok\n\n"])
def test_new_id_must_be_a_whole_number(
    client: TraiTelClient, primary: FakeGateway, body: str
) -> None:
    primary.reply(body)
    with pytest.raises(errors.ProtocolError):
        client.add_sub_account("sales")
