"""IVR menus and IVML configurations: list, add, update, delete, errors 110, 115, 116, 200."""

from __future__ import annotations

import pytest

from tests.helpers.wire import call, call_with
from traitel_desktop.sandbox import Sandbox

LAUNCH = "https://ivml.example.com.au/new/launch.xml"


def ivmls(url: str) -> dict[str, dict[str, str]]:
    return {row["ID"]: row for row in call(url, "listivml").table()}


def test_listivr(url: str) -> None:
    reply = call(url, "listivr")
    assert reply.header() == ["ID", "Name", "DIDs"]
    menus = reply.table()
    assert len(menus) == 3
    assert [m["DIDs"] for m in menus if m["Name"] == "Outbound reminders"] == ["outbound"]
    for menu in menus:
        assert menu["DIDs"] == "outbound" or all(d.isdigit() for d in menu["DIDs"].split())


def test_listivml(url: str) -> None:
    reply = call(url, "listivml")
    assert reply.header() == ["ID", "Name", "LaunchURL", "ResultURL", "DIDs"]
    rows = reply.table()
    assert len(rows) == 4
    assert any(r["DIDs"] == "outbound" for r in rows)
    assert any(r["ResultURL"] == "" for r in rows)
    assert all(r["LaunchURL"].startswith("https://") for r in rows)
    numbers = {r["Number"]: r for r in call(url, "querynumbers").table()}
    for row in rows:
        for did in row["DIDs"].split():
            if did != "outbound":
                assert numbers[did]["Assigned-Service"] == "IVML"
                assert numbers[did]["Assigned-ID"] == row["ID"]


def test_lists_are_empty_tables_without_ivr(url: str) -> None:
    assert call(url, "listivr", user="noivr", password="noivr").rest == ["ID,Name,DIDs"]
    assert call(url, "listivml", user="noivr", password="noivr").rest == [
        "ID,Name,LaunchURL,ResultURL,DIDs"]


def test_add_update_delete(fresh: Sandbox) -> None:
    url = fresh.primary_url
    new_id = call(url, "addivml", name="Night line", launchurl=LAUNCH, type="inbound").value
    assert ivmls(url)[new_id] == {"ID": new_id, "Name": "Night line", "LaunchURL": LAUNCH,
                                  "ResultURL": "", "DIDs": ""}
    assert call(url, "updateivml", ivmlid=new_id, resulturl="http://r.example.com/x?a=1,2")
    assert ivmls(url)[new_id]["ResultURL"] == "http://r.example.com/x?a=1,2"
    assert call(url, "updateivml", ivmlid=new_id, type="outbound").raw == b"Ok\n"
    assert ivmls(url)[new_id]["DIDs"] == "outbound"
    assert call(url, "deleteivml", ivmlid=new_id).raw == b"Ok\n"
    assert new_id not in ivmls(url)
    assert call(url, "deleteivml", ivmlid=new_id).code == 110


def test_delete_unassigns_its_dids(fresh: Sandbox) -> None:
    url = fresh.primary_url
    config = next(r for r in ivmls(url).values() if r["DIDs"] not in ("", "outbound"))
    assert call(url, "deleteivml", ivmlid=config["ID"]).ok
    numbers = {r["Number"]: r for r in call(url, "querynumbers").table()}
    for did in config["DIDs"].split():
        assert numbers[did]["Assigned-Service"] == "" and numbers[did]["Service"] == "voice"


@pytest.mark.parametrize(
    ("user", "params", "code"),
    [
        ("noivr", {"name": "x", "launchurl": LAUNCH, "type": "inbound"}, 115),
        ("noivr", {}, 115),
        ("demo", {"launchurl": LAUNCH, "type": "inbound"}, 200),
        ("demo", {"name": "x", "type": "inbound"}, 200),
        ("demo", {"name": "x", "launchurl": LAUNCH}, 200),
        ("demo", {"name": "x", "launchurl": LAUNCH, "type": "sideways"}, 200),
        ("demo", {"name": "x", "launchurl": "not a url", "type": "inbound"}, 200),
        ("demo", {"name": "x", "launchurl": "ftp://h/x", "type": "inbound"}, 200),
        ("demo", {"name": "x", "launchurl": LAUNCH, "resulturl": "nope", "type": "inbound"},
         200),
        ("demo", {"name": "Support line", "launchurl": LAUNCH, "type": "inbound"}, 116),
        ("demo", {"name": "SUPPORT LINE", "launchurl": LAUNCH, "type": "outbound"}, 116),
        ("demo", {"name": "n" * 201, "launchurl": LAUNCH, "type": "inbound"}, 200),
        ("demo", {"name": "two\nlines", "launchurl": LAUNCH, "type": "inbound"}, 200),
        ("demo", {"name": "x", "launchurl": LAUNCH + "\x00", "type": "inbound"}, 200),
        ("demo", {"name": "x", "launchurl": LAUNCH + "?q=" + "a" * 200, "type": "inbound"},
         200),
    ],
)
def test_add_errors(fresh: Sandbox, user: str, params: dict[str, str], code: int) -> None:
    before = fresh.dump()
    assert call_with(fresh.primary_url, "addivml", params, user).code == code
    assert fresh.dump() == before


def test_same_name_on_another_account_is_fine(fresh: Sandbox) -> None:
    assert call(fresh.primary_url, "addivml", user="other", password="other",
                name="Support line", launchurl=LAUNCH, type="inbound").ok


@pytest.mark.parametrize(
    ("user", "params", "code"),
    [
        ("noivr", {"ivmlid": "301", "name": "x"}, 115),
        ("demo", {}, 200),
        ("demo", {"ivmlid": "abc"}, 200),
        ("demo", {"ivmlid": "999"}, 110),
        ("demo", {"ivmlid": "305"}, 110),  # belongs to "other"
        ("demo", {"ivmlid": "301", "name": "Support line"}, 116),
        ("demo", {"ivmlid": "301", "name": ""}, 200),
        ("demo", {"ivmlid": "301", "type": "both"}, 200),
        ("demo", {"ivmlid": "301", "launchurl": ""}, 200),
        ("demo", {"ivmlid": "301", "launchurl": "javascript:alert(1)"}, 200),
        ("demo", {"ivmlid": "3010000000000"}, 200),  # 13 digits
        ("demo", {"ivmlid": "301", "name": "tab\tname"}, 200),
        ("demo", {"ivmlid": "301", "resulturl": LAUNCH + "\u2029"}, 200),
    ],
)
def test_update_errors(fresh: Sandbox, user: str, params: dict[str, str], code: int) -> None:
    before = fresh.dump()
    assert call_with(fresh.primary_url, "updateivml", params, user).code == code
    assert fresh.dump() == before


def test_update_keeps_its_own_name(fresh: Sandbox) -> None:
    assert call(fresh.primary_url, "updateivml", ivmlid=301, name="Appointment booking").ok


@pytest.mark.parametrize(("params", "code"), [({}, 200), ({"ivmlid": "x"}, 200),
                                              ({"ivmlid": "305"}, 110)])
def test_delete_errors(url: str, params: dict[str, str], code: int) -> None:
    assert call_with(url, "deleteivml", params).code == code
