"""Today in the account's time zone: the one place the app works it out.

The API dates every log row, and checks every ``startdate`` / ``enddate``, in the account's
time zone (``querytimezone``), so "today" means today there, not on this computer. The client
(local date checks), the history sync (which days are final) and the tabs (the default
ranges) all ask :func:`today_in`.

One fallback for a zone this computer's tz database does not know (or none at all): the
latest today on Earth, UTC+14 (Kiribati). A date after it is surely in the future, so the app
never refuses a date the gateway would take; at worst it asks for a day that has not begun
for the account yet, which the gateway answers with Error 117 and the sync leaves for later.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["LATEST_ZONE", "today_in", "zone_info"]

#: The latest "today" anywhere on Earth is in UTC+14 (Kiribati).
LATEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def zone_info(name: str | None) -> dt.tzinfo | None:
    """The zone called ``name``, or None when it is empty or unknown here."""
    if not name or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def today_in(zone: str | None, now: dt.datetime | None = None) -> dt.date:
    """Today in ``zone`` at ``now`` (default: the real clock); the fallback for an empty or
    unknown zone is :data:`LATEST_ZONE` (see the module docstring)."""
    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(zone_info(zone) or LATEST_ZONE).date()
