"""Words and colours of the Spend chart: axis labels, bar names, legend names, colours.

Dates are written with the app's ``QLocale`` (month names in the user's language)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QLocale

from traitel_desktop.core.spend import OTHERS, SERVICE_NAMES, Bucket, Key, SpendSeries
from traitel_desktop.ui.spend.controls import qdate

#: One colour per service (stable, readable on light and dark backgrounds).
SERVICE_COLORS = {
    "logfaxout": "#2563eb",
    "logvoicein": "#0d9488",
    "logvoiceout": "#f59e0b",
    "logsmsout": "#8b5cf6",
}
#: Colours given to sub-accounts in stacking order; the folded rest is grey.
SUB_ACCOUNT_COLORS = ("#2563eb", "#f59e0b", "#0d9488", "#db2777", "#8b5cf6", "#65a30d",
                      "#ea580c", "#0891b2")
OTHERS_COLOR = "#94a3b8"


def tr(text: str) -> str:
    """Translate in the ``SpendTab`` context."""
    return QCoreApplication.translate("SpendTab", text)


def service_name(log: str) -> str:
    """"Faxes sent", "Calls received", ... translated."""
    return tr(SERVICE_NAMES[log])


def _day(day: dt.date, fmt: str) -> str:
    return QLocale().toString(qdate(day), fmt)


def tick_labels(series: SpendSeries) -> list[str]:
    """Short axis labels: "3 Mar" for days and weeks (the week's Monday), the month's name
    for months, with the year under the first label and each January."""
    out: list[str] = []
    for i, first in enumerate(series.buckets):
        if series.bucket is Bucket.MONTH:
            text = _day(first, "MMM")
            if i == 0 or first.month == 1:
                text += "\n" + str(first.year)
        else:
            text = _day(first, "d MMM")
        out.append(text)
    return out


def bucket_names(series: SpendSeries) -> list[str]:
    """Long names of the bars, for the hover text ("Tue 3 Mar 2026", "Week 3–9 Mar 2026",
    "March 2026", or just the days of a bucket the range cuts)."""
    out: list[str] = []
    for i, first in enumerate(series.buckets):
        days = series.bucket_range(i)
        if series.bucket is Bucket.DAY:
            out.append(_day(first, "ddd d MMM yyyy"))
        elif series.bucket is Bucket.MONTH and days.days == _month_days(first):
            out.append(_day(first, "MMMM yyyy"))
        else:
            prefix = tr("Week ") if series.bucket is Bucket.WEEK else ""
            out.append(prefix + span(days.start, days.end))
    return out


def span(start: dt.date, end: dt.date) -> str:
    """"3–9 Mar 2026", "28 Feb – 6 Mar 2026", "1 Jun 2025 – 18 Mar 2026"."""
    if start == end:
        return _day(start, "d MMM yyyy")
    if start.year != end.year:
        return f"{_day(start, 'd MMM yyyy')} – {_day(end, 'd MMM yyyy')}"
    if start.month != end.month:
        return f"{_day(start, 'd MMM')} – {_day(end, 'd MMM yyyy')}"
    return f"{start.day}–{_day(end, 'd MMM yyyy')}"


def _month_days(first: dt.date) -> int:
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return (nxt - first).days


def key_colors(series: SpendSeries) -> dict[Key, str]:
    """A colour per key of ``series``."""
    out: dict[Key, str] = {}
    subs = 0
    for key in series.keys:
        if key == OTHERS:
            out[key] = OTHERS_COLOR
        elif isinstance(key, str):
            out[key] = SERVICE_COLORS.get(key, OTHERS_COLOR)
        else:
            out[key] = SUB_ACCOUNT_COLORS[subs % len(SUB_ACCOUNT_COLORS)]
            subs += 1
    return out


def key_labels(series: SpendSeries, sub_names: dict[int, str]) -> dict[Key, str]:
    """A legend name per key: service names, or sub-account names ("Main account" for 0)."""
    out: dict[Key, str] = {}
    for key in series.keys:
        if key == OTHERS:
            out[key] = tr("Other sub-accounts")
        elif isinstance(key, str):
            out[key] = service_name(key)
        elif key == 0:
            out[key] = tr("Main account")
        else:
            out[key] = sub_names.get(key) or tr("Sub-account {0}").format(key)
    return out
