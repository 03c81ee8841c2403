"""Sub-account modes and their errors: 101, 102, 104, 105, 200."""

from __future__ import annotations

import pytest

from tests.helpers.wire import call, call_with
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL, Sandbox


def subs(sb: Sandbox, user: str = "demo") -> dict[str, dict[str, str]]:
    rows = call(sb.primary_url, "querysubaccounts", user=user, password=user).table()
    return {row["Sub-ID"]: row for row in rows}


def test_add_returns_the_new_id_and_lists_it(fresh: Sandbox) -> None:
    new_id = call(fresh.primary_url, "addsubaccount", alias="night-shift",
                  email="Night.Shift@example.com.au", firstname="Ana", lastname="Lima",
                  company="Harbourside, North", faxheadline="HARBOURSIDE NTH").value
    assert new_id.isdigit()
    row = subs(fresh)[new_id]
    assert row == {"Sub-ID": new_id, "Email": "Night.Shift@example.com.au", "First Name": "Ana",
                   "Last Name": "Lima", "Company": "Harbourside, North",
                   "Fax Headline": "HARBOURSIDE NTH"}


def test_add_with_alias_only(fresh: Sandbox) -> None:
    new_id = call(fresh.primary_url, "addsubaccount", alias="bare").value
    assert subs(fresh)[new_id]["Email"] == ""


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 200),
        ({"alias": ""}, 200),
        ({"email": "x@y.com.au"}, 200),
        ({"alias": "a" * 201}, 200),
        ({"alias": "line\nbreak"}, 200),
        ({"alias": "a" * 101}, 200),  # an alias takes 100 characters (contract.limits)
        ({"alias": "tab\there"}, 200),
        ({"alias": "nul\x00"}, 200),
        ({"alias": "c1\x85next"}, 200),
        ({"alias": "right\u202eto-left"}, 200),
        ({"alias": "zero\u200bwidth"}, 200),
        ({"alias": "sep\u2028line"}, 200),
        ({"alias": "fresh-one", "firstname": "f" * 101}, 200),
        ({"alias": "fresh-one", "company": "Acme\r\nLtd"}, 200),
        ({"alias": "fresh-one", "faxheadline": "\ufeffHEADLINE"}, 200),
        ({"alias": "fresh-one", "email": "not-an-email"}, 104),
        ({"alias": "fresh-one", "email": "two@@example.com"}, 104),
        ({"alias": "fresh-one", "email": OTHER_ACCOUNT_EMAIL}, 101),
        ({"alias": "fresh-one", "email": OTHER_ACCOUNT_EMAIL.upper()}, 101),
        ({"alias": "fresh-one", "email": "office@bluegum-logistics.com.au"}, 101),  # an account
        ({"alias": "reception"}, 102),
    ],
)
def test_add_errors(fresh: Sandbox, params: dict[str, str], code: int) -> None:
    aliases = {r["Sub-ID"] for r in subs(fresh).values()}
    if code == 102:
        params = {"alias": _alias_of(fresh, 1001)}
    before = fresh.dump()
    assert call_with(fresh.primary_url, "addsubaccount", params).code == code
    assert fresh.dump() == before
    assert {r["Sub-ID"] for r in subs(fresh).values()} == aliases


def _alias_of(sb: Sandbox, sub: int) -> str:
    row = sb.db.conn.execute("SELECT alias FROM subaccounts WHERE id = ?", (sub,)).fetchone()
    return str(row[0])


def test_email_of_a_demo_sub_account_is_taken_for_other(fresh: Sandbox) -> None:
    email = subs(fresh)["1001"]["Email"]
    reply = call(fresh.primary_url, "addsubaccount", user="other", password="other",
                 alias="copy", email=email)
    assert reply.code == 101


def test_alias_is_unique_per_account_only(fresh: Sandbox) -> None:
    alias = _alias_of(fresh, 1001)
    assert call(fresh.primary_url, "addsubaccount", user="other", password="other",
                alias=alias).ok
    assert call(fresh.primary_url, "addsubaccount", alias=alias.upper()).code == 102


def test_update_changes_only_what_is_given(fresh: Sandbox) -> None:
    before = subs(fresh)["1002"]
    assert call(fresh.primary_url, "updatesubaccount", subid=1002, lastname="Ng").ok
    after = subs(fresh)["1002"]
    assert after == {**before, "Last Name": "Ng"}


def test_update_may_keep_its_own_email_and_alias(fresh: Sandbox) -> None:
    email = subs(fresh)["1002"]["Email"]
    reply = call(fresh.primary_url, "updatesubaccount", subid=1002, email=email,
                 alias=_alias_of(fresh, 1002))
    assert reply.ok


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, 200),
        ({"subid": "abc"}, 200),
        ({"subid": "999999"}, 105),
        ({"subid": "1008"}, 105),  # a sub-account of the "other" account
        ({"subid": "1002", "email": "bad@"}, 104),
        ({"subid": "1002", "email": OTHER_ACCOUNT_EMAIL}, 101),
        ({"subid": "1002", "alias": ""}, 200),
        ({"subid": "1002" + "0" * 9}, 200),  # 13 digits: no ID is that long
        ({"subid": "1002", "alias": "x" * 101}, 200),
        ({"subid": "1002", "lastname": "two\nlines"}, 200),
        ({"subid": "1002", "company": "c" * 101}, 200),
    ],
)
def test_update_errors(fresh: Sandbox, params: dict[str, str], code: int) -> None:
    before = fresh.dump()
    assert call_with(fresh.primary_url, "updatesubaccount", params).code == code
    assert fresh.dump() == before


def test_update_alias_taken_by_a_sibling_is_102(fresh: Sandbox) -> None:
    reply = call(fresh.primary_url, "updatesubaccount", subid=1002,
                 alias=_alias_of(fresh, 1003))
    assert reply.code == 102


def test_other_account_sub_is_105_for_demo(fresh: Sandbox) -> None:
    other_ids = subs(fresh, "other")
    assert "1008" in other_ids
    assert call(fresh.primary_url, "delsubaccount", subid=1008).code == 105


def test_delete_returns_its_dids_to_the_main_account(fresh: Sandbox) -> None:
    url = fresh.primary_url
    owned = call(url, "querynumbers", subid=1005).table()
    assert owned, "demo data gives sub-account 1005 some DIDs"
    assert call(url, "delsubaccount", subid=1005).raw == b"Ok\n"
    assert "1005" not in subs(fresh)
    numbers = {row["Number"]: row for row in call(url, "querynumbers").table()}
    for row in owned:
        back = numbers[row["Number"]]
        assert back["Assigned-Service"] == "" and back["Assigned-ID"] == ""
    main = {row["Number"] for row in call(url, "querynumbers", subid=0).table()}
    assert {row["Number"] for row in owned} <= main
    assert call(url, "delsubaccount", subid=1005).code == 105
    assert call(url, "querynumbers", subid=1005).code == 105


def test_delete_errors(url: str) -> None:
    assert call(url, "delsubaccount").code == 200
    assert call(url, "delsubaccount", subid="-1").code == 200
    assert call(url, "delsubaccount", subid="0").code == 105
