"""Every time the app shows is on the account's clock (its TraiTel time zone), named where it
matters: the header's "Updated", the Costs tab's "prices at", the change history. The zone is
set on a fresh sandbox over real HTTP; the expected wall time comes from zoneinfo applied to
the very instant the view shows (a pinned clock, or the quote's and the change's own time),
so the tests hold on any date, DST nights included, whatever this computer's zone is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from tests.helpers.costs_fixtures import type_and_enter
from tests.helpers.fresh_sandbox import fresh_sandbox, sign_in_request
from traitel_desktop.core.dates import clock_text, local_time_text, zone_place
from traitel_desktop.services import Session
from traitel_desktop.services.changes import record_for
from traitel_desktop.ui.change_history.window import ChangeHistoryDialog, Column
from traitel_desktop.ui.costs.tab import CostsTab
from traitel_desktop.ui.frame.header import AccountHeader

__all__ = ["fresh_sandbox", "sign_in_request"]  # fixtures used here

#: Far apart from each other and from UTC (a test machine's usual zone).
ZONES = [("Australia/Sydney", "Sydney"), ("America/Los_Angeles", "Los Angeles")]
#: A pinned instant: 18:15 UTC is 05:15 the next morning in Sydney (summer), 10:15 in LA.
PINNED = datetime(2026, 1, 14, 18, 15, tzinfo=UTC)


def wall(at: datetime, zone: str) -> str:
    return f"{at.astimezone(ZoneInfo(zone)):%H:%M}"


def test_zone_place_names_the_city_or_the_offset() -> None:
    assert zone_place("Australia/Sydney") == "Sydney"
    assert zone_place("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert zone_place("UTC") == "UTC"
    assert zone_place("Etc/GMT+5") == "UTC-5"  # POSIX sign: five hours behind UTC
    assert zone_place("Mars/Olympus") == "" and zone_place("") == ""
    assert clock_text(PINNED, "Australia/Sydney") == "05:15"
    assert local_time_text(PINNED, "America/Los_Angeles") == "14 Jan 2026, 10:15:00"


@pytest.mark.parametrize(("zone", "place"), ZONES)
def test_header_updated_is_the_accounts_wall_time(
    qtbot: Any, session: Session, run: Callable[..., Any], zone: str, place: str
) -> None:
    run(session.set_time_zone(zone))
    header = AccountHeader(session)
    qtbot.addWidget(header)
    header.clock = lambda: PINNED
    session.set_balance(Decimal("12.34"))
    assert header.updated_label.text() == f"Updated {wall(PINNED, zone)} ({place} time)"
    # Moving the account to another zone shows the same moment on the new clock.
    run(session.set_time_zone("Europe/Berlin"))
    assert header.updated_label.text() == f"Updated {wall(PINNED, 'Europe/Berlin')} (Berlin time)"
    assert "Australia/Sydney" not in header.zone_label.text()


@pytest.mark.parametrize(("zone", "place"), ZONES)
def test_costs_prices_at_is_the_accounts_wall_time(
    qtbot: Any, session: Session, run: Callable[..., Any], zone: str, place: str
) -> None:
    run(session.set_time_zone(zone))
    tab = CostsTab(session)
    qtbot.addWidget(tab)
    tab.resize(1100, 640)
    tab.show()
    type_and_enter(qtbot, tab, run, "+44 20 7946 0000")
    quote = tab.shown
    assert quote is not None
    expected = f"{wall(quote.quoted_at, zone)} ({place} time)"
    assert tab.quote_view.subtitle.text().startswith(f"prices at {expected},")
    item = tab.history.item(0)
    assert item is not None and item.text().endswith(f"priced at {expected}")


@pytest.mark.parametrize(("zone", "place"), ZONES)
def test_change_history_is_on_the_accounts_clock(
    qtbot: Any, session: Session, run: Callable[..., Any], zone: str, place: str
) -> None:
    run(session.set_time_zone(zone))
    dialog = ChangeHistoryDialog(session)
    qtbot.addWidget(dialog)
    change = record_for(session).changes(limit=1)[0]  # the zone change itself
    at = change.at.astimezone(ZoneInfo(zone))
    shown = dialog.proxy.index(0, Column.WHEN)
    assert shown.data() == f"{at.day} {at:%b %Y, %H:%M:%S}"
    title = dialog.proxy.headerData(Column.WHEN, Qt.Orientation.Horizontal)
    assert title == f"When ({place} time)"
    # The open window follows a later zone change: every time moves to the new clock.
    run(session.set_time_zone("Europe/Berlin"))
    berlin = change.at.astimezone(ZoneInfo("Europe/Berlin"))
    times = [dialog.proxy.index(r, Column.WHEN).data() for r in range(dialog.proxy.rowCount())]
    assert f"{berlin.day} {berlin:%b %Y, %H:%M:%S}" in times
    assert dialog.proxy.headerData(Column.WHEN, Qt.Orientation.Horizontal) == \
        "When (Berlin time)"


def test_updated_moves_at_every_read_even_when_the_balance_is_the_same(
    qtbot: Any, session: Session, run: Callable[..., Any]
) -> None:
    """A refresh that reads the same amount still shows it was just read; changing the
    low-balance threshold is no read and leaves "Updated" alone."""
    run(session.set_time_zone("UTC"))
    header = AccountHeader(session)
    qtbot.addWidget(header)
    moments = iter([PINNED, PINNED + timedelta(minutes=7)])
    header.clock = lambda: next(moments)
    balance = run(session.refresh_balance())
    first = header.updated_label.text()
    assert first == f"Updated {wall(PINNED, 'UTC')} (UTC)"
    assert run(session.refresh_balance()) == balance  # the same amount, read again
    second = f"Updated {wall(PINNED + timedelta(minutes=7), 'UTC')} (UTC)"
    assert header.updated_label.text() == second
    header.clock = lambda: PINNED + timedelta(hours=5)
    header.set_threshold(balance + 1)
    assert not header.low_note.isHidden() and header.updated_label.text() == second
