"""One check with every rule: the first check only takes note; a new row alerts once; the
state written and read back (a restart) repeats nothing; many new rows make one summary;
rows of yesterday found after midnight still alert."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.helpers.alert_rows import NOW, call, fax_in, fax_out, text_in
from traitel_desktop.core.alerts import AlertConfig, AlertKind, Check, WatchState, evaluate
from traitel_desktop.core.alerts.state import state_from_texts, state_to_texts

TODAY = dt.date(2026, 5, 20)
CONFIG = AlertConfig()


def check(rows: dict[str, list[Any]], balance: str = "100", today: dt.date = TODAY,
          minutes: int = 0) -> Check:
    return Check(Decimal(balance), rows, today, {}, NOW + dt.timedelta(minutes=minutes))


def test_the_first_check_only_takes_note_then_a_new_row_alerts_once() -> None:
    rows: dict[str, list[Any]] = {"logfaxin": [fax_in(5, TODAY)], "logsmsin": []}
    first = evaluate(check(rows), WatchState(), CONFIG)
    assert first.alerts == [] and first.state.seen == {"logfaxin": {(5, TODAY)}, "logsmsin": set()}
    rows["logsmsin"].append(text_in(1, TODAY))
    second = evaluate(check(rows, minutes=5), first.state, CONFIG)
    assert [a.key for a in second.alerts] == ["new_text:logsmsin:1"]
    third = evaluate(check(rows, minutes=10), second.state, CONFIG)
    assert third.alerts == []


def test_a_restart_reads_the_state_back_and_repeats_nothing() -> None:
    rows: dict[str, list[Any]] = {"logfaxin": [fax_in(5, TODAY)]}
    state = evaluate(check(rows, balance="1.00"), WatchState(), CONFIG).state
    assert state.tripped  # the low balance was told
    restarted = state_from_texts(state_to_texts(state))
    assert restarted == state
    assert evaluate(check(rows, balance="1.00", minutes=5), restarted, CONFIG).alerts == []


def test_a_damaged_state_value_is_left_out_not_fatal() -> None:
    state = state_from_texts({"seen:logfaxin": "x7", "seen:nolog": "3", "last_id:logsmsin": "4",
                              "tripped": ""})
    assert state == WatchState()


def test_rows_of_yesterday_seen_after_midnight_still_alert() -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    rows: dict[str, list[Any]] = {"logfaxin": [fax_in(5, yesterday, "23:00:00")]}
    state = evaluate(check(rows, today=yesterday), WatchState(), CONFIG).state
    rows["logfaxin"].append(fax_in(6, yesterday, "23:59:30"))  # arrived after the last check
    rows["logfaxin"].append(fax_in(7, TODAY, "00:00:10"))
    found = evaluate(check(rows, minutes=5), state, CONFIG).alerts
    assert [a.key for a in found] == ["new_fax:logfaxin:6", "new_fax:logfaxin:7"]


def test_many_new_rows_make_one_summary_money_alerts_stay_on_their_own() -> None:
    rows: dict[str, list[Any]] = {"logfaxin": [], "logsmsin": [], "logfaxout": []}
    state = evaluate(check(rows), WatchState(), CONFIG).state
    rows["logfaxin"] += [fax_in(i, TODAY, f"0{i}:00:00") for i in range(1, 4)]
    rows["logsmsin"] += [text_in(i, TODAY) for i in range(1, 40)]
    rows["logfaxout"] += [fax_out(1, TODAY, code=302)]
    outcome = evaluate(check(rows, balance="1.00", minutes=480), state, CONFIG)
    kinds = [a.kind for a in outcome.alerts]
    assert kinds == [AlertKind.LOW_BALANCE, AlertKind.SUMMARY]
    summary = outcome.alerts[1]
    assert summary.title == "43 new things in your account"
    assert "39 new texts, 3 new faxes and 1 fax that was not sent" in summary.text
    assert len(outcome.folded) == 43
    assert evaluate(check(rows, balance="1.00", minutes=485), outcome.state,
                    CONFIG).alerts == []


def test_exactly_the_summary_limit_is_still_told_row_by_row() -> None:
    rows: dict[str, list[Any]] = {"logsmsin": []}
    state = evaluate(check(rows), WatchState(), CONFIG).state
    rows["logsmsin"] += [text_in(i, TODAY) for i in range(1, CONFIG.summary_after + 1)]
    outcome = evaluate(check(rows, minutes=5), state, CONFIG)
    assert [a.kind for a in outcome.alerts] == [AlertKind.NEW_TEXT] * CONFIG.summary_after


def test_countries_called_before_the_first_check_are_known() -> None:
    rows: dict[str, list[Any]] = {"logvoiceout": [call(1, TODAY, other="4930123456",
                                                       out=True)]}
    state = evaluate(check(rows), WatchState(), CONFIG).state
    assert state.countries == {"DE"}
    rows["logvoiceout"] += [call(2, TODAY, other="4930123457", out=True),
                            call(3, TODAY, other="33140000000", out=True)]
    found = evaluate(check(rows, minutes=5), state, CONFIG).alerts
    assert [a.key for a in found if a.kind is AlertKind.NEW_COUNTRY] == ["new_country:FR"]


def test_a_row_that_shows_later_with_a_lower_id_still_alerts() -> None:
    """The spec says IDs grow with time, but a gateway (the live sandbox did) may hand a row
    that shows later a lower ID than one already seen: it is new all the same."""
    rows: dict[str, list[Any]] = {"logfaxin": [fax_in(5, TODAY, "09:00:00")]}
    state = evaluate(check(rows), WatchState(), CONFIG).state
    rows["logfaxin"].append(fax_in(90, TODAY, "09:10:00"))
    state = evaluate(check(rows, minutes=5), state, CONFIG).state
    rows["logfaxin"].append(fax_in(40, TODAY, "09:12:00"))  # lower than 90, shown later
    found = evaluate(check(rows, minutes=10), state, CONFIG).alerts
    assert [a.key for a in found] == ["new_fax:logfaxin:40"]


def test_what_was_seen_is_kept_for_yesterday_and_today_only() -> None:
    two_days_ago = TODAY - dt.timedelta(days=2)
    rows: dict[str, list[Any]] = {"logfaxin": [fax_in(3, two_days_ago), fax_in(5, TODAY)]}
    state = evaluate(check(rows), WatchState(), CONFIG).state
    assert state.seen == {"logfaxin": {(5, TODAY)}}
    assert state_from_texts(state_to_texts(state)) == state
