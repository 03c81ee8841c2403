"""Times as the views show them: on the account's clock, saying which clock where it matters
("Updated 05:15 (Sydney time)"). The arithmetic is :mod:`traitel_desktop.core.dates`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from traitel_desktop.core.dates import clock_text, local_time_text, zone_place

__all__ = ["moment_with_zone", "time_with_zone", "with_zone"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ZoneTime", text)


def with_zone(text: str, zone: str | None) -> str:
    """``text`` followed by the zone it is in: "05:15 (Sydney time)", "05:15 (UTC)"; just
    ``text`` when the zone is not known (it is then this computer's clock)."""
    place = zone_place(zone)
    if not place:
        return text
    if place.startswith("UTC"):
        return _tr("{0} ({1})").format(text, place)
    return _tr("{0} ({1} time)").format(text, place)


def time_with_zone(at: dt.datetime, zone: str | None) -> str:
    """Hour and minute of ``at`` in ``zone``, with the zone: "05:15 (Sydney time)"."""
    return with_zone(clock_text(at, zone), zone)


def moment_with_zone(at: dt.datetime, zone: str | None) -> str:
    """Date and time of ``at`` in ``zone``, with the zone: "3 Mar 2025, 14:05:09 (Sydney
    time)"."""
    return with_zone(local_time_text(at, zone), zone)
