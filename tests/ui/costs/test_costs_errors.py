"""The Costs tab's refusals and errors: an invalid number refused locally with nothing sent;
Error 120 (valid but unroutable: Brazil) and Error 200 on the number field with the typed text
kept; a newer quote superseding an older one; the UI staying responsive; no gateway."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.costs_fixtures import client, tab, type_and_enter
from tests.helpers.did_sandbox_api import Overlap
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.errors import InvalidDestination
from traitel_desktop.core.costs import CostQuoter, Quote
from traitel_desktop.services import Session
from traitel_desktop.ui.costs.tab import CostsTab
from traitel_desktop.ui.widgets.field_errors import INVALID_PROPERTY

__all__ = ["client", "tab"]  # fixtures used here


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "Type the number to price, with its country code"),
        ("02 9999 1234", "Add the country code"),
        ("+61 2 9999 12", "This is not a valid phone number"),
        ("+61 2", "This number is too short"),
        ("+61 2 9999 1234 5678 90", "This number is too long"),
        ("+999 1234 5678", "No country uses the code at the start of this number"),
        ("fax the office", "A phone number has only digits"),
        ("+1 800 123 4567", "This is not a valid phone number"),
    ],
)
def test_invalid_number_is_refused_locally_and_nothing_is_sent(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any], typed: str, words: str
) -> None:
    before = sandbox.request_count["total"]
    type_and_enter(qtbot, tab, run, typed)
    assert sandbox.request_count["total"] == before
    assert words in tab.field_error
    assert tab.edit.text() == typed
    assert tab.edit.property(INVALID_PROPERTY) is True
    assert tab.edit.hasFocus()
    assert tab.shown is None and tab.history.count() == 0 and tab.model.rowCount() == 0
    assert tab.preview.isHidden()  # the message under the field says it all
    # Typing again clears the mark and brings the live preview back.
    qtbot.keyClicks(tab.edit, "5")
    assert tab.field_error == "" and tab.edit.property(INVALID_PROPERTY) is False
    assert not tab.preview.isHidden() and tab.preview.text()


def test_error_120_unroutable_destination_on_the_field(
    qtbot: Any, tab: CostsTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    with pytest.raises(InvalidDestination):  # the gateway's own answer for Brazil
        client.query_voice_cost("551123456789")
    type_and_enter(qtbot, tab, run, "+61 2 9999 1234")
    shown_before = tab.shown
    type_and_enter(qtbot, tab, run, "+55 11 2345-6789")
    assert tab.field_error.startswith(
        "TraiTel can't deliver to this number with any of its services"
    )
    assert "(Brazil)" in tab.field_error
    assert tab.edit.text() == "+55 11 2345-6789"
    assert tab.edit.property(INVALID_PROPERTY) is True
    # Nothing priced, nothing listed; the earlier quote is still there to look at.
    assert [q.destination.region for q in tab.history_quotes()] == ["AU"]
    assert tab.model.rowCount() == 1
    assert tab.shown is shown_before
    assert tab.message_bar.text == ""


def test_error_200_on_the_field_keeps_the_text(
    qtbot: Any, tab: CostsTab, session: Session, sandbox: Any, run: Callable[..., Any]
) -> None:
    """An SMS kind TraiTel does not know (the service asked directly, past the UI's own
    list) is Error 200; the client refuses it before sending, the other questions go."""
    tab.quoter = CostQuoter(session.call, sms_types=("replies", "carrier-pigeon"))
    before = sandbox.request_count["total"]
    type_and_enter(qtbot, tab, run, "+61 2 9999 1234")
    assert "did not accept this price question" in tab.field_error
    assert "(Error 200)" in tab.field_error
    assert "Your number is kept" in tab.field_error
    assert tab.edit.text() == "+61 2 9999 1234"
    assert tab.history.count() == 0 and tab.model.rowCount() == 0
    assert sandbox.request_count["total"] - before == 3  # replies, voice and fax only


def test_a_newer_quote_supersedes_an_older_one(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any]
) -> None:
    sandbox.faults.latency = 0.3
    tab.edit.setText("+61 2 9999 1234")
    first = tab.quote_now()
    tab.edit.setText("+44 20 7946 0000")
    second = tab.quote_now()
    assert first is not second
    results = run(asyncio.gather(first, second))
    assert results[0] is None  # superseded: dropped silently
    assert isinstance(results[1], Quote) and results[1].destination.region == "GB"
    assert tab.shown is results[1]
    assert [q.destination.region for q in tab.history_quotes()] == ["GB"]
    assert tab.model.rowCount() == 1
    assert tab.field_error == "" and tab.message_bar.text == "" and tab.status.text() == ""


def test_the_ui_stays_responsive_and_questions_run_in_parallel(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sandbox.faults.latency = 0.25
    tab.edit.setText("+61 2 9999 1234")
    # Six questions, four workers: four go out at once (each held until all four are out).
    overlap = Overlap(monkeypatch, until=4)
    ticks = 0
    seen_status: list[str] = []

    async def scenario() -> None:
        nonlocal ticks
        task = tab.quote_now()
        while not task.done():
            ticks += 1
            seen_status.append(tab.status.text())
            await asyncio.sleep(0.02)
        await task

    run(scenario())
    assert ticks >= 3  # the loop kept turning while TraiTel was asked
    assert "Asking TraiTel for the prices to +61 2 9999 1234…" in seen_status
    assert overlap.peak == 4
    assert tab.shown is not None and tab.status.text() == ""


def test_no_gateway_is_shown_in_the_message_bar(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any]
) -> None:
    sandbox.faults.drop_rate = 1.0
    type_and_enter(qtbot, tab, run, "+61 2 9999 1234")
    assert tab.message_bar.text != ""
    assert tab.field_error == ""
    assert tab.edit.text() == "+61 2 9999 1234"
    assert tab.history.count() == 0
