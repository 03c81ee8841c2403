"""Task e: "how much did text messages cost me over the last 3 months?" The owner opens Spend,
picks "Last 90 days" in the period list (a click, or Alt+P and the arrow keys) and reads the
text messages' line of the totals: the sum of the costs of the SMS sent in those days (today
in the account's zone and the 89 days before), summed by the test from the sandbox's log over
HTTP. The shared sandbox: nothing changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.helpers.owner import Key, Owner, shows_amount
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.logs import to_money
from traitel_desktop.contract.zones import today_in
from traitel_desktop.core.spend import Period
from traitel_desktop.ui.frame.main_window import MainWindow
from traitel_desktop.ui.spend.tab import SpendTab

DAYS = 90


def sms_spend(eyes: TraiTelClient, zone: str) -> tuple[Decimal, tuple[dt.date, dt.date]]:
    """What the SMS sent in the last :data:`DAYS` days cost, by the sandbox, and the days."""
    today = today_in(zone)
    first = today - dt.timedelta(days=DAYS - 1)
    costs = eyes.log("logsmsout", first, today).column("Cost")  # in micro-units
    return sum((to_money(c) for c in costs), Decimal(0)), (first, today)


@task_params
def test_sms_spend_over_the_last_three_months(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, size: Any, mode: str
) -> None:
    zone = eyes.query_time_zone()
    owner.tab("Spend")
    tab = window.tab("spend")
    assert isinstance(tab, SpendTab)
    owner.wait_quiet(timeout=90)
    before, _days = sms_spend(eyes, zone)

    box = tab.controls.period_box
    wanted = box.findData(Period.LAST_90_DAYS.value)
    if owner.by_keyboard:
        owner.shortcut("Alt+P")
        assert owner.focus() is box
        key = Key.Key_Down if wanted > box.currentIndex() else Key.Key_Up
        owner.press(key, times=abs(wanted - box.currentIndex()))
    else:
        owner.click(box)
        owner.wait_for(lambda: box.view().isVisible(), "the list of periods to open")
        owner.click_item(box.view(), wanted)
    assert tab.controls.period() is Period.LAST_90_DAYS
    owner.wait_quiet(timeout=90)

    after, days = sms_spend(eyes, zone)
    shown = tab.controls.date_range()
    assert (shown.start, shown.end) == days
    lines = dict(tab.totals.lines)
    sms = [text for name, text in lines.items() if "SMS" in name or "text" in name.lower()]
    assert len(sms) == 1, lines
    assert any(shows_amount(sms[0], spent, to_the_cent=True) for spent in (before, after)), (
        sms[0], before, after)
    owner.shot("e-sms-spend", window)
