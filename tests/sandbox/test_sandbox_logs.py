"""The six activity logs: columns, date rules (117/118/200), filters, rhythm and costs."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache

import pytest

from tests.helpers.sandbox_day import TODAY
from tests.helpers.wire import call, call_with
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.contract.modes import LOG_MODES
from traitel_desktop.sandbox import Sandbox, start_sandbox

HEADERS = {
    "logfaxin": "ID,Sub-ID,Date,Time,From,To,FaxStationID,Pages,Speed,Duration",
    "logfaxout": "ID,Sub-ID,Date,Time,From,To,Pages,Speed,Duration,Cost,Attempt,ErrorCode",
    "logvoicein": "ID,Sub-ID,Date,Time,From,To,Duration,Result,Cost,IVMLID",
    "logvoiceout": "ID,Sub-ID,Date,Time,From,To,Duration,Result,Cost,IVMLID",
    "logsmsin": "ID,Sub-ID,Date,Time,From,To,MessageType,Message",
    "logsmsout": "ID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost",
}
YEAR_AGO = (TODAY - timedelta(days=400)).isoformat()
END = TODAY.isoformat()


@cache
def year(url: str, mode: str, user: str = "demo") -> tuple[dict[str, str], ...]:
    rows = call(url, mode, user=user, password=user, startdate=YEAR_AGO, enddate=END).table()
    return tuple(rows)


@pytest.mark.parametrize("mode", LOG_MODES)
def test_columns_and_formats(url: str, mode: str) -> None:
    reply = call(url, mode, startdate=YEAR_AGO, enddate=END)
    assert reply.rest[0] == HEADERS[mode]
    rows = year(url, mode)
    assert len(rows) > 300
    ids = [int(r["ID"]) for r in rows]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    stamps = [(r["Date"], r["Time"]) for r in rows]
    assert stamps == sorted(stamps)
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["Date"])
        assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d", row["Time"])
        assert row["Sub-ID"].isdigit() and row["From"].isdigit() and row["To"].isdigit()
    assert rows[-1]["Date"] >= (TODAY - timedelta(days=3)).isoformat()
    assert date.fromisoformat(rows[0]["Date"]) >= TODAY - timedelta(days=365)


def test_activity_reaches_today(url: str) -> None:
    assert year(url, "logsmsout")[-1]["Date"] == END


def test_about_ten_thousand_rows_in_the_demo_preset(url: str) -> None:
    total = sum(len(year(url, m, user)) for m in LOG_MODES for user in ("demo", "noivr", "other"))
    assert 9_000 <= total <= 11_000


def test_quiet_weekends_office_hours_and_growth(url: str) -> None:
    rows = year(url, "logsmsout")
    weekday = Counter(date.fromisoformat(r["Date"]).weekday() for r in rows)
    assert weekday[6] * 3 < weekday[2]
    hours = Counter(int(r["Time"][:2]) for r in rows)
    assert sum(hours[h] for h in range(9, 17)) > 0.7 * len(rows)
    first = sum(1 for r in rows if r["Date"] < (TODAY - timedelta(days=270)).isoformat())
    last = sum(1 for r in rows if r["Date"] > (TODAY - timedelta(days=90)).isoformat())
    assert last > first * 1.5


def test_range_is_inclusive_and_limit_keeps_the_oldest(url: str) -> None:
    day = (TODAY - timedelta(days=3)).isoformat()
    rows = call(url, "logvoicein", startdate=day, enddate=day).table()
    assert rows and {r["Date"] for r in rows} == {day}
    limited = call(url, "logvoicein", startdate=day, enddate=day, limit=2).table()
    assert limited == rows[:2]


def test_subid_filter(url: str) -> None:
    rows = call(url, "logsmsout", startdate=YEAR_AGO, enddate=END, subid=1002).table()
    assert rows and {r["Sub-ID"] for r in rows} == {"1002"}
    main = call(url, "logsmsout", startdate=YEAR_AGO, enddate=END, subid=0).table()
    assert main and {r["Sub-ID"] for r in main} == {"0"}


@pytest.mark.parametrize("mode", LOG_MODES)
@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"enddate": END}, 200),
        ({"startdate": END}, 200),
        ({"startdate": "", "enddate": END}, 200),
        ({"startdate": "2026/05/01", "enddate": END}, 118),
        ({"startdate": "2026-5-1", "enddate": END}, 118),
        ({"startdate": "2026-02-30", "enddate": END}, 118),
        ({"startdate": "2026-05-10", "enddate": "2026-05-10"}, 118),
        ({"startdate": "2026-05-01", "enddate": "01-05-2026"}, 117),
        ({"startdate": "2026-05-01", "enddate": "2026-13-01"}, 117),
        ({"startdate": "2026-05-01", "enddate": "2026-05-10"}, 117),
        ({"startdate": "2026-05-08", "enddate": "2026-05-01"}, 200),
        ({"startdate": "2026-05-01", "enddate": END, "limit": "0"}, 200),
        ({"startdate": "2026-05-01", "enddate": END, "limit": "-3"}, 200),
        ({"startdate": "2026-05-01", "enddate": END, "limit": "ten"}, 200),
        ({"startdate": "2026-05-01", "enddate": END, "subid": "x"}, 200),
        ({"startdate": "2026-05-01", "enddate": END, "subid": "1008"}, 105),
        ({"startdate": "2026-05-01", "enddate": END, "subid": "5"}, 105),
    ],
)
def test_errors(url: str, mode: str, params: dict[str, str], code: int) -> None:
    assert call_with(url, mode, params).code == code


def test_future_follows_the_account_time_zone() -> None:
    # 20:00 UTC on 9 May: already 10 May in Sydney (demo), still 9 May in New York (other).
    def clock() -> datetime:
        return datetime(2026, 5, 9, 20, 0, tzinfo=UTC)

    with start_sandbox(today=clock) as sb:
        url = sb.primary_url
        assert call(url, "logsmsin", startdate="2026-05-10", enddate="2026-05-10").ok
        other = call(url, "logsmsin", user="other", password="other",
                     startdate="2026-05-09", enddate="2026-05-10")
        assert other.code == 117
        assert call(url, "settimezone", tz="America/New_York").value == "America/New_York"
        assert call(url, "logsmsin", startdate="2026-05-09", enddate="2026-05-10").code == 117


def test_times_follow_a_time_zone_change(fresh: Sandbox) -> None:
    url = fresh.primary_url
    before = call(url, "logfaxin", startdate=YEAR_AGO, enddate=END, limit=1).table()[0]
    call(url, "settimezone", tz="UTC")
    after = call(url, "logfaxin", startdate=YEAR_AGO, enddate=END, limit=1).table()[0]
    shown = {datetime.fromisoformat(f"{r['Date']}T{r['Time']}") for r in (before, after)}
    hours = abs((max(shown) - min(shown)).total_seconds()) / 3600
    assert after["ID"] == before["ID"] and hours in (10.0, 11.0)  # Sydney is UTC+10/+11


def test_inbound_sms_in_both_encodings(url: str) -> None:
    rows = year(url, "logsmsin")
    kinds = Counter(r["MessageType"] for r in rows)
    assert set(kinds) == {"ASCII", "U16"} and kinds["U16"] < kinds["ASCII"]
    ascii_text = " ".join(r["Message"] for r in rows if r["MessageType"] == "ASCII")
    assert "\\n" in ascii_text and "\\\\" in ascii_text and "\n" not in ascii_text
    texts = {bytes.fromhex(r["Message"]).decode("utf-16-be") for r in rows
             if r["MessageType"] == "U16"}
    joined = "".join(texts)
    assert "λ" in joined or "Ευχαριστώ" in joined
    assert any("\u4e00" <= ch <= "\u9fff" for ch in joined)
    assert any(ord(ch) > 0xFFFF for ch in joined)
    assert any("D83D" in r["Message"] for r in rows)


def test_fax_results_come_from_the_tables(url: str) -> None:
    rows = year(url, "logfaxout")
    codes = Counter(int(r["ErrorCode"]) for r in rows)
    assert codes[0] > 0.7 * len(rows) and len(codes) > 5
    for code in codes:
        if code:
            assert code // 100 * 100 in FAX_STATES and code % 100 in FAX_ERRORS, code
    assert {r["Attempt"] for r in rows} <= {"1", "2", "3"}
    assert {r["Speed"] for r in rows} <= {"7200", "9600", "14400", "33600"}


@cache
def rate(url: str, mode: str, number: str) -> dict[str, str]:
    return call(url, mode, number=number).table()[0]


def minutes(seconds: int) -> int:
    return -(-seconds // 60)


def test_voice_costs_match_the_rates(url: str) -> None:
    rows = year(url, "logvoiceout")
    results = Counter(r["Result"] for r in rows)
    assert set(results) == {"answered", "failed"} and results["failed"] > 0
    for row in rows[:150]:
        cost, duration = Decimal(row["Cost"]), int(row["Duration"])
        if row["Result"] == "failed":
            assert cost == 0
            continue
        r = rate(url, "queryvoicecost", row["To"])
        unit = (Decimal(r["PerMinute"]) * minutes(duration) if r["BillingType"] == "PerMinute"
                else Decimal(r["PerSecond"]) * duration)
        assert cost == Decimal(r["FlagFall"]) + unit, row
    assert any(r["IVMLID"] for r in rows) and any(not r["IVMLID"] for r in rows)


def test_fax_costs_match_the_rates(url: str) -> None:
    billing: Counter[str] = Counter()
    for row in year(url, "logfaxout")[:200]:
        if row["ErrorCode"] != "0":
            continue
        r = rate(url, "queryfaxcost", row["To"])
        pages, duration = int(row["Pages"]), int(row["Duration"])
        flag, per_page = Decimal(r["FlagFall"]), Decimal(r["PerPage"])
        expected = {
            "PerPage": flag + pages * per_page,
            "Mixed": flag + pages * per_page + duration * Decimal(r["PerSecond"]),
            "PerMinute": flag + minutes(duration) * Decimal(r["PerMinute"]),
            "PerSecond": flag + duration * Decimal(r["PerSecond"]),
        }[r["BillingType"]]
        assert Decimal(row["Cost"]) == expected, row
        billing[r["BillingType"]] += 1
    assert billing["PerPage"] and billing["Mixed"]


def test_sms_costs_are_a_rate_times_parts(url: str) -> None:
    rows = year(url, "logsmsout")
    assert {r["Tracking"] for r in rows} >= {"", "delivered", "failed"}
    assert {r["Sent"] for r in rows} == {"1", "2", "3"}
    for row in rows[:150]:
        rates = {Decimal(call(url, "querysmscost", number=row["To"], type=t).value)
                 for t in ("replies", "masking", "tracking", "masktrack")}
        assert Decimal(row["Cost"]) / int(row["Sent"]) in rates, row


def test_balance_is_credit_minus_spend(shared: Sandbox) -> None:
    url = shared.primary_url
    spend = sum(Decimal(r["Cost"]) for m in ("logfaxout", "logvoicein", "logvoiceout",
                                             "logsmsout") for r in year(url, m))
    credited = shared.db.conn.execute(
        "SELECT sum(amount_micro) FROM topups WHERE account_id = 1").fetchone()[0]
    balance = Decimal(call(url, "querybalance").value)
    assert balance == Decimal(credited) / 1_000_000 - spend
    assert balance > 0 and re.fullmatch(r"\d+\.\d{4}", str(balance))
