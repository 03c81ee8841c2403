"""Task f: "what does a text message and a call to Germany cost?" The owner opens Costs, types
a Berlin number into Destination (a click into it, or Alt+D) and asks (Get prices, or Enter);
the text-message card shows the price of one message of each kind and the call card the
one-minute price and its rates: the prices the sandbox's price queries give for that number
(asked by the test over HTTP). The shared sandbox: nothing changes."""

from __future__ import annotations

from typing import Any

from tests.helpers.owner import Key, Owner, shows_amount
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.core.costs import Destination, read_destination
from traitel_desktop.ui.costs.tab import CostsTab
from traitel_desktop.ui.frame.main_window import MainWindow

#: A Berlin number, typed as a person writes it.
BERLIN = "+49 30 901820"


@task_params
def test_price_a_text_and_a_call_to_germany(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, size: Any, mode: str
) -> None:
    owner.tab("Costs")
    tab = window.tab("costs")
    assert isinstance(tab, CostsTab)
    owner.wait_quiet()

    if owner.by_keyboard:
        owner.shortcut("Alt+D")
        assert owner.focus() is tab.edit
        owner.type(BERLIN)
        owner.press(Key.Key_Return)
    else:
        owner.click(tab.edit)
        owner.type(BERLIN)
        owner.click(tab.quote_button)
    owner.wait_quiet()

    destination = read_destination(BERLIN)
    assert isinstance(destination, Destination)
    view = tab.quote_view
    assert view.isVisible() and view.quote is not None
    assert "Germany" in view.title.text()
    for kind in SMS_COST_TYPES:
        price = eyes.query_sms_cost(destination.digits, kind)
        assert shows_amount(view.sms_card.value(kind), price), (kind, price)
    call = eyes.query_voice_cost(destination.digits)
    voice = view.voice_card
    assert shows_amount(voice.value("cost"), call.cost)
    assert shows_amount(voice.value("per_minute"), call.per_minute)
    assert shows_amount(voice.value("flag_fall"), call.flag_fall)
    owner.shot("f-germany", window)
