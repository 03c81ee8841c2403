"""When activity happens: a year of days with weekly and daily rhythms and growth.

Weekdays are busy, weekends quiet, the Christmas break quieter still; within a day most traffic
falls in office hours. Volume grows over the year (about 0.6x at the start to 1.4x at the end).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_FACTOR = (1.0, 1.05, 1.0, 1.0, 0.9, 0.25, 0.12)
OFFICE_HOURS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2.0, 5.0, 8.0, 9.0, 9.0,
    7.0, 8.0, 9.0, 8.0, 7.0, 5.0, 3.0, 2.0, 1.5, 1.0, 0.6, 0.3,
)
WEEKEND_HOURS = (
    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 3.0, 3.0,
    3.0, 2.5, 2.5, 2.0, 2.0, 1.5, 1.5, 1.2, 1.0, 0.8, 0.6, 0.4,
)
#: On "today" only the morning has happened.
MORNING_HOURS = tuple(w if h < 12 else 0.0 for h, w in enumerate(OFFICE_HOURS))
HOURS = tuple(range(24))


@dataclass
class Calendar:
    """The days of one account's activity year, in its time zone."""

    days: list[date]
    midnight: list[int]  # epoch seconds of each local midnight
    weights: list[float]

    def month_index(self, day_index: int) -> int:
        """0 for the first calendar month of the year covered, 1 for the next, ..."""
        first, day = self.days[0], self.days[day_index]
        return (day.year - first.year) * 12 + day.month - first.month


def make_calendar(today: date, tz_name: str, rng: random.Random, days: int = 365) -> Calendar:
    """The ``days`` days ending ``today`` (inclusive) in ``tz_name``."""
    tz = ZoneInfo(tz_name)
    start = today - timedelta(days=days - 1)
    all_days = [start + timedelta(days=i) for i in range(days)]
    midnight, weights = [], []
    for i, day in enumerate(all_days):
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=tz)
        offset = noon.utcoffset()
        assert offset is not None
        naive_midnight = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        midnight.append(naive_midnight - int(offset.total_seconds()))
        factor = WEEKDAY_FACTOR[day.weekday()] * (0.6 + 0.8 * i / max(days - 1, 1))
        if (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day <= 3):
            factor *= 0.3
        if day == today:
            factor *= 0.5
        weights.append(factor * rng.uniform(0.8, 1.2))
    return Calendar(all_days, midnight, weights)


def timestamps(cal: Calendar, total: int, rng: random.Random) -> tuple[list[int], list[int]]:
    """``total`` sorted event times (epoch seconds) and the day index of each."""
    scale = total / sum(cal.weights)
    stamps: list[int] = []
    day_of: list[int] = []
    last = len(cal.days) - 1
    for i, weight in enumerate(cal.weights):
        expected = weight * scale
        count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        if not count:
            continue
        if i == last:
            hours = MORNING_HOURS
        elif cal.days[i].weekday() >= 5:
            hours = WEEKEND_HOURS
        else:
            hours = OFFICE_HOURS
        picked = rng.choices(HOURS, hours, k=count)
        base = cal.midnight[i]
        rand = rng.random
        day_stamps = sorted(base + h * 3600 + int(rand() * 3600) for h in picked)
        stamps.extend(day_stamps)
        day_of.extend([i] * count)
    return stamps, day_of
