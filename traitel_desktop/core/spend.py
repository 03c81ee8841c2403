"""Spend over time: periods, buckets and exact totals by service or sub-account.

Qt-free and network-free: it works on the ``DayTotal`` rows of
:meth:`traitel_desktop.store.archive.Archive.totals_by_day` (a SQL ``GROUP BY`` on integer
micro-units), so every figure is an exact ``Decimal``. Only the four logs that cost money
count as spend: faxes sent, calls received and made, and texts sent (:data:`SPEND_LOGS`).

* :func:`period_range` turns a :class:`Period` ("last 30 days", "year to date", ...) into the
  first and last day, in the account's calendar ("today" comes from the caller).
* :func:`aggregate` sums day totals into :class:`Bucket` s (day, ISO week starting Monday,
  calendar month), grouped by service or by sub-account, as a :class:`SpendSeries`: every
  bucket of the range is present (empty ones are zero), so a chart has no gaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traitel_desktop.store.archive import DayTotal

__all__ = [
    "BY_SERVICE",
    "BY_SUB_ACCOUNT",
    "OTHERS",
    "SERVICE_NAMES",
    "SPEND_LOGS",
    "Bucket",
    "DateRange",
    "Period",
    "SpendSeries",
    "aggregate",
    "bucket_end",
    "bucket_start",
    "bucket_starts",
    "daily_spend",
    "fold_small",
    "period_range",
    "sub_account_table",
]

#: The logs whose rows cost money, in the order the chart stacks them.
SPEND_LOGS: tuple[str, ...] = ("logfaxout", "logvoicein", "logvoiceout", "logsmsout")
#: English names of the services (views translate them).
SERVICE_NAMES: dict[str, str] = {
    "logfaxout": "Faxes sent",
    "logvoicein": "Calls received",
    "logvoiceout": "Calls made",
    "logsmsout": "Texts sent",
}
#: The key :func:`fold_small` gives the keys it folds together.
OTHERS = "others"
#: ``group_by`` values of :func:`aggregate`.
BY_SERVICE = "service"
BY_SUB_ACCOUNT = "sub_account"

ZERO = Decimal("0")
_DAY = dt.timedelta(days=1)


class Bucket(StrEnum):
    """How long one bar of the chart is."""

    DAY = "day"
    WEEK = "week"  # ISO weeks, Monday to Sunday
    MONTH = "month"


class Period(StrEnum):
    """The ranges the Spend tab offers."""

    LAST_30_DAYS = "last30"
    LAST_90_DAYS = "last90"
    LAST_12_MONTHS = "last12m"
    YEAR_TO_DATE = "ytd"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class DateRange:
    """Days ``start``..``end``, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """How many days the range covers."""
        return (self.end - self.start).days + 1


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period_range(
    period: Period, today: dt.date, custom: DateRange | None = None
) -> DateRange:
    """The days a period covers, ending ``today`` (the account's today).

    Last 30/90 days end today (inclusive); the last 12 months are the 12 months ending today
    (from the day after the same date a year ago: 7 Dec 2025 to 6 Dec 2026; monthly bars are
    calendar months, so the first and the last are partial); year to date starts on
    1 January. A custom range is capped at today and put in order.
    """
    if period is Period.LAST_30_DAYS:
        return DateRange(today - dt.timedelta(days=29), today)
    if period is Period.LAST_90_DAYS:
        return DateRange(today - dt.timedelta(days=89), today)
    if period is Period.LAST_12_MONTHS:
        return DateRange(_year_before(today) + _DAY, today)
    if period is Period.YEAR_TO_DATE:
        return DateRange(dt.date(today.year, 1, 1), today)
    if custom is None:
        raise ValueError("a custom period needs its dates")
    start, end = sorted((min(custom.start, today), min(custom.end, today)))
    return DateRange(start, end)


def bucket_start(day: dt.date, bucket: Bucket) -> dt.date:
    """The first day of the bucket holding ``day``."""
    if bucket is Bucket.DAY:
        return day
    if bucket is Bucket.WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def bucket_end(start: dt.date, bucket: Bucket) -> dt.date:
    """The last day of the bucket starting on ``start``."""
    if bucket is Bucket.DAY:
        return start
    if bucket is Bucket.WEEK:
        return start + dt.timedelta(days=6)
    return _month_start(start, -1) - _DAY


def bucket_starts(start: dt.date, end: dt.date, bucket: Bucket) -> list[dt.date]:
    """The first day of every bucket that overlaps ``start``..``end``, in order."""
    out: list[dt.date] = []
    first = bucket_start(start, bucket)
    while first <= end:
        out.append(first)
        first = bucket_end(first, bucket) + _DAY
    return out


Key = str | int


@dataclass(frozen=True, slots=True)
class SpendSeries:
    """Spend per bucket for each key (a log name, or a sub-account ID), exact.

    ``buckets`` are the first days of the buckets (the first and last may stick out of the
    range; only days in the range are counted). ``values[key][i]`` is the spend of ``key``
    in bucket ``i``. ``keys`` is the stacking order: :data:`SPEND_LOGS` for services (every
    service, even without spend), sub-account IDs with spend in the range, ascending (0, the
    main account, first).
    """

    range: DateRange
    bucket: Bucket
    group_by: str
    buckets: tuple[dt.date, ...]
    keys: tuple[Key, ...]
    values: dict[Key, tuple[Decimal, ...]]
    records: dict[Key, int]

    def amount(self, key: Key, index: int) -> Decimal:
        """Spend of ``key`` in bucket ``index``."""
        return self.values[key][index]

    def key_total(self, key: Key) -> Decimal:
        """Spend of ``key`` over the whole range."""
        return sum(self.values[key], ZERO)

    def bucket_total(self, index: int) -> Decimal:
        """Spend of every key in bucket ``index``."""
        return sum((self.values[k][index] for k in self.keys), ZERO)

    @property
    def totals(self) -> dict[Key, Decimal]:
        """Spend per key over the range (in :attr:`keys` order)."""
        return {k: self.key_total(k) for k in self.keys}

    @property
    def total(self) -> Decimal:
        """Spend over the range."""
        return sum((self.key_total(k) for k in self.keys), ZERO)

    def bucket_range(self, index: int) -> DateRange:
        """The days of bucket ``index`` that lie in the range."""
        first = self.buckets[index]
        last = bucket_end(first, self.bucket)
        return DateRange(max(first, self.range.start), min(last, self.range.end))

    @property
    def empty(self) -> bool:
        """True when nothing was spent in the range."""
        return all(v == 0 for values in self.values.values() for v in values)


def aggregate(
    day_totals: Iterable[DayTotal],
    start: dt.date,
    end: dt.date,
    bucket: Bucket,
    group_by: str = BY_SERVICE,
    logs: Sequence[str] = SPEND_LOGS,
) -> SpendSeries:
    """Sum ``day_totals`` (from ``Archive.totals_by_day``) into the buckets of
    ``start``..``end``, grouped by service (``BY_SERVICE``) or sub-account
    (``BY_SUB_ACCOUNT``). Rows of other logs or outside the range are ignored."""
    if group_by not in (BY_SERVICE, BY_SUB_ACCOUNT):
        raise ValueError(f"group_by must be {BY_SERVICE!r} or {BY_SUB_ACCOUNT!r}")
    firsts = bucket_starts(start, end, bucket)
    index = {first: i for i, first in enumerate(firsts)}
    wanted = set(logs)
    sums: dict[Key, list[Decimal]] = {}
    records: dict[Key, int] = {}
    if group_by == BY_SERVICE:
        for log in logs:
            sums[log] = [ZERO] * len(firsts)
            records[log] = 0
    slot_of: dict[dt.date, int] = {}
    for total in day_totals:
        if total.log not in wanted or not start <= total.day <= end:
            continue
        slot = slot_of.get(total.day)
        if slot is None:
            slot = slot_of[total.day] = index[bucket_start(total.day, bucket)]
        key: Key = total.log if group_by == BY_SERVICE else total.sub_id
        row = sums.get(key)
        if row is None:
            row = sums[key] = [ZERO] * len(firsts)
            records[key] = 0
        row[slot] += total.cost
        records[key] += total.records
    keys: tuple[Key, ...] = (
        tuple(logs) if group_by == BY_SERVICE else tuple(sorted(sums, key=int))
    )
    return SpendSeries(
        range=DateRange(start, end),
        bucket=bucket,
        group_by=group_by,
        buckets=tuple(firsts),
        keys=keys,
        values={k: tuple(sums[k]) for k in keys},
        records=records,
    )


def daily_spend(day_totals: Iterable[DayTotal], logs: Sequence[str] = SPEND_LOGS) -> dict[
    dt.date, Decimal
]:
    """Spend per day (every key together) from ``day_totals``; days without rows are absent."""
    wanted = set(logs)
    out: dict[dt.date, Decimal] = {}
    for total in day_totals:
        if total.log in wanted:
            out[total.day] = out.get(total.day, ZERO) + total.cost
    return out


def sub_account_table(
    day_totals: Iterable[DayTotal],
    start: dt.date,
    end: dt.date,
    logs: Sequence[str] = SPEND_LOGS,
) -> dict[int, dict[str, Decimal]]:
    """Spend per sub-account and service over ``start``..``end`` (sub-accounts with spend,
    ascending; every service listed for each, zero when none)."""
    wanted = set(logs)
    out: dict[int, dict[str, Decimal]] = {}
    for total in day_totals:
        if total.log not in wanted or not start <= total.day <= end:
            continue
        row = out.get(total.sub_id)
        if row is None:
            row = out[total.sub_id] = dict.fromkeys(logs, ZERO)
        row[total.log] += total.cost
    return {sub: out[sub] for sub in sorted(out)}


def fold_small(series: SpendSeries, keep: int) -> SpendSeries:
    """``series`` with at most ``keep`` keys: the ``keep - 1`` biggest spenders (in their
    original order) and :data:`OTHERS` holding the sum of the rest. Unchanged when it has
    ``keep`` keys or fewer."""
    if keep < 2 or len(series.keys) <= keep:
        return series
    ranked = sorted(series.keys, key=lambda k: series.key_total(k), reverse=True)
    kept = set(ranked[: keep - 1])
    keys: list[Key] = [k for k in series.keys if k in kept]
    values = {k: series.values[k] for k in keys}
    records = {k: series.records[k] for k in keys}
    rest = [k for k in series.keys if k not in kept]
    values[OTHERS] = tuple(
        sum((series.values[k][i] for k in rest), ZERO) for i in range(len(series.buckets))
    )
    records[OTHERS] = sum(series.records[k] for k in rest)
    return SpendSeries(series.range, series.bucket, series.group_by, series.buckets,
                       (*keys, OTHERS), values, records)
