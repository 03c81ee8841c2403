"""Free text with control characters or over its length, and IDs over 12 digits, are refused
on the field concerned before anything is sent (never cut); every bad field of one request is
reported at once; a gateway's Error 200 naming no field says which fields were sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.fake_gateway import FakeGateway
from traitel_desktop.api import TraiTelClient, errors
from traitel_desktop.api.text_check import refused_character
from traitel_desktop.contract.limits import MAX_ID_DIGITS, text_limit

URL = "https://example.com/ivml/launch.xml"
N = "61299991234"
THIRTEEN = 10**MAX_ID_DIGITS  # the smallest number with 13 digits

Case = tuple[str, Callable[[TraiTelClient], Any], str]

CASES: list[Case] = [
    ("alias-newline", lambda c: c.add_sub_account("night\nshift"), "alias"),
    ("alias-cr", lambda c: c.add_sub_account("night\rshift"), "alias"),
    ("alias-tab", lambda c: c.add_sub_account("night\tshift"), "alias"),
    ("alias-nul", lambda c: c.add_sub_account("night\x00shift"), "alias"),
    ("alias-del", lambda c: c.add_sub_account("night\x7fshift"), "alias"),
    ("alias-c1", lambda c: c.add_sub_account("night\x85shift"), "alias"),
    ("alias-rtl-override", lambda c: c.add_sub_account("night\u202eshift"), "alias"),
    ("alias-zero-width", lambda c: c.add_sub_account("night\u200bshift"), "alias"),
    ("alias-line-separator", lambda c: c.add_sub_account("night\u2028shift"), "alias"),
    ("alias-101", lambda c: c.add_sub_account("a" * 101), "alias"),
    ("alias-10000", lambda c: c.add_sub_account("a" * 10_000), "alias"),
    ("firstname-101", lambda c: c.add_sub_account("a", first_name="f" * 101), "firstname"),
    ("lastname-newline", lambda c: c.add_sub_account("a", last_name="Ng\n"
                                                      "Ng"), "lastname"),
    ("company-bom", lambda c: c.add_sub_account("a", company="\ufeffAcme"), "company"),
    ("headline-soft-hyphen", lambda c: c.add_sub_account("a", fax_headline="ACME\xadLTD"),
     "faxheadline"),
    ("email-201", lambda c: c.add_sub_account("a", "e" * 190 + "@example.com"), "email"),
    ("email-newline", lambda c: c.update_sub_account(3, email="a@b.com\nbcc:x@y.com"),
     "email"),
    ("update-alias-101", lambda c: c.update_sub_account(3, alias="a" * 101), "alias"),
    ("update-company-tab", lambda c: c.update_sub_account(3, company="A\tB"), "company"),
    ("subid-13-digits", lambda c: c.del_sub_account(THIRTEEN), "subid"),
    ("subid-13-digit-text", lambda c: c.update_sub_account(str(THIRTEEN), company="x"),  # type: ignore[arg-type]
     "subid"),
    ("numbers-subid-13", lambda c: c.query_numbers(sub_id=THIRTEEN), "subid"),
    ("serviceid-13", lambda c: c.assign_number(N, "voice", "IVML", THIRTEEN), "serviceid"),
    ("ivml-name-201", lambda c: c.add_ivml("n" * 201, URL, "inbound"), "name"),
    ("ivml-name-newline", lambda c: c.add_ivml("Support\nline", URL, "inbound"), "name"),
    ("ivml-launch-nul", lambda c: c.add_ivml("n", URL + "\x00", "inbound"), "launchurl"),
    ("ivml-launch-201", lambda c: c.add_ivml("n", URL + "?q=" + "a" * 200, "inbound"),
     "launchurl"),
    ("ivml-result-bidi", lambda c: c.update_ivml(3, result_url=URL + "\u2066"), "resulturl"),
    ("ivmlid-13", lambda c: c.delete_ivml(THIRTEEN), "ivmlid"),
    ("dids-city-newline", lambda c: c.query_dids("fax", "Australia", "Syd\nney"), "city"),
    ("subscribe-country-101", lambda c: c.subscribe_did("fax", "A" * 101, "Sydney", N),
     "country"),
    ("log-limit-13", lambda c: c.log_fax_in("2024-01-01", "2024-01-02", limit=THIRTEEN),
     "limit"),
]


@pytest.mark.parametrize(("name", "call", "field"), CASES, ids=[c[0] for c in CASES])
def test_refused_on_the_field_and_nothing_sent(
    client: TraiTelClient,
    primary: FakeGateway,
    alternate: FakeGateway,
    name: str,
    call: Callable[[TraiTelClient], Any],
    field: str,
) -> None:
    with pytest.raises(errors.IncompleteRequest) as info:
        call(client)
    exc = info.value
    assert (exc.field, exc.local, exc.code) == (field, True, 200)
    assert exc.problems == (exc,)
    assert "highlighted" not in exc.explanation
    assert primary.requests == [] and alternate.requests == []


def test_long_text_is_refused_with_its_length_never_cut(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    with pytest.raises(errors.IncompleteRequest) as info:
        client.add_sub_account("a" * 10_000)
    assert info.value.explanation.startswith(
        "The alias can be at most 100 characters long; this one is 10,000."
    )
    assert primary.requests == []
    # At the limit it is sent whole.
    primary.reply("Ok\n1234")
    assert client.add_sub_account("a" * text_limit("alias")) == 1234
    assert primary.requests[0].form["alias"] == "a" * 100


def test_control_character_message_names_it(client: TraiTelClient) -> None:
    with pytest.raises(errors.IncompleteRequest) as info:
        client.add_sub_account("x", company="Acme\nLtd")
    assert info.value.explanation.startswith("The company contains a line break")
    with pytest.raises(errors.IncompleteRequest) as info:
        client.add_sub_account("x", company="Acme\u202eLtd")
    assert "U+202E" in info.value.explanation


def test_scripts_and_emoji_that_need_joiners_are_sent(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    text = "क्‍ष 👩‍💻 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f café"
    assert refused_character(text) is None
    primary.reply("Ok\n7")
    assert client.add_sub_account(text) == 7
    assert primary.requests[0].form["alias"] == text


def test_every_bad_field_of_a_request_is_reported_at_once(
    client: TraiTelClient, primary: FakeGateway, alternate: FakeGateway
) -> None:
    with pytest.raises(errors.ApiError) as info:
        client.add_sub_account(
            "a" * 500, "not-an-email", first_name="Ana", company="A\nB", fax_headline="\x00"
        )
    exc = info.value
    assert [p.field for p in exc.problems] == ["alias", "email", "company", "faxheadline"]
    assert [type(p) for p in exc.problems] == [
        errors.IncompleteRequest, errors.InvalidEmail, errors.IncompleteRequest,
        errors.IncompleteRequest,
    ]
    assert all(p.local and p.explanation for p in exc.problems)
    with pytest.raises(errors.ApiError) as info:
        client.update_ivml(THIRTEEN, name="", launch_url="ftp://x", type="sideways")
    assert [p.field for p in info.value.problems] == ["ivmlid", "name", "launchurl", "type"]
    assert primary.requests == [] and alternate.requests == []


def test_gateway_error_200_without_field_lists_what_was_sent(
    client: TraiTelClient, primary: FakeGateway
) -> None:
    primary.reply("Error 200: Incomplete request.")
    with pytest.raises(errors.IncompleteRequest) as info:
        client.add_sub_account("night-shift", "n@example.com", company="Acme")
    exc = info.value
    assert exc.field is None and not exc.local
    assert exc.sent_fields == ("alias", "email", "company")
    assert "highlighted" not in exc.explanation
    assert "the alias, the e-mail address and the company" in exc.explanation
    assert "did not say which entry was wrong" in exc.explanation
