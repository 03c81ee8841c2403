"""The Numbers tab against a fresh demo sandbox over real HTTP: every assignment in words,
the three filters, loading/empty/error states, and refreshing after another view's change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import phonenumbers
from PySide6.QtCore import Qt

from tests.helpers.fresh_sandbox import seen_while_loading
from tests.helpers.numbers_fixtures import (
    cell,
    client,
    first,
    fresh_sandbox,
    numbers_tab,
    shown_numbers,
    sign_in_request,
    until,
)
from traitel_desktop.api import TraiTelClient
from traitel_desktop.services import Session
from traitel_desktop.ui.did_wizard.wizard import DidWizard
from traitel_desktop.ui.numbers.model import Column
from traitel_desktop.ui.numbers.tab import NumbersTab

__all__ = ["client", "fresh_sandbox", "numbers_tab", "sign_in_request"]  # fixtures used here


def test_every_assignment_kind_is_shown_in_words(
    numbers_tab: NumbersTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = numbers_tab
    numbers = client.query_numbers()
    assert sorted(shown_numbers(tab)) == sorted(n.number for n in numbers)
    ivr = {m.id: m.name for m in client.list_ivr()}
    ivml = {c.id: c.name for c in client.list_ivml()}
    subs = {s.sub_id: f"{s.first_name} {s.last_name}" for s in client.query_sub_accounts()}
    # Make sure the main account case exists too.
    main = first(client, assigned_service="IVR")
    client.assign_number(main, "voice", "SIP", 0)
    run(tab.reload())
    seen = set()
    for n in client.query_numbers():
        words = cell(tab, n.number, Column.ASSIGNMENT)
        kind = n.assigned_service
        ident = n.assigned_id if n.assigned_id is not None else -1
        if kind == "IVR":
            expected = f"Voice menu: {ivr[ident]} (#{n.assigned_id})"
        elif kind == "IVML":
            expected = f"Call flow: {ivml[ident]} (#{n.assigned_id})"
        elif kind == "SIP" and n.assigned_id == 0:
            expected = "Internet phone: main account"
        elif kind == "SIP":
            expected = f"Internet phone: sub-account {subs[ident]}"
        elif n.service == "fax":
            expected = "Receives faxes"
        elif n.service == "sms":
            expected = "Receives text messages"
        else:
            expected = "Unassigned"
        assert words == expected, n
        seen.add(expected.split(" ")[0] + (" main" if "main" in expected else ""))
        parsed = phonenumbers.parse("+" + n.number)
        assert cell(tab, n.number, Column.NUMBER) == phonenumbers.format_number(
            parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        assert cell(tab, n.number, Column.SERVICE) == {"fax": "Fax", "voice": "Voice",
                                                       "sms": "SMS"}[n.service]
    assert {"Voice", "Call", "Internet", "Internet main", "Receives", "Unassigned"} <= seen
    assert cell(tab, "442074999622", Column.COUNTRY) == "United Kingdom"
    assert cell(tab, "61447577104", Column.COUNTRY) == "Australia"  # a mobile (+61 is shared)
    assert not any(cell(tab, n.number, Column.ASSIGNMENT).isdigit() for n in numbers)


def test_filters_by_service_owner_and_text(
    qtbot: Any, numbers_tab: NumbersTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    tab = numbers_tab
    numbers = client.query_numbers()
    total = len(numbers)
    tab.set_service_filter("fax")
    assert sorted(shown_numbers(tab)) == sorted(n.number for n in numbers if n.service == "fax")
    assert tab.status.text() == f"{len(shown_numbers(tab))} of {total} shown"

    sub = client.query_sub_accounts()[0]
    owned = {n.number for n in client.query_numbers(sub_id=sub.sub_id)}
    tab.set_owner_filter(sub.sub_id)
    run(until(lambda: not tab.owner_loading and tab.proxy.rowCount() < total))
    assert set(shown_numbers(tab)) == {n.number for n in numbers
                                       if n.number in owned and n.service == "fax"}
    tab.set_service_filter(None)
    assert set(shown_numbers(tab)) == owned
    tab.set_owner_filter(0)
    main_owned = {n.number for n in client.query_numbers(sub_id=0)}
    run(until(lambda: set(shown_numbers(tab)) == main_owned))
    tab.set_owner_filter(None)
    assert len(shown_numbers(tab)) == total

    qtbot.keyClicks(tab.search, "appointment")  # an IVML flow's name, any case
    booked = [n.number for n in numbers if n.assigned_service == "IVML" and n.assigned_id == 301]
    assert shown_numbers(tab) == booked
    tab.search.clear()
    qtbot.keyClicks(tab.search, "sip")  # TraiTel's word finds the internet phones
    sip = [n.number for n in numbers if n.assigned_service == "SIP"]
    assert sip and sorted(shown_numbers(tab)) == sorted(sip)
    tab.search.clear()
    qtbot.keyClicks(tab.search, "4420749")  # digits find a formatted number
    assert shown_numbers(tab) == ["442074999622"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "no such thing")
    assert shown_numbers(tab) == []
    assert tab.stack.currentWidget() is tab.empty
    assert "No number matches" in tab.empty.text()
    assert not tab.assign_button.isEnabled()
    tab.search.clear()
    assert tab.stack.currentWidget() is tab.view


def test_sorting_uses_raw_values(numbers_tab: NumbersTab) -> None:
    tab = numbers_tab
    tab.view.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    assert shown_numbers(tab) == sorted(shown_numbers(tab))
    tab.view.sortByColumn(Column.SERVICE, Qt.SortOrder.AscendingOrder)
    services = [cell(tab, d, Column.SERVICE) for d in shown_numbers(tab)]
    assert services == sorted(services, key=["Fax", "Voice", "SMS"].index)


def test_loading_error_and_reload_after_another_views_change(
    qtbot: Any,
    session: Session,
    fresh_sandbox: Any,
    client: TraiTelClient,
    run: Callable[..., Any],
) -> None:
    tab = NumbersTab(session)
    qtbot.addWidget(tab)
    tab.show()
    assert "loaded when you open" in tab.empty.text()
    fresh_sandbox.faults.latency = 0.3

    assert run(seen_while_loading(tab)) == ("Loading…", "Loading numbers…")
    fresh_sandbox.faults.latency = 0.0
    before = len(shown_numbers(tab))
    fresh_sandbox.faults.error001_rate = 1.0
    run(tab.reload())
    assert tab.message_bar.property("kind") == "error" and tab.message_bar.text
    assert len(shown_numbers(tab)) == before  # rows kept
    fresh_sandbox.faults.error001_rate = 0.0

    target = first(client, service="voice", assigned_service="")
    client.assign_number(target, "voice", "IVR", 11)
    session.notify("numbers")  # as another view would after its change
    run(until(lambda: cell(tab, target, Column.ASSIGNMENT).startswith("Voice menu")))
    assert tab.message_bar.text == ""


def test_ctrl_b_opens_the_wizard_once(
    qtbot: Any, numbers_tab: NumbersTab, run: Callable[..., Any]
) -> None:
    tab = numbers_tab
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    wizard = tab.wizard
    assert isinstance(wizard, DidWizard) and wizard.isVisible()
    assert not wizard.isModal()
    qtbot.mouseClick(tab.buy_button, Qt.MouseButton.LeftButton)
    assert tab.wizard is wizard  # raised, not a second one
    wizard.reject()
    run(until(lambda: tab.wizard is None))
