"""Fraud tripwires on calls made (they warn; they cannot block): the first call ever to a
country the archive never saw called, and calls outside the owner's business hours.

The country of a number comes from ``phonenumbers``; the hours are the account's wall
clock (what the archive holds). The third tripwire, a sub-account's hour against its usual
day, is in :mod:`.spend`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from traitel_desktop.core.alerts.config import AlertConfig
from traitel_desktop.core.alerts.record import Alert, AlertKind, Severity, Target
from traitel_desktop.core.alerts.rows import LogRow
from traitel_desktop.core.phones import format_number

__all__ = ["country_name", "country_of", "new_country_alerts", "outside_hours_alerts"]

_WHAT_TO_DO = ("If this wasn't you, change that internet phone's password (SIP password) in "
               "TraiTel's portal and check who can use it.")


def country_of(number: str) -> str | None:
    """The region code (``"AU"``) of an international number, or None when it has none."""
    import phonenumbers  # lazily: start-up

    digits = number.strip().lstrip("+")
    if not digits.isdigit():
        return None
    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed)
    return region if region and region != phonenumbers.UNKNOWN_REGION else None


def country_name(region: str) -> str:
    """The English name of a region code ("Germany"), or the code. From Babel's CLDR data
    (core has no Qt, so not QLocale as the Numbers tab): phonenumbers' geocoder would load
    40 MB of place names for it, and the installers leave them out."""
    from babel import Locale

    name = Locale.parse("en").territories.get(region, "")
    return name if isinstance(name, str) and name else region


def new_country_alerts(
    rows: Iterable[LogRow], known: frozenset[str], config: AlertConfig, now: dt.datetime,
) -> tuple[list[Alert], frozenset[str]]:
    """A warning for the first call (of ``rows``, calls made) to each country not in
    ``known`` (the countries already called, per the archive); returns the countries known
    afterwards. Its key is the country: once ever per country."""
    seen = set(known)
    alerts: list[Alert] = []
    for row in rows:
        if row.log != "logvoiceout":
            continue
        region = country_of(row.to)
        if region is None or region in seen:
            continue
        seen.add(region)
        if config.on(AlertKind.NEW_COUNTRY):
            name = country_name(region)
            alerts.append(Alert(
                AlertKind.NEW_COUNTRY, Severity.WARNING, f"First call ever to {name}",
                f"A call to {format_number(row.to)} in {name} was made on "
                f"{row.day.isoformat()} at {row.time:%H:%M} (sub-account {row.sub_id}); your "
                f"account never called {name} before. {_WHAT_TO_DO}",
                f"{AlertKind.NEW_COUNTRY.value}:{region}", Target.row(row.log, row.id), now))
    return alerts, frozenset(seen)


def outside_hours_alerts(
    rows: Iterable[LogRow], config: AlertConfig, now: dt.datetime,
) -> list[Alert]:
    """A warning for each call made (of ``rows``) outside ``config.business_hours``."""
    if not config.on(AlertKind.AFTER_HOURS):
        return []
    hours = config.business_hours
    alerts = []
    for row in rows:
        if row.log != "logvoiceout" or row.time in hours:
            continue
        alerts.append(Alert(
            AlertKind.AFTER_HOURS, Severity.WARNING,
            f"Call made at {row.time:%H:%M}, outside your business hours",
            f"A call to {format_number(row.to)} was made on {row.day.isoformat()} at "
            f"{row.time:%H:%M} (sub-account {row.sub_id}), outside your business hours "
            f"({hours.start:%H:%M} to {hours.end:%H:%M}). {_WHAT_TO_DO}",
            f"{AlertKind.AFTER_HOURS.value}:{row.log}:{row.id}", Target.row(row.log, row.id),
            now))
    return alerts
