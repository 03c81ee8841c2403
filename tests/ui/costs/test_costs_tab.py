"""The Costs tab against the demo sandbox over real HTTP: quotes for every service and every
SMS kind typed through the GUI (checked against the sandbox's rate tables and a direct
client call), the live preview and the common ways of typing a number, the estimate in
Decimal, the comparison table, the session history, keyboard paths and the empty state."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.helpers.costs_fixtures import client, tab, type_and_enter
from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.core.costs import Quote, fax_total, voice_total
from traitel_desktop.core.money import format_money as money_text
from traitel_desktop.sandbox.data.catalog import FAX_RATES, SMS_RATES, VOICE_RATES
from traitel_desktop.ui.costs.model import CompareColumn
from traitel_desktop.ui.costs.tab import CostsTab
from traitel_desktop.ui.costs.texts import rate_note

__all__ = ["client", "tab"]  # fixtures used here

BILLING_WORDS = {
    "PerSecond": "by the second",
    "PerMinute": "by the minute",
    "PerPage": "per page",
    "Mixed": "per page + line time",
}








def texts(card: Any) -> set[str]:
    """Every label text of a price card."""
    return {label.text() for label in card.findChildren(type(card.title))}


def tip_of(card: Any, key: str) -> str:
    """The tooltip of a card's row ``key``."""
    return str(card._values[key].toolTip())


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@pytest.mark.parametrize(
    ("typed", "region"),
    [("+61 2 9999 1234", "AU"), ("+44 20 7946 0000", "GB"), ("+49 30 1234567", "DE"),
     ("+81 3 1234 5678", "JP"), ("+65 6123 4567", "SG"), ("+64 9 555 1234", "NZ")],
)
def test_every_service_and_sms_kind_is_quoted_through_the_gui(
    qtbot: Any, tab: CostsTab, client: TraiTelClient, run: Callable[..., Any],
    typed: str, region: str,
) -> None:
    type_and_enter(qtbot, tab, run, typed)
    shown = tab.shown
    assert shown is not None and shown.destination.region == region
    country, *sms = SMS_RATES[region]
    assert tab.quote_view.title.text() == f"{country} · {shown.destination.international}"
    digits = shown.destination.digits
    # SMS: each kind in words, with its price from the rate table (and from the client).
    card = tab.quote_view.sms_card
    for kind, price in zip(SMS_COST_TYPES, sms, strict=True):
        assert money(card.value(kind)) == Decimal(price) == client.query_sms_cost(digits, kind)
    notes = {label.text() for label in card.findChildren(type(card.title))}
    assert {"Can reply", "Your name", "Delivery receipt", "Your name + receipt"} <= notes
    assert "From a TraiTel number, so the recipient can reply (TraiTel's “Replies”)" in notes
    assert "Your name as sender, with delivery receipt" in notes
    # Voice: connection fee, the rate per minute (60 of TraiTel's per-second rate when billed
    # by the second, whose exact figure is in the tooltip), billing type in words, TraiTel's
    # one-minute cost.
    flag, second, minute, billing = VOICE_RATES[region]
    voice = tab.quote_view.voice_card
    direct = client.query_voice_cost(digits)
    assert money(voice.value("flag_fall")) == Decimal(flag) == direct.flag_fall
    assert voice.value("per_second") == ""  # no per-second figure to puzzle over
    per_minute = Decimal(minute) if billing == "PerMinute" else 60 * Decimal(second)
    assert money(voice.value("per_minute")) == per_minute
    assert {"Connection fee", "Per minute"} <= texts(voice)
    if billing == "PerSecond":
        assert f"{money_text(Decimal(second))} per second" in tip_of(voice, "per_minute")
    assert voice.value("billing") == BILLING_WORDS[billing]
    assert money(voice.value("cost")) == direct.cost
    # Fax: connection fee, per page, billing type in words, TraiTel's one-page cost.
    flag, second, minute, page, billing = FAX_RATES[region]
    fax = tab.quote_view.fax_card
    direct_fax = client.query_fax_cost(digits)
    assert money(fax.value("flag_fall")) == Decimal(flag)
    assert money(fax.value("per_page")) == Decimal(page)
    assert "Connection fee" in texts(fax)
    assert fax.value("billing") == BILLING_WORDS[billing]
    assert money(fax.value("cost")) == direct_fax.cost
    if billing == "Mixed":
        assert money(fax.value("per_minute")) == 60 * Decimal(second)
        assert {"Line time per minute", rate_note(billing)} <= texts(fax)
        assert "Each page is charged, and so is the time on the line" in fax.formula.text()
    if billing == "PerPage":
        assert fax.value("per_second") == fax.value("per_minute") == ""  # not used: hidden
    assert tab.field_error == "" and tab.message_bar.text == ""
    assert tab.edit.text() == typed


@pytest.mark.parametrize(
    "typed",
    ["+61 2 9999 1234", "0061 2 9999 1234", "+61299991234", "61 2 9999 1234",
     "61-2-9999-1234", "+61-2-9999-1234", "0061-2-9999-1234", "(+61) 2 9999-1234"],
)
def test_common_forms_preview_and_normalise(
    qtbot: Any, tab: CostsTab, run: Callable[..., Any], typed: str
) -> None:
    tab.edit.setFocus()
    qtbot.keyClicks(tab.edit, typed)
    assert tab.preview.text() == "✓ Australia · +61 2 9999 1234"
    qtbot.keyClick(tab.edit, Qt.Key.Key_Return)
    assert tab.task is not None
    quote = run(tab.task)
    assert isinstance(quote, Quote)
    assert quote.destination.digits == "61299991234"
    assert quote.destination.international == "+61 2 9999 1234"
    assert tab.edit.text() == typed  # what was typed stays as typed


def test_preview_follows_typing(qtbot: Any, tab: CostsTab) -> None:
    assert tab.preview.text().startswith("For example +61 2 9999 1234")
    tab.edit.setFocus()
    qtbot.keyClicks(tab.edit, "+44 20 79")
    assert tab.preview.text() == "Keep typing: this is not a complete number yet."
    qtbot.keyClicks(tab.edit, "46 0000")
    assert tab.preview.text() == "✓ United Kingdom · +44 20 7946 0000"
    tab.edit.clear()
    qtbot.keyClicks(tab.edit, "02 9999 1234")
    assert "Add the country code" in tab.preview.text()


def test_estimates_are_exact_and_follow_the_plan(
    qtbot: Any, tab: CostsTab, client: TraiTelClient, run: Callable[..., Any]
) -> None:
    type_and_enter(qtbot, tab, run, "+33 1 23 45 67 89")  # France: per-second calls, Mixed fax
    bar = tab.plan_bar
    for box, value in ((bar.messages, 250), (bar.minutes, 45), (bar.pages, 7)):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, str(value))
    bar.sms_type.setCurrentIndex(bar.sms_type.findData("masktrack"))
    assert bar.plan().messages == 250 and bar.plan().minutes == 45 and bar.plan().pages == 7
    view = tab.quote_view
    sms = 250 * client.query_sms_cost("33123456789", "masktrack")
    voice_cost = client.query_voice_cost("33123456789")
    fax_cost = client.query_fax_cost("33123456789")
    voice = voice_cost.flag_fall + 45 * 60 * voice_cost.per_second  # billed per second
    fax = fax_cost.flag_fall + 7 * (fax_cost.per_page + 60 * fax_cost.per_second)  # Mixed
    assert voice_cost.billing_type == "PerSecond" and fax_cost.billing_type == "Mixed"
    assert voice == voice_total(voice_cost, 45) and fax == fax_total(fax_cost, 7)
    assert money(view.sms_card.estimate_value.text()) == sms == Decimal("23.75")
    assert money(view.voice_card.estimate_value.text()) == voice == Decimal("1.10")
    assert money(view.fax_card.estimate_value.text()) == fax == Decimal("0.59")
    assert view.total.text() == "Plan total: 25.44"
    assert view.sms_card.estimate_caption.text() == "250 messages"
    assert view.sms_card.formula.text() == (
        "250 × 0.095 per message (Your name + receipt)"
    )
    assert view.voice_card.formula.text() == (
        "connection fee 0.02 + 45 min × 0.024 per minute (billed by the second)"
    )
    assert view.fax_card.formula.text().startswith(
        "connection fee 0.03 + 7 pages × (0.05 per page + 0.03 per minute of line time, "
        "billed by the second)"
    )
    estimate = tab.proxy.index(0, CompareColumn.ESTIMATE).data()
    assert estimate == "25.44"
    # Zero of a service leaves it out of the total.
    bar.messages.setValue(0)
    assert view.total.text() == "Plan total: 1.69"
    assert tab.proxy.index(0, CompareColumn.ESTIMATE).data() == "1.69"


def test_per_minute_call_estimate(qtbot: Any, tab: CostsTab, run: Callable[..., Any]) -> None:
    type_and_enter(qtbot, tab, run, "+49 30 1234567")  # Germany: calls billed per minute
    tab.plan_bar.minutes.setValue(7)
    # 0.02 flag fall + 7 × 0.025 (not 7 × 60 × 0.000417 = 0.17514)
    estimate = tab.quote_view.voice_card.estimate_value
    assert estimate.text() == "0.20"  # an estimate is to the cent...
    assert estimate.toolTip() == "Exact: 0.195"  # ...and exact on hover
    assert tab.quote_view.voice_card.formula.text() == (
        "connection fee 0.02 + 7 min × 0.025 per minute (billed by the minute)"
    )


def test_several_destinations_compared_side_by_side(
    qtbot: Any, tab: CostsTab, run: Callable[..., Any]
) -> None:
    assert tab.table_stack.currentWidget() is tab.table_empty
    numbers = ["+61 2 9999 1234", "+1 212 555 0100", "+91 22 2345 6789", "+27 21 123 4567"]
    for typed in numbers:
        type_and_enter(qtbot, tab, run, typed)
    assert tab.table_stack.currentWidget() is tab.table
    proxy = tab.proxy
    assert proxy.rowCount() == 4
    rows = {proxy.index(r, CompareColumn.COUNTRY).data(): r for r in range(4)}
    assert set(rows) == {"Australia", "United States", "India", "South Africa"}
    for country_row in rows.values():
        quote = proxy.quote(proxy.index(country_row, 0))
        assert quote is not None
        region = quote.destination.region
        _name, *sms = SMS_RATES[region]
        cells = [proxy.index(country_row, c).data() for c in CompareColumn]
        assert cells[CompareColumn.NUMBER] == quote.destination.international
        assert [money(c) for c in cells[CompareColumn.SMS_REPLIES:CompareColumn.VOICE_MINUTE]] \
            == [Decimal(p) for p in sms]
        _flag, second, minute, billing = VOICE_RATES[region]
        per_minute = Decimal(minute) if billing == "PerMinute" else 60 * Decimal(second)
        assert money(cells[CompareColumn.VOICE_MINUTE]) == per_minute
    # The same number again replaces its row (no duplicate).
    type_and_enter(qtbot, tab, run, "0061 2 9999 1234")
    assert proxy.rowCount() == 4
    # Sorted by the estimate: raw Decimal order.
    tab.table.sortByColumn(CompareColumn.ESTIMATE, Qt.SortOrder.AscendingOrder)
    estimates = [money(proxy.index(r, CompareColumn.ESTIMATE).data()) for r in range(4)]
    assert estimates == sorted(estimates)
    # Delete takes the selected row out; the history keeps it.
    tab.table.selectRow(0)
    gone = tab.selected_quote()
    assert gone is not None
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert proxy.rowCount() == 3
    assert gone.destination.digits not in [
        q.destination.digits for q in tab.model.rows()
    ]
    assert gone.destination.digits in [q.destination.digits for q in tab.history_quotes()]
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)
    assert proxy.rowCount() == 0 and tab.table_stack.currentWidget() is tab.table_empty
    assert not tab.clear_button.isEnabled()


def test_history_lists_this_sessions_quotes_and_shows_them_again(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any]
) -> None:
    assert tab.history_stack.currentWidget() is tab.history_empty
    for typed in ("+61 2 9999 1234", "+44 20 7946 0000", "+64 9 555 1234"):
        type_and_enter(qtbot, tab, run, typed)
    assert [q.destination.region for q in tab.history_quotes()] == ["NZ", "GB", "AU"]
    assert tab.history.item(0).text().startswith("New Zealand · +64 9 555 1234\npriced at ")
    before = sandbox.request_count["total"]
    australia = tab.history.item(2)
    qtbot.mouseClick(
        tab.history.viewport(), Qt.MouseButton.LeftButton,
        pos=tab.history.visualItemRect(australia).center(),
    )
    assert tab.shown is not None and tab.shown.destination.region == "AU"
    assert tab.quote_view.title.text() == "Australia · +61 2 9999 1234"
    tab.history.setFocus()
    qtbot.keyClick(tab.history, Qt.Key.Key_Up)
    assert tab.shown is not None and tab.shown.destination.region == "GB"
    assert sandbox.request_count["total"] == before  # shown again, not asked again
    # Pricing a number again moves it to the top (listed once).
    type_and_enter(qtbot, tab, run, "0061 2 9999 1234")
    assert [q.destination.region for q in tab.history_quotes()] == ["AU", "NZ", "GB"]
    # Enter on a comparison row shows it too.
    row = next(r for r in range(tab.proxy.rowCount())
               if tab.proxy.index(r, CompareColumn.COUNTRY).data() == "New Zealand")
    tab.table.selectRow(row)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.shown is not None and tab.shown.destination.region == "NZ"


def test_empty_state_keyboard_and_accessible_names(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any]
) -> None:
    assert tab.quote_stack.currentWidget() is tab.empty_state
    assert tab.shown is None
    assert [b.text() for b in tab.empty_state.example_buttons] == [
        "+61 2 9999 1234  ·  Australia",
        "0044 20 7946 0000  ·  United Kingdom",
        "1-212-555-0100  ·  United States",
    ]
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    before = sandbox.request_count["total"]
    run(tab.reload())
    assert loaded == [True] and sandbox.request_count["total"] == before
    # Ctrl+L goes to the number; Alt+M / Alt+I / Alt+P to the plan.
    tab.plan_bar.pages.setFocus()
    qtbot.keyClick(tab, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.edit.hasFocus()
    qtbot.keyClick(tab, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert tab.plan_bar.minutes.hasFocus()
    qtbot.keyClick(tab, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert tab.edit.hasFocus()
    # An example fills the field and prices it.
    qtbot.mouseClick(tab.empty_state.example_buttons[1], Qt.MouseButton.LeftButton)
    assert tab.task is not None
    run(tab.task)
    assert tab.edit.text() == "0044 20 7946 0000"
    assert tab.shown is not None and tab.shown.destination.region == "GB"
    for widget in (tab.edit, tab.quote_button, tab.history, tab.table, tab.plan_bar.messages,
                   tab.plan_bar.sms_type, tab.plan_bar.minutes, tab.plan_bar.pages,
                   tab.remove_button, tab.clear_button, tab.preview):
        assert widget.accessibleName(), widget


def test_reload_prices_the_compared_destinations_again(
    qtbot: Any, tab: CostsTab, sandbox: Any, run: Callable[..., Any]
) -> None:
    for typed in ("+61 2 9999 1234", "+44 20 7946 0000"):
        type_and_enter(qtbot, tab, run, typed)
    old = tab.shown
    before = sandbox.request_count["total"]
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    run(tab.reload())
    assert loaded == [True]
    assert sandbox.request_count["total"] - before == 2 * (len(SMS_COST_TYPES) + 2)
    assert tab.shown is not None and tab.shown is not old
    assert old is not None and tab.shown.destination == old.destination
    assert tab.proxy.rowCount() == 2


def test_costs_tab_is_the_main_windows_costs_tab() -> None:
    from traitel_desktop.ui.frame.tabs import tab_specs

    spec = next(s for s in tab_specs() if s.name == "costs")
    assert spec.factory() is CostsTab
