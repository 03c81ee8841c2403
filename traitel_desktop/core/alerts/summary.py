"""Many new rows at once (after a long time offline, or the app closed for a night) make one
summary alert, not one alert per row: an alert storm helps nobody."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from traitel_desktop.core.alerts.activity import ROW_KINDS
from traitel_desktop.core.alerts.record import ACTIVITY, Alert, AlertKind, Severity

__all__ = ["summarise"]

#: How each kind of row alert is counted in a summary (singular, plural).
_WORDS: dict[AlertKind, tuple[str, str]] = {
    AlertKind.NEW_FAX: ("new fax", "new faxes"),
    AlertKind.NEW_TEXT: ("new text", "new texts"),
    AlertKind.MISSED_CALL: ("missed call", "missed calls"),
    AlertKind.FAX_FAILED: ("fax that was not sent", "faxes that were not sent"),
    AlertKind.AFTER_HOURS: ("call made outside business hours",
                            "calls made outside business hours"),
}


def summarise(alerts: Sequence[Alert], limit: int, now: dt.datetime) -> tuple[
    list[Alert], list[Alert]
]:
    """``(shown, folded)``: when more than ``limit`` of ``alerts`` are about single rows,
    they are folded into one summary alert (shown in their place, after the others);
    else every alert is shown and nothing is folded. The folded alerts are kept by the
    caller only to know their events were told (their keys), never to notify them."""
    rows = [a for a in alerts if a.kind in ROW_KINDS]
    if len(rows) <= limit:
        return list(alerts), []
    others = [a for a in alerts if a.kind not in ROW_KINDS]
    counts = Counter(a.kind for a in rows)
    parts = [f"{n} {_WORDS[k][0 if n == 1 else 1]}" for k, n in
             sorted(counts.items(), key=lambda item: -item[1])]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    keys = sorted(a.key for a in rows)
    summary = Alert(
        AlertKind.SUMMARY, Severity.WARNING, f"{len(rows)} new things in your account",
        f"Since the app last checked: {listed}. Open Activity to see them all.",
        f"{AlertKind.SUMMARY.value}:{keys[0]}..{keys[-1]}:{len(rows)}", ACTIVITY, now)
    return [*others, summary], rows
