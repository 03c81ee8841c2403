"""Unusual spend today, and a sub-account's hour against its usual day, at their edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.helpers.alert_rows import NOW, call, fax_out
from traitel_desktop.core.alerts import AlertConfig
from traitel_desktop.core.alerts.rows import LogRow, log_rows
from traitel_desktop.core.alerts.spend import hourly_spend, sub_account_spikes, unusual_spend

TODAY = dt.date(2026, 5, 20)


def history(today_spend: str, usual: str = "2.00") -> dict[dt.date, Decimal]:
    daily = {TODAY - dt.timedelta(days=i): Decimal(usual) for i in range(1, 29)}
    daily[TODAY] = Decimal(today_spend)
    return daily


def test_exactly_k_times_the_median_is_not_unusual_and_a_cent_more_is() -> None:
    config = AlertConfig()  # k = 3
    assert unusual_spend(history("6.00"), TODAY, config, NOW) == []
    [alert] = unusual_spend(history("6.01"), TODAY, config, NOW)
    assert alert.key == "unusual_spend:2026-05-20"
    assert "6.01" in alert.title and "2.00" in alert.text and "Spend" in alert.text


def test_k_is_the_owners_choice() -> None:
    assert len(unusual_spend(history("4.01"), TODAY, AlertConfig(spend_factor=Decimal(2)),
                             NOW)) == 1


def test_no_usual_spend_means_nothing_to_compare_with() -> None:
    assert unusual_spend(history("500", usual="0"), TODAY, AlertConfig(), NOW) == []


def test_spend_just_before_midnight_belongs_to_yesterday() -> None:
    daily = history("0")
    daily[TODAY - dt.timedelta(days=1)] = Decimal("100")  # 23:59 yesterday, not today
    assert unusual_spend(daily, TODAY, AlertConfig(), NOW) == []


def rows() -> list[LogRow]:
    return log_rows("logvoiceout", [
        call(1, TODAY, "14:05:00", cost="3.00", sub=7, out=True),
        call(2, TODAY, "14:55:00", cost="2.00", sub=7, out=True),
        call(3, TODAY, "15:00:00", cost="4.00", sub=7, out=True),
    ]) + log_rows("logfaxout", [fax_out(4, TODAY, "14:30:00", cost="9.00", sub=8)])


def test_hourly_spend_is_per_sub_account_and_clock_hour() -> None:
    assert hourly_spend(rows()) == {
        (7, TODAY, 14): Decimal("5.00"), (7, TODAY, 15): Decimal("4.00"),
        (8, TODAY, 14): Decimal("9.00")}


def test_an_hour_above_the_usual_day_warns_and_exactly_the_usual_day_does_not() -> None:
    hours = hourly_spend(rows())
    usual = {7: Decimal("5.00"), 8: Decimal("1.00")}
    found = sub_account_spikes(hours, usual, AlertConfig(), NOW, {8: "reception"})
    assert [a.key for a in found] == ["sub_account_spike:8:2026-05-20T14"]
    assert found[0].title.startswith("Reception spent")
    assert "SIP password" in found[0].text


def test_a_sub_account_with_no_usual_spend_is_not_compared() -> None:
    assert sub_account_spikes(hourly_spend(rows()), {}, AlertConfig(), NOW) == []
