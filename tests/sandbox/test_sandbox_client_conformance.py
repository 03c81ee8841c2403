"""The client (``traitel_desktop.api``) against the sandbox: two independent readings of the
spec, every mode, every documented error class, and failover between the two gateways."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from tests.helpers.sandbox_day import TODAY
from tests.helpers.wire import call
from traitel_desktop.api import TraiTelClient, errors, records
from traitel_desktop.sandbox import OTHER_ACCOUNT_EMAIL, Faults, Sandbox

YEAR_AGO = TODAY - dt.timedelta(days=400)
LAUNCH = "https://ivml.example.com.au/x/launch.xml"


def client_for(sb: Sandbox, user: str = "demo") -> TraiTelClient:
    return TraiTelClient(user, user, gateways=(sb.primary_url, sb.alternate_url),
                         connect_timeout=2, read_timeout=5, time_zone=None)


@pytest.fixture
def client(shared: Sandbox) -> Iterator[TraiTelClient]:
    with client_for(shared) as c:
        yield c


@pytest.fixture
def writer(fresh: Sandbox) -> Iterator[TraiTelClient]:
    with client_for(fresh) as c:
        yield c


# --- read modes: the client's records equal the raw wire ------------------------------------

def test_balance_and_time_zone(client: TraiTelClient, url: str) -> None:
    assert client.query_balance() == Decimal(call(url, "querybalance").value)
    assert client.query_time_zone() == "Australia/Sydney"


def test_sub_accounts(client: TraiTelClient, url: str) -> None:
    raw = call(url, "querysubaccounts").table()
    subs = client.query_sub_accounts()
    assert [(s.sub_id, s.email, s.first_name, s.last_name, s.company, s.fax_headline)
            for s in subs] == [(int(r["Sub-ID"]), r["Email"], r["First Name"], r["Last Name"],
                                r["Company"], r["Fax Headline"]) for r in raw]


def test_numbers(client: TraiTelClient, url: str) -> None:
    raw = call(url, "querynumbers").table()
    numbers = client.query_numbers()
    assert [(n.number, n.service, n.assigned_service, n.assigned_id) for n in numbers] == [
        (r["Number"], r["Service"], r["Assigned-Service"],
         int(r["Assigned-ID"]) if r["Assigned-ID"] else None) for r in raw]
    assert {n.number for n in client.query_numbers(sub_id=0, service="fax")} == {
        r["Number"] for r in call(url, "querynumbers", subid=0, service="fax").table()}


def test_did_inventory(client: TraiTelClient) -> None:
    countries = client.query_did_countries("voice")
    assert "Australia" in countries and len(countries) >= 6
    cities = client.query_did_cities("voice", "Australia")
    assert records.DidCity("Australia", "Sydney") in cities
    offers = client.query_dids("voice", "Australia", "Sydney", quantity=4)
    assert len(offers) == 4
    assert all(o.country == "Australia" and o.city == "Sydney" and o.did.isdigit()
               for o in offers)


def test_ivr_and_ivml(client: TraiTelClient, url: str) -> None:
    menus = client.list_ivr()
    raw = call(url, "listivr").table()
    assert [m.id for m in menus] == [int(r["ID"]) for r in raw]
    assert [m.outbound for m in menus] == [r["DIDs"] == "outbound" for r in raw]
    for menu, row in zip(menus, raw, strict=True):
        assert menu.dids == (() if menu.outbound else tuple(row["DIDs"].split()))
    configs = client.list_ivml()
    raw = call(url, "listivml").table()
    assert [(c.id, c.name, c.launch_url, c.result_url, c.outbound) for c in configs] == [
        (int(r["ID"]), r["Name"], r["LaunchURL"], r["ResultURL"], r["DIDs"] == "outbound")
        for r in raw]


LOGS: list[tuple[str, Callable[..., Any]]] = [
    ("logfaxin", TraiTelClient.log_fax_in), ("logfaxout", TraiTelClient.log_fax_out),
    ("logvoicein", TraiTelClient.log_voice_in), ("logvoiceout", TraiTelClient.log_voice_out),
    ("logsmsin", TraiTelClient.log_sms_in), ("logsmsout", TraiTelClient.log_sms_out),
]


@pytest.mark.parametrize(("mode", "method"), LOGS)
def test_logs(client: TraiTelClient, url: str, mode: str, method: Callable[..., Any]
              ) -> None:
    rows = method(client, YEAR_AGO, TODAY)
    raw = call(url, mode, startdate=YEAR_AGO.isoformat(), enddate=TODAY.isoformat()).table()
    assert len(rows) == len(raw) > 100
    for record, row in zip(rows, raw, strict=True):
        assert record.id == int(row["ID"])
        assert record.sub_id == int(row["Sub-ID"])
        assert record.date.isoformat() == row["Date"]
        assert record.time.isoformat() == row["Time"]
        assert (record.from_, record.to) == (row["From"], row["To"])
        if "Cost" in row:
            assert record.cost == Decimal(row["Cost"])
    limited = method(client, YEAR_AGO, TODAY, limit=3, sub_id=0)
    assert len(limited) == 3 and all(r.sub_id == 0 for r in limited)


def test_sms_text_and_fax_results_decode(client: TraiTelClient) -> None:
    texts = {m.text for m in client.log_sms_in(YEAR_AGO, TODAY)}
    assert "Received, thanks.\nRegards, Tom" in texts
    assert "Path is C:\\Users\\Shared\\scan.pdf" in texts
    assert "谢谢，明天见" in texts and "🎉 Happy birthday! 🎂" in texts
    faxes = client.log_fax_out(YEAR_AGO, TODAY)
    failed = [f for f in faxes if f.error_code]
    assert failed and all(not f.result.delivered for f in failed)
    assert all(f.result.delivered for f in faxes if f.error_code == 0)


def test_costs(client: TraiTelClient, url: str) -> None:
    for kind in ("replies", "masking", "tracking", "masktrack"):
        assert client.query_sms_cost("+61 412 345 678", kind) == Decimal(
            call(url, "querysmscost", number="61412345678", type=kind).value)
    assert client.sms_cost_mode == "querysmscost"
    voice = client.query_voice_cost("+61 2 9123 4567")
    assert voice == records.VoiceCost(Decimal("0"), Decimal("0.0005"), Decimal("0.03"),
                                      "PerSecond", Decimal("0.03"))
    fax = client.query_fax_cost("+49 30 123456")
    assert fax.billing_type == "Mixed"
    assert fax.cost == fax.flag_fall + fax.per_page + 60 * fax.per_second


# --- write modes --------------------------------------------------------------------------

def test_sub_account_lifecycle(writer: TraiTelClient) -> None:
    sub_id = writer.add_sub_account("client-made", email="client.made@example.com.au",
                                    first_name="Cli", company="Comma, Inc.")
    writer.update_sub_account(sub_id, last_name="Ent", fax_headline="CLIENT")
    (sub,) = [s for s in writer.query_sub_accounts() if s.sub_id == sub_id]
    assert (sub.email, sub.first_name, sub.last_name, sub.company, sub.fax_headline) == (
        "client.made@example.com.au", "Cli", "Ent", "Comma, Inc.", "CLIENT")
    writer.update_sub_account(sub_id, company="")
    assert [s.company for s in writer.query_sub_accounts() if s.sub_id == sub_id] == [""]
    writer.del_sub_account(sub_id)
    assert sub_id not in {s.sub_id for s in writer.query_sub_accounts()}


def test_number_assignment_and_subscription(writer: TraiTelClient) -> None:
    spare = next(n for n in writer.query_numbers(service="voice") if not n.assigned_service)
    writer.assign_number(spare.number, "voice", "IVML", 302)
    assert spare.number in next(c for c in writer.list_ivml() if c.id == 302).dids
    writer.assign_number(spare.number, "voice", "SIP", 0)
    assert [n.assigned_id for n in writer.query_numbers() if n.number == spare.number] == [0]
    offer = writer.query_dids("fax", "New Zealand", "Auckland")[0]
    writer.subscribe_did("fax", "New Zealand", "Auckland", offer.did)
    assert records.Number(offer.did, "fax", "", None) in writer.query_numbers()


def test_ivml_lifecycle_and_time_zone(writer: TraiTelClient) -> None:
    ivml_id = writer.add_ivml("Client flow", LAUNCH, "inbound")
    writer.update_ivml(ivml_id, result_url="https://r.example.com/done", type="outbound")
    config = next(c for c in writer.list_ivml() if c.id == ivml_id)
    assert (config.result_url, config.outbound) == ("https://r.example.com/done", True)
    writer.delete_ivml(ivml_id)
    assert ivml_id not in {c.id for c in writer.list_ivml()}
    assert writer.set_time_zone("Europe/Paris") == "Europe/Paris"
    assert writer.query_time_zone() == "Europe/Paris"


# --- every documented error condition, as the client's error class ------------------------

def _voice_did(c: TraiTelClient) -> str:
    return next(n.number for n in c.query_numbers(service="voice") if not n.assigned_service)


def _sms_did(c: TraiTelClient) -> str:
    return c.query_numbers(service="sms")[0].number


ERROR_CASES: list[tuple[str, type[errors.ApiError], Callable[[TraiTelClient], object]]] = [
    ("101 other account's sub e-mail", errors.EmailAlreadyRegistered,
     lambda c: c.add_sub_account("x1", email=OTHER_ACCOUNT_EMAIL)),
    ("101 on update", errors.EmailAlreadyRegistered,
     lambda c: c.update_sub_account(1001, email=OTHER_ACCOUNT_EMAIL)),
    ("102 alias", errors.AliasAlreadyRegistered,
     lambda c: [c.add_sub_account("dup-alias"), c.add_sub_account("DUP-ALIAS")]),
    ("104 e-mail", errors.InvalidEmail, lambda c: c.add_sub_account("x2", email="nope@")),
    ("105 delete", errors.InvalidSubAccount, lambda c: c.del_sub_account(1008)),
    ("105 update", errors.InvalidSubAccount, lambda c: c.update_sub_account(99999, company="x")),
    ("105 numbers", errors.InvalidSubAccount, lambda c: c.query_numbers(sub_id=1008)),
    ("105 SIP", errors.InvalidSubAccount,
     lambda c: c.assign_number(_voice_did(c), "voice", "SIP", 1008)),
    ("105 log", errors.InvalidSubAccount,
     lambda c: c.log_sms_out(YEAR_AGO, TODAY, sub_id=1008)),
    ("107 assign", errors.InvalidService, lambda c: c.assign_number(_sms_did(c), "sms")),
    ("107 countries", errors.InvalidService, lambda c: c.query_did_countries("telex")),
    ("108 sms to fax", errors.ServiceNotAvailable,
     lambda c: c.assign_number(_sms_did(c), "fax")),
    ("109 IVR", errors.InvalidIvr, lambda c: c.assign_number(_voice_did(c), "voice", "IVR", 14)),
    ("110 IVML assign", errors.InvalidIvml,
     lambda c: c.assign_number(_voice_did(c), "voice", "IVML", 305)),
    ("110 IVML update", errors.InvalidIvml, lambda c: c.update_ivml(999, name="x")),
    ("110 IVML delete", errors.InvalidIvml, lambda c: c.delete_ivml(305)),
    ("111 country", errors.InvalidCountry, lambda c: c.query_did_cities("fax", "Atlantis")),
    ("112 city", errors.InvalidCity, lambda c: c.query_dids("fax", "Australia", "Gotham")),
    ("113 assign", errors.InvalidDid, lambda c: c.assign_number("61299999999", "fax")),
    ("113 subscribe", errors.InvalidDid,
     lambda c: c.subscribe_did("fax", "Australia", "Sydney", "61299999999")),
    ("116 name", errors.DuplicateName, lambda c: c.add_ivml("Support line", LAUNCH, "inbound")),
    ("117 end", errors.InvalidEndDate,
     lambda c: c.log_fax_in(TODAY, TODAY + dt.timedelta(days=1))),
    ("118 start", errors.InvalidStartDate,
     lambda c: c.log_fax_in("2026-02-30", TODAY)),
    ("119 zone", errors.InvalidTimeZone, lambda c: c.set_time_zone("Mars/Olympus")),
    ("120 destination", errors.InvalidDestination,
     lambda c: c.query_voice_cost("+55 11 96123 4567")),
    ("120 sms", errors.InvalidDestination, lambda c: c.query_sms_cost("+1 555 000 0000",
                                                                      "replies")),
    ("200 quantity", errors.IncompleteRequest,
     lambda c: c.query_dids("fax", "Australia", "Sydney", quantity=11)),
    ("200 range", errors.IncompleteRequest,
     lambda c: c.log_sms_in(TODAY, TODAY - dt.timedelta(days=2))),
]


@pytest.mark.parametrize(("case", "cls", "action"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_error_classes(fresh: Sandbox, case: str, cls: type[errors.ApiError],
                       action: Callable[[TraiTelClient], object]) -> None:
    before = fresh.dump()
    with client_for(fresh) as c, pytest.raises(cls) as info:
        action(c)
    assert info.value.code == cls.code and info.value.explanation
    if case != "102 alias":
        assert fresh.dump() == before


def test_115_and_114_come_from_the_server(fresh: Sandbox) -> None:
    with client_for(fresh, "noivr") as c, pytest.raises(errors.NoIvrSubscription) as info:
        c.add_ivml("x", LAUNCH, "inbound")
    assert not info.value.local
    with client_for(fresh) as c:
        offer = c.query_dids("sms", "Australia", "Sydney")[0]
        fresh.take_did(offer.did)
        with pytest.raises(errors.DidNotAvailable) as taken:
            c.subscribe_did("sms", "Australia", "Sydney", offer.did)
    assert not taken.value.local


def test_117_in_the_account_zone_comes_from_the_server(fresh: Sandbox) -> None:
    fresh.set_today(lambda: dt.datetime(2026, 5, 9, 20, 0, tzinfo=dt.UTC))  # Sydney: 10 May
    with client_for(fresh, "other") as c, pytest.raises(errors.InvalidEndDate) as info:
        c.log_voice_in("2026-05-09", "2026-05-10")  # New York is still on 9 May
    assert not info.value.local


def test_002_locked(shared: Sandbox) -> None:
    with client_for(shared, "locked") as c, pytest.raises(errors.AuthenticationFailed):
        c.query_balance()


# --- failover -----------------------------------------------------------------------------

def test_failover_when_the_primary_is_down(fresh: Sandbox) -> None:
    with client_for(fresh) as c:
        assert c.query_balance() and c.last_gateway and c.last_gateway.name == "primary"
        fresh.faults.down = "primary"
        before = fresh.request_count
        sub_id = c.add_sub_account("while-down")  # a write is safe: the port refused
        assert c.last_gateway.name == "alternate"
        assert fresh.request_count["alternate"] == before["alternate"] + 1
        fresh.faults.down = None
        assert sub_id in {s.sub_id for s in c.query_sub_accounts()}


def test_failover_on_error_001_for_writes(fresh: Sandbox) -> None:
    fresh.faults = Faults(error001_rate=1.0, target="primary")
    with client_for(fresh) as c:
        sub_id = c.add_sub_account("after-001")
        assert c.last_gateway is not None and c.last_gateway.name == "alternate"
    assert str(sub_id) in {r["Sub-ID"] for r in
                           call(fresh.alternate_url, "querysubaccounts").table()}


def test_truncated_read_fails_over_but_a_write_is_unknown(fresh: Sandbox) -> None:
    fresh.faults = Faults(truncate_rate=1.0, target="primary")
    with client_for(fresh) as c:
        assert c.query_sub_accounts()
        assert c.last_gateway is not None and c.last_gateway.name == "alternate"
    with client_for(fresh) as c, pytest.raises(errors.UnknownOutcome):
        c.add_sub_account("maybe")


def test_both_down_is_gateway_unreachable(fresh: Sandbox) -> None:
    fresh.faults = Faults(error001_rate=1.0)
    with client_for(fresh) as c, pytest.raises(errors.ServiceUnavailable):
        c.query_balance()
    fresh.faults = Faults(down="primary", drop_rate=1.0)
    with client_for(fresh) as c, pytest.raises(errors.GatewayUnreachable) as info:
        c.query_balance()
    assert [name for name, _ in info.value.attempts] == ["primary", "alternate"]
