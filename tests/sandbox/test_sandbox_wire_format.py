"""The envelope: Ok / Error lines, LF, CSV, content type, GET and POST, authentication."""

from __future__ import annotations

import pytest
import requests

from tests.helpers.wire import call
from traitel_desktop.contract.error_codes import ERROR_TEXTS
from traitel_desktop.contract.modes import MODES
from traitel_desktop.sandbox import Sandbox


def test_ok_with_one_value_is_two_lf_terminated_lines(url: str) -> None:
    reply = call(url, "querybalance")
    assert reply.raw.startswith(b"Ok\n")
    assert reply.raw.count(b"\n") == 2
    assert reply.response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_write_mode_answers_bare_ok(fresh: Sandbox) -> None:
    reply = call(fresh.primary_url, "updatesubaccount", subid=1001, company="Acme")
    assert reply.raw == b"Ok\n"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_get_and_post_give_the_same_answer(url: str, method: str) -> None:
    reply = call(url, "querysubaccounts", method=method)
    assert reply.ok
    assert reply.header() == ["Sub-ID", "Email", "First Name", "Last Name", "Company",
                              "Fax Headline"]
    assert len(reply.table()) == 6


def test_csv_fields_with_commas_and_quotes_are_quoted(fresh: Sandbox) -> None:
    company = 'Smith, "Jones" & Co'
    call(fresh.primary_url, "updatesubaccount", subid=1001, company=company)
    reply = call(fresh.primary_url, "querysubaccounts")
    assert '"Smith, ""Jones"" & Co"' in reply.raw.decode()
    assert reply.table()[0]["Company"] == company


@pytest.mark.parametrize(
    ("user", "password"),
    [("demo", "wrong"), ("nobody", "demo"), ("locked", "locked"), ("", ""), ("DEMO", "demo")],
)
def test_bad_credentials_give_error_002(url: str, user: str, password: str) -> None:
    reply = call(url, "querybalance", user=user, password=password)
    assert reply.first == "Error 002: Authentication failed."
    assert reply.rest == []


def test_missing_credentials_give_error_002(url: str) -> None:
    response = requests.post(url, data={"mode": "querybalance"}, timeout=10)
    assert response.text == "Error 002: Authentication failed.\n"


@pytest.mark.parametrize("mode", ["", "queryballance", "QUERYBALANCE", "querysmscosts"])
def test_unknown_mode_is_error_200(url: str, mode: str) -> None:
    assert call(url, mode).first == "Error 200: Incomplete request."


def test_missing_mode_is_error_200(url: str) -> None:
    response = requests.post(url, data={"user": "demo", "pass": "demo"}, timeout=10)
    assert response.text == "Error 200: Incomplete request.\n"


def test_every_mode_is_served(url: str) -> None:
    for mode in MODES:
        reply = call(url, mode)
        assert reply.ok or reply.code in ERROR_TEXTS, (mode, reply.first)
        assert reply.code != 2


def test_error_lines_use_the_documented_texts(url: str) -> None:
    reply = call(url, "delsubaccount", subid=999999)
    assert reply.first == f"Error 105: {ERROR_TEXTS[105]}"


def test_other_paths_are_not_found(shared: Sandbox) -> None:
    base = shared.primary_url.rsplit("/", 1)[0]
    response = requests.post(base + "/index.html", data={"user": "demo"}, timeout=10)
    assert response.status_code == 404


def test_both_gateways_share_one_state(fresh: Sandbox) -> None:
    new_id = call(fresh.primary_url, "addsubaccount", alias="shared-state").value
    rows = call(fresh.alternate_url, "querysubaccounts").table()
    assert new_id in {row["Sub-ID"] for row in rows}
    assert fresh.primary_url != fresh.alternate_url


def test_keep_alive_session_serves_many_requests(url: str) -> None:
    with requests.Session() as session:
        values = {call(url, "querybalance", session=session).value for _ in range(20)}
    assert len(values) == 1
