"""Dates and times as the app writes them: always in the account's time zone.

Today in the account's zone is :func:`traitel_desktop.contract.zones.today_in`; this module
turns an instant (an aware ``datetime``) into the wall-clock text of that zone, and names the
zone shortly for the "(Sydney time)" notes. A zone this computer's tz database does not know
(or none yet) falls back to this computer's own clock, and :func:`zone_place` then gives "".

Texts are English; views translate the words around them.
"""

from __future__ import annotations

import datetime as dt

from traitel_desktop.contract.zones import zone_info

__all__ = ["clock_text", "in_zone", "local_time_text", "now_utc", "zone_place"]


def now_utc() -> dt.datetime:
    """The current instant (aware, UTC): the one clock views read, so tests can pin it."""
    return dt.datetime.now(dt.UTC)


def in_zone(at: dt.datetime, zone: str | None) -> dt.datetime:
    """``at`` on the wall clock of ``zone`` (this computer's zone when it is unknown).

    A naive ``at`` is taken as this computer's local time, as Python does."""
    tz = zone_info(zone)
    return at.astimezone(tz) if tz is not None else at.astimezone()


def local_time_text(at: dt.datetime, zone: str | None = None) -> str:
    """``at`` in ``zone`` (the account's), e.g. ``"3 Mar 2025, 14:05:09"``; without a known
    zone, in this computer's local time."""
    local = in_zone(at, zone)
    return f"{local.day} {local:%b %Y, %H:%M:%S}"


def clock_text(at: dt.datetime, zone: str | None = None) -> str:
    """The hour and minute of ``at`` in ``zone``, e.g. ``"05:15"``."""
    return f"{in_zone(at, zone):%H:%M}"


def zone_place(zone: str | None) -> str:
    """A short name of ``zone`` for "(… time)": the city of an IANA name ("Australia/Sydney"
    gives "Sydney", "America/Argentina/Buenos_Aires" gives "Buenos Aires"), "UTC" for UTC,
    the offset for the fixed ``Etc/GMT±n`` zones ("UTC-5"); "" when the zone is unknown."""
    tz = zone_info(zone)
    if tz is None or zone is None:
        return ""
    name = zone.strip()
    if name.upper() in {"UTC", "UCT", "GMT", "ZULU", "UNIVERSAL"} or name.startswith("Etc/"):
        offset = dt.datetime.now(dt.UTC).astimezone(tz).utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        if not minutes:
            return "UTC"
        sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
        hours, rest = divmod(minutes, 60)
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return name.rsplit("/", 1)[-1].replace("_", " ")
