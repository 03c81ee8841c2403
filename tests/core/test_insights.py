"""Insights (runway, unusual days, unused numbers) on data with known answers.

A real SQLite archive in ``tmp_path`` is filled with crafted rows (``store_range`` of rows
read the client's way): a steady 1.00 a day of SMS, one planted 10x day, numbers with and
without inbound traffic. The unused-numbers reading is also checked against the demo
sandbox over HTTP.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import Api
from tests.helpers.log_rows import log_columns
from traitel_desktop.api import TraiTelClient
from traitel_desktop.api.records import Number
from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.core.insights import (
    INBOUND_LOGS,
    Anomaly,
    anomalies,
    inbound_numbers,
    runway,
    unused_numbers,
    unused_since,
)
from traitel_desktop.core.spend import daily_spend
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.store.archive import Archive

D = dt.date
TODAY = D(2026, 6, 30)
SPIKE = TODAY - dt.timedelta(days=10)
FIRST = TODAY - dt.timedelta(days=59)  # 60 days of history
ONE = Decimal("1.0000")

FAX_NO, VOICE_NO, SMS_NO, QUIET_NO, OLD_NO = (
    "61299990001", "61299990002", "61400000003", "61299990004", "61400000005")


def _cells(log: str, n: int, day: D, to: str, cost: str) -> list[str]:
    """One CSV row of ``log`` (every column filled with something valid)."""
    values = {
        "ID": str(n), "Sub-ID": "0", "Date": day.isoformat(), "Time": "10:00:00",
        "From": "61255550000", "To": to, "Cost": cost, "Pages": "1", "Speed": "14400",
        "Duration": "60", "Attempt": "1", "ErrorCode": "0", "Result": "answered",
        "IVMLID": "", "FaxStationID": "x", "MessageType": "ASCII", "Message": "hi",
        "Sent": "1", "Tracking": "delivered",
    }
    return [values[h] for h in LOGS[log].headers]


def store(archive: Archive, log: str, first: D, last: D, rows: list[list[str]]) -> None:
    archive.store_range(log, first, last, log_columns(log, rows), today=TODAY)


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    """60 days: 1.00 of SMS a day, 10.00 on SPIKE; inbound traffic to three numbers."""
    opened = Archive.in_directory(tmp_path)
    days = [FIRST + dt.timedelta(days=i) for i in range(60)]
    sms = [_cells("logsmsout", i + 1, d, "61411111111", "10.0000" if d == SPIKE else "1.0000")
           for i, d in enumerate(days)]
    store(opened, "logsmsout", FIRST, TODAY, sms)
    store(opened, "logfaxin", FIRST, TODAY, [_cells("logfaxin", 1, TODAY, FAX_NO, "")])
    store(opened, "logvoicein", FIRST, TODAY,
          [_cells("logvoicein", 1, FIRST, VOICE_NO, "0.0100")])
    store(opened, "logsmsin", FIRST, TODAY, [_cells("logsmsin", 1, SPIKE, "+" + SMS_NO, "")])
    # OLD_NO received a text 100 days ago: outside a 90-day window, inside a 120-day one.
    old = TODAY - dt.timedelta(days=100)
    store(opened, "logsmsin", old, old, [_cells("logsmsin", 2, old, OLD_NO, "")])
    yield opened
    opened.close()


def test_runway_from_the_last_30_days(archive: Archive) -> None:
    daily = daily_spend(archive.totals_by_day(FIRST, TODAY))
    result = runway(Decimal("78.00"), daily, TODAY)
    # Last 30 days: 29 x 1.00 + 10.00 = 39.00; 1.30 a day; 78 / 1.30 = 60 days.
    assert result.spend == Decimal("39")
    assert result.daily_average == Decimal("1.3")
    assert result.days == 60
    assert result.headline == (
        "At your last-30-days spend, your balance lasts about 60 days.")
    assert "Balance 78.00" in result.details and "spent 39.00" in result.details
    assert "1.30 a day" in result.details
    # Rounds down, never up: 77.99 lasts 59 whole days.
    assert runway(Decimal("77.99"), daily, TODAY).days == 59
    assert runway(Decimal("0"), daily, TODAY).days == 0
    assert "used up" in runway(Decimal("-2"), daily, TODAY).headline


def test_runway_without_spending() -> None:
    quiet = {TODAY - dt.timedelta(days=45): Decimal("5")}  # older than 30 days
    result = runway(Decimal("12.50"), quiet, TODAY)
    assert result.days is None and result.spend == 0 and result.daily_average == 0
    assert result.headline.startswith("No spending in the last 30 days")
    assert runway(Decimal("12.50"), {}, TODAY).days is None


def test_the_planted_spike_is_the_only_anomaly(archive: Archive) -> None:
    daily = daily_spend(archive.totals_by_day(FIRST, TODAY))
    found = anomalies(daily, FIRST, TODAY)
    assert found == [Anomaly(SPIKE, Decimal("10.0000"), Decimal("1.0000"), Decimal("10.0"))]
    assert found[0].text == f"{SPIKE.isoformat()}: 10.00, 10.0× the usual 1.00"
    # The first days have no usual spend before them (median 0): never flagged.
    assert anomalies(daily, FIRST, FIRST + dt.timedelta(days=5)) == []
    # A spike of exactly 3x is not "more than" 3x; just above it is.
    steady = {FIRST + dt.timedelta(days=i): ONE for i in range(28)}
    day = FIRST + dt.timedelta(days=28)
    assert anomalies({**steady, day: Decimal("3")}, day, day) == []
    assert [a.ratio for a in anomalies({**steady, day: Decimal("3.01")}, day, day)] == [
        Decimal("3.0")]
    assert anomalies(daily, TODAY, FIRST) == []


def test_numbers_without_inbound_traffic(archive: Archive) -> None:
    numbers = [Number(FAX_NO, "fax", "", None), Number(VOICE_NO, "voice", "IVR", 1),
               Number(SMS_NO, "sms", "", None), Number(QUIET_NO, "voice", "", None),
               Number(OLD_NO, "sms", "", None), Number(QUIET_NO, "voice", "", None)]
    since = unused_since(TODAY, 90)
    assert since == TODAY - dt.timedelta(days=89)
    received = inbound_numbers(archive, since, TODAY)
    assert received == {FAX_NO, VOICE_NO, SMS_NO}
    unused = unused_numbers(numbers, received, since)
    assert [(u.number, u.service) for u in unused] == [(QUIET_NO, "voice"), (OLD_NO, "sms")]
    assert all(u.since == since for u in unused)
    # A longer window reaches OLD_NO's text.
    longer = unused_since(TODAY, 120)
    assert [u.number for u in unused_numbers(
        numbers, inbound_numbers(archive, longer, TODAY), longer)] == [QUIET_NO]
    with pytest.raises(ValueError):
        unused_since(TODAY, 0)


def test_unused_numbers_of_the_demo_match_its_logs(tmp_path: Path) -> None:
    today = D(2026, 3, 18)
    sb = start_sandbox(seed=1, preset="demo", today=today)
    api = Api(sb)
    archive = Archive.in_directory(tmp_path)
    try:
        since = unused_since(today, 30)
        asyncio.run(HistorySync(api, archive, today=sb.today_for).sync(
            logs=INBOUND_LOGS, start=since))
        with TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url)) as c:
            numbers = c.query_numbers()
            direct: set[Any] = {r.to for r in c.log_fax_in(since, today)}
            direct |= {r.to for r in c.log_voice_in(since, today)}
            direct |= {r.to for r in c.log_sms_in(since, today)}
        got = unused_numbers(numbers, inbound_numbers(archive, since, today), since)
        want = [n.number for n in numbers if n.number not in direct]
        assert [u.number for u in got] == list(dict.fromkeys(want))
        assert len(numbers) > len(got)  # some numbers do receive traffic
    finally:
        archive.close()
        api.close()
        sb.stop()
