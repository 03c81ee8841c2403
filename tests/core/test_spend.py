"""Spend aggregation (core.spend) against a plain recomputation from the gateway's logs.

A demo sandbox with a fixed "today" is synced into a real SQLite archive once per module
(``HistorySync`` over real HTTP); every total the aggregation gives is then checked against
the same sums computed from the typed records a ``TraiTelClient`` fetches directly.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import Api
from traitel_desktop.api import TraiTelClient
from traitel_desktop.core.history_sync import HistorySync
from traitel_desktop.core.spend import (
    BY_SERVICE,
    BY_SUB_ACCOUNT,
    OTHERS,
    SPEND_LOGS,
    Bucket,
    DateRange,
    Period,
    aggregate,
    bucket_end,
    bucket_start,
    bucket_starts,
    daily_spend,
    fold_small,
    period_range,
    sub_account_table,
)
from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.store.archive import Archive, DayTotal

D = dt.date
TODAY = D(2026, 3, 18)  # a Wednesday
START = period_range(Period.LAST_12_MONTHS, TODAY).start
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Archive]]:
    """A demo sandbox (today fixed) and an archive holding its last 12 months."""
    sb = start_sandbox(seed=3, preset="demo", today=TODAY)
    api = Api(sb)
    archive = Archive.in_directory(Path(tmp_path_factory.mktemp("spend")))
    try:
        sync = HistorySync(api, archive, today=sb.today_for)
        asyncio.run(sync.sync(logs=SPEND_LOGS, start=START))
        yield sb, archive
    finally:
        archive.close()
        api.close()
        sb.stop()


def direct_records(sb: Any, start: D, end: D, sub_id: int | None = None) -> dict[str, list[Any]]:
    """Every priced record of the range, straight from the gateway (typed records)."""
    with TraiTelClient("demo", "demo", gateways=(sb.primary_url, sb.alternate_url)) as client:
        return {
            "logfaxout": client.log_fax_out(start, end, sub_id=sub_id),
            "logvoicein": client.log_voice_in(start, end, sub_id=sub_id),
            "logvoiceout": client.log_voice_out(start, end, sub_id=sub_id),
            "logsmsout": client.log_sms_out(start, end, sub_id=sub_id),
        }


def plain_buckets(
    records: dict[str, list[Any]], bucket: Bucket, by: str
) -> dict[tuple[D, Any], Decimal]:
    """The reference: a loop over the records, bucketing by hand (no core.spend code)."""
    out: dict[tuple[D, Any], Decimal] = defaultdict(Decimal)
    for log, rows in records.items():
        for r in rows:
            if bucket is Bucket.DAY:
                first = r.date
            elif bucket is Bucket.WEEK:
                first = r.date - dt.timedelta(days=r.date.isoweekday() - 1)
            else:
                first = D(r.date.year, r.date.month, 1)
            out[(first, log if by == BY_SERVICE else r.sub_id)] += r.cost
    return {k: v for k, v in out.items() if v}


def series_cells(series: Any) -> dict[tuple[D, Any], Decimal]:
    return {
        (first, key): series.amount(key, i)
        for key in series.keys
        for i, first in enumerate(series.buckets)
        if series.amount(key, i)
    }


def test_periods_end_today_and_custom_is_capped() -> None:
    assert period_range(Period.LAST_30_DAYS, TODAY) == DateRange(D(2026, 2, 17), TODAY)
    assert period_range(Period.LAST_30_DAYS, TODAY).days == 30
    assert period_range(Period.LAST_90_DAYS, TODAY).days == 90
    # The last 12 months are the 12 months ending today, not the calendar months.
    assert period_range(Period.LAST_12_MONTHS, TODAY) == DateRange(D(2025, 3, 19), TODAY)
    assert period_range(Period.LAST_12_MONTHS, D(2026, 12, 31)).start == D(2026, 1, 1)
    assert period_range(Period.LAST_12_MONTHS, D(2026, 1, 1)).start == D(2025, 1, 2)
    assert period_range(Period.LAST_12_MONTHS, D(2028, 2, 29)).start == D(2027, 3, 1)
    assert period_range(Period.LAST_12_MONTHS, D(2027, 2, 28)).start == D(2026, 3, 1)
    assert period_range(Period.YEAR_TO_DATE, TODAY) == DateRange(D(2026, 1, 1), TODAY)
    custom = DateRange(D(2026, 4, 30), D(2026, 1, 5))  # reversed, and past today
    assert period_range(Period.CUSTOM, TODAY, custom) == DateRange(D(2026, 1, 5), TODAY)
    with pytest.raises(ValueError, match="custom"):
        period_range(Period.CUSTOM, TODAY)


def test_buckets_are_iso_weeks_and_calendar_months() -> None:
    assert bucket_start(TODAY, Bucket.WEEK) == D(2026, 3, 16)  # Monday
    assert bucket_start(D(2026, 3, 15), Bucket.WEEK) == D(2026, 3, 9)  # a Sunday
    assert bucket_end(D(2026, 3, 16), Bucket.WEEK) == D(2026, 3, 22)
    assert bucket_end(D(2025, 12, 1), Bucket.MONTH) == D(2025, 12, 31)
    assert bucket_end(D(2024, 2, 1), Bucket.MONTH) == D(2024, 2, 29)
    assert bucket_starts(D(2025, 11, 20), D(2026, 2, 3), Bucket.MONTH) == [
        D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]
    assert len(bucket_starts(D(2026, 1, 1), D(2026, 1, 31), Bucket.DAY)) == 31
    assert bucket_starts(D(2026, 3, 1), D(2026, 3, 18), Bucket.WEEK)[0] == D(2026, 2, 23)


@pytest.mark.parametrize("bucket", list(Bucket))
@pytest.mark.parametrize("by", [BY_SERVICE, BY_SUB_ACCOUNT])
def test_buckets_match_a_plain_recomputation_from_the_logs(
    world: tuple[Any, Archive], bucket: Bucket, by: str
) -> None:
    sb, archive = world
    start = START if bucket is not Bucket.DAY else D(2025, 12, 1)
    records = direct_records(sb, start, TODAY)
    series = aggregate(archive.totals_by_day(start, TODAY), start, TODAY, bucket, by)

    expected = plain_buckets(records, bucket, by)
    assert len(expected) > 10  # the demo spends money every week
    assert series_cells(series) == expected
    # Every bucket of the range is there, even an empty one, in order.
    assert list(series.buckets) == sorted({k[0] for k in expected} | set(series.buckets))
    assert series.buckets[0] <= start and bucket_end(series.buckets[-1], bucket) >= TODAY
    # Totals per key and overall, to the cent (they are exact).
    for key in series.keys:
        want = sum((v for (_, k), v in expected.items() if k == key), Decimal(0))
        assert series.key_total(key).quantize(CENT) == want.quantize(CENT)
        assert series.key_total(key) == want
    everything = sum(r.cost for rows in records.values() for r in rows)
    assert series.total == everything
    assert sum(series.bucket_total(i) for i in range(len(series.buckets))) == everything
    counts = {log: len(rows) for log, rows in records.items()}
    if by == BY_SERVICE:
        assert series.keys == SPEND_LOGS
        assert series.records == counts
    else:
        subs = sorted({r.sub_id for rows in records.values() for r in rows if r.cost})
        assert [k for k in series.keys if series.key_total(k)] == subs
        assert len(subs) >= 2  # main account and sub-accounts both spend in the demo


def test_one_sub_account_matches_the_gateways_own_filter(world: tuple[Any, Archive]) -> None:
    sb, archive = world
    by_sub = sub_account_table(archive.totals_by_day(START, TODAY), START, TODAY)
    sub = next(s for s in by_sub if s != 0)
    records = direct_records(sb, START, TODAY, sub_id=sub)
    series = aggregate(archive.totals_by_day(START, TODAY, sub_id=sub), START, TODAY,
                       Bucket.MONTH)
    assert series_cells(series) == plain_buckets(records, Bucket.MONTH, BY_SERVICE)
    assert series.totals == {log: sum((r.cost for r in records[log]), Decimal(0))
                             for log in SPEND_LOGS}
    # The per-sub-account table agrees with the filtered series.
    assert by_sub[sub] == series.totals
    assert sum(sum(row.values()) for row in by_sub.values()) == sum(
        sum(r.cost for r in rows) for rows in direct_records(sb, START, TODAY).values())


def test_rows_outside_the_range_and_unpriced_logs_are_ignored() -> None:
    day = D(2026, 3, 2)
    rows = [
        DayTotal(day, "logsmsout", 0, 2, Decimal("0.10")),
        DayTotal(day, "logsmsout", 4, 1, Decimal("0.05")),
        DayTotal(day, "logsmsin", 0, 9, Decimal("0")),
        DayTotal(day, "logfaxout", 4, 1, Decimal("1.000001")),
        DayTotal(D(2026, 2, 28), "logvoiceout", 0, 1, Decimal("7")),  # before the range
    ]
    series = aggregate(rows, D(2026, 3, 1), D(2026, 3, 7), Bucket.WEEK)
    assert series.buckets == (D(2026, 2, 23), D(2026, 3, 2))
    assert series.values["logsmsout"] == (Decimal(0), Decimal("0.15"))
    assert series.total == Decimal("1.150001")
    assert series.records["logsmsout"] == 3 and series.records["logvoiceout"] == 0
    assert series.bucket_range(0) == DateRange(D(2026, 3, 1), D(2026, 3, 1))
    by_sub = aggregate(rows, D(2026, 3, 1), D(2026, 3, 7), Bucket.DAY, BY_SUB_ACCOUNT)
    assert by_sub.keys == (0, 4)
    assert by_sub.totals == {0: Decimal("0.10"), 4: Decimal("1.050001")}
    assert daily_spend(rows) == {day: Decimal("1.150001"), D(2026, 2, 28): Decimal("7")}
    assert aggregate([], D(2026, 3, 1), D(2026, 3, 1), Bucket.DAY).empty
    with pytest.raises(ValueError):
        aggregate(rows, D(2026, 3, 1), D(2026, 3, 7), Bucket.DAY, "colour")


def test_fold_small_keeps_the_biggest_and_sums_the_rest() -> None:
    day = D(2026, 3, 2)
    rows = [DayTotal(day, "logsmsout", sub, 1, Decimal(cost))
            for sub, cost in ((0, "5"), (1, "0.5"), (2, "9"), (3, "0.25"), (4, "1"))]
    series = aggregate(rows, day, day, Bucket.DAY, BY_SUB_ACCOUNT)
    folded = fold_small(series, 3)
    assert folded.keys == (0, 2, OTHERS)
    assert folded.totals == {0: Decimal("5"), 2: Decimal("9"), OTHERS: Decimal("1.75")}
    assert folded.total == series.total and folded.records[OTHERS] == 3
    assert fold_small(series, 5) is series
