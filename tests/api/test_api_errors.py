"""Every documented error code, answered by a real (fake) gateway, becomes the right class."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.fake_gateway import FakeGateway
from traitel_desktop.api import TraiTelClient, errors
from traitel_desktop.contract.error_codes import ERROR_TEXTS, error_line

D = dt.date(2024, 1, 10)

#: (code, class, call, field)
Case = tuple[int, type[errors.ApiError], Callable[[TraiTelClient], Any], str | None]

CASES: list[Case] = [
    (1, errors.ServiceUnavailable, lambda c: c.query_balance(), None),
    (2, errors.AuthenticationFailed, lambda c: c.query_balance(), None),
    (101, errors.EmailAlreadyRegistered, lambda c: c.add_sub_account("a", "a@example.com"),
     "email"),
    (102, errors.AliasAlreadyRegistered, lambda c: c.add_sub_account("sales"), "alias"),
    (104, errors.InvalidEmail, lambda c: c.update_sub_account(3, email="x@example.com"),
     "email"),
    (105, errors.InvalidSubAccount, lambda c: c.del_sub_account(99), "subid"),
    (105, errors.InvalidSubAccount, lambda c: c.assign_number("61299991234", "voice", "SIP", 9),
     "serviceid"),
    (105, errors.InvalidSubAccount, lambda c: c.log_fax_in(D, D, sub_id=9), "subid"),
    (107, errors.InvalidService, lambda c: c.query_did_countries("sms"), "service"),
    (108, errors.ServiceNotAvailable, lambda c: c.assign_number("61299991234", "fax"),
     "service"),
    (109, errors.InvalidIvr, lambda c: c.assign_number("61299991234", "voice", "IVR", 8),
     "serviceid"),
    (110, errors.InvalidIvml, lambda c: c.update_ivml(8, name="x"), "ivmlid"),
    (110, errors.InvalidIvml, lambda c: c.delete_ivml(8), "ivmlid"),
    (110, errors.InvalidIvml, lambda c: c.assign_number("61299991234", "voice", "IVML", 8),
     "serviceid"),
    (111, errors.InvalidCountry, lambda c: c.query_did_cities("fax", "Atlantis"), "country"),
    (112, errors.InvalidCity, lambda c: c.query_dids("fax", "Australia", "Gotham"), "city"),
    (113, errors.InvalidDid, lambda c: c.assign_number("61299990000", "fax"), "number"),
    (113, errors.InvalidDid, lambda c: c.subscribe_did("fax", "Australia", "Sydney",
                                                       "61280009999"), "did"),
    (114, errors.DidNotAvailable, lambda c: c.subscribe_did("fax", "Australia", "Sydney",
                                                            "61280001111"), "did"),
    (115, errors.NoIvrSubscription, lambda c: c.add_ivml("n", "https://e.com/", "inbound"),
     None),
    (116, errors.DuplicateName, lambda c: c.add_ivml("n", "https://e.com/", "inbound"), "name"),
    (117, errors.InvalidEndDate, lambda c: c.log_voice_in(D, D), "enddate"),
    (118, errors.InvalidStartDate, lambda c: c.log_sms_out(D, D), "startdate"),
    (119, errors.InvalidTimeZone, lambda c: c.set_time_zone("Europe/Paris"), "tz"),
    (120, errors.InvalidDestination, lambda c: c.query_fax_cost("+61 2 9999 1234"), "number"),
    (200, errors.IncompleteRequest, lambda c: c.query_numbers(), None),
]

JARGON = ("API", "HTTP", "parameter", "mode", "CSV", "server_text", "Error ")


def test_every_code_is_covered() -> None:
    assert {code for code, *_ in CASES} == set(ERROR_TEXTS)
    assert len(ERROR_TEXTS) == 21


@pytest.mark.parametrize(("code", "cls", "call", "field"), CASES,
                         ids=[f"{c[0]:03d}-{c[3]}" for c in CASES])
def test_error_code_raises_its_class(
    client: TraiTelClient,
    primary: FakeGateway,
    alternate: FakeGateway,
    code: int,
    cls: type[errors.ApiError],
    call: Callable[[TraiTelClient], Any],
    field: str | None,
) -> None:
    primary.reply(error_line(code) + "\n")
    alternate.reply(error_line(code) + "\n")
    with pytest.raises(cls) as info:
        call(client)
    exc = info.value
    assert type(exc) is cls
    assert isinstance(exc, errors.ApiError) and isinstance(exc, errors.TraiTelError)
    assert exc.code == code
    assert exc.server_text == ERROR_TEXTS[code]
    assert exc.field == field
    assert exc.local is False
    assert str(exc) == error_line(code)
    assert len(exc.explanation) > 40 and exc.explanation.endswith(".")
    assert not [word for word in JARGON if word in exc.explanation]
    # Only 001 is a reason to ask the other gateway.
    assert len(alternate.requests) == (1 if code == 1 else 0)


def test_server_text_is_kept_as_sent(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Error 105: No such sub-account here\r\n")
    with pytest.raises(errors.InvalidSubAccount) as info:
        client.del_sub_account(4)
    assert info.value.server_text == "No such sub-account here"


def test_unknown_code_is_a_plain_api_error(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply("Error 777: Something new.\n")
    with pytest.raises(errors.ApiError) as info:
        client.query_balance()
    assert type(info.value) is errors.ApiError
    assert info.value.code == 777
    assert "777" in info.value.explanation


def test_error_for_code_resolves_field_by_mode() -> None:
    assert errors.error_for_code(110, "x", mode="assignnumber").field == "serviceid"
    assert errors.error_for_code(110, "x", mode="updateivml").field == "ivmlid"
    assert errors.error_for_code(113, "x", mode="subscribedid").field == "did"
    assert errors.error_for_code(105, "x", mode="assignnumber").field == "serviceid"
    assert errors.error_for_code(200, "x", "limit", mode="logfaxin").field == "limit"
    assert errors.error_for_code(200, "x").field is None
    made = errors.error_for_code(104)
    assert isinstance(made, errors.InvalidEmail)
    assert made.server_text == "Invalid email address."


def test_explanations_differ_by_mode_where_meaning_differs() -> None:
    sms = errors.error_for_code(120, mode="querysmscost").explanation
    fax = errors.error_for_code(120, mode="queryfaxcost").explanation
    assert sms != fax
    assert "text messages" in sms and "fax" in fax
    assert errors.error_for_code(120, mode="querysmcost").explanation == sms
    limit = errors.error_for_code(200, field="limit").explanation
    assert "number of records" in limit


def test_client_side_errors_have_explanations() -> None:
    for exc in (
        errors.ProtocolError("x"),
        errors.GatewayUnreachable([("primary", "could not connect")]),
        errors.UnknownOutcome("subscribedid", "primary", "no answer within 30 s"),
    ):
        assert isinstance(exc, errors.TraiTelError)
        assert not isinstance(exc, errors.ApiError)
        assert len(exc.explanation) > 40
    outcome = errors.UnknownOutcome("subscribedid", "primary", "no answer")
    assert "check your numbers and your balance" in outcome.explanation
    assert "could not confirm" in outcome.explanation
