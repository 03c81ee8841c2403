"""Alerts for new rows: a fax, a text or a missed call came in; a sent fax failed.

Each is a pure function of the new rows (:class:`~.rows.LogRow`) and "now"; its key is the
row's (one alert per row, ever). Numbers read as the owner writes them
(:func:`~traitel_desktop.core.phones.format_number`); times are the account's wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from traitel_desktop.api.decode import fax_result, sms_text
from traitel_desktop.core.alerts.config import AlertConfig
from traitel_desktop.core.alerts.record import Alert, AlertKind, Severity, Target
from traitel_desktop.core.alerts.rows import LogRow
from traitel_desktop.core.fax_advice import fax_advice
from traitel_desktop.core.phones import format_number

__all__ = ["ROW_KINDS", "row_alerts"]

#: The kinds of alert one row can raise (a summary stands in for many of them).
ROW_KINDS = frozenset({AlertKind.NEW_FAX, AlertKind.NEW_TEXT, AlertKind.MISSED_CALL,
                       AlertKind.FAX_FAILED, AlertKind.AFTER_HOURS})
_LONGEST_TEXT = 300  # characters of a text message shown in an alert


def _when(row: LogRow) -> str:
    return f"{row.day.isoformat()} at {row.time:%H:%M}"


def _number(text: str) -> str:
    return format_number(text) if text.strip().lstrip("+-").isdigit() else text.strip()


def _alert(kind: AlertKind, row: LogRow, title: str, text: str, now: dt.datetime,
           severity: Severity = Severity.WARNING) -> Alert:
    return Alert(kind, severity, title, text, f"{kind.value}:{row.log}:{row.id}",
                 Target.row(row.log, row.id), now)


def _new_fax(row: LogRow, now: dt.datetime) -> Alert:
    pages = int(row.field("Pages"))
    unit = "page" if pages == 1 else "pages"
    return _alert(AlertKind.NEW_FAX, row, f"New fax from {_number(row.from_)}",
                  f"A fax of {pages} {unit} from {_number(row.from_)} arrived on your number "
                  f"{_number(row.to)} on {_when(row)}. Open it in Activity, Faxes received.",
                  now)


def _new_text(row: LogRow, now: dt.datetime) -> Alert:
    message = sms_text(str(row.field("MessageType")), str(row.field("Message"))).strip()
    if len(message) > _LONGEST_TEXT:
        message = message[:_LONGEST_TEXT].rstrip() + "…"
    return _alert(AlertKind.NEW_TEXT, row, f"New text from {_number(row.from_)}",
                  f"{_number(row.from_)} sent a text to your number {_number(row.to)} on "
                  f"{_when(row)}: “{message}”. Reply from your phone or TraiTel's portal.",
                  now)


def _missed_call(row: LogRow, now: dt.datetime) -> Alert:
    return _alert(AlertKind.MISSED_CALL, row, f"Missed call from {_number(row.from_)}",
                  f"{_number(row.from_)} called your number {_number(row.to)} on {_when(row)} "
                  "and nobody answered. Call them back if you know them.", now)


def _fax_failed(row: LogRow, now: dt.datetime) -> Alert:
    result = fax_result(int(row.field("ErrorCode")))
    reason = result.text[0].lower() + result.text[1:] if result.text else ""
    return _alert(AlertKind.FAX_FAILED, row, f"A fax to {_number(row.to)} was not sent",
                  f"Your fax to {_number(row.to)} on {_when(row)} did not go through: "
                  f"{reason}. {fax_advice(result)}", now)


def row_alerts(rows: Iterable[LogRow], config: AlertConfig, now: dt.datetime) -> list[Alert]:
    """The alerts the new ``rows`` raise (of any of the six logs), in the order given."""
    alerts: list[Alert] = []
    for row in rows:
        if row.log == "logfaxin" and config.on(AlertKind.NEW_FAX):
            alerts.append(_new_fax(row, now))
        elif row.log == "logsmsin" and config.on(AlertKind.NEW_TEXT):
            alerts.append(_new_text(row, now))
        elif (row.log == "logvoicein" and config.on(AlertKind.MISSED_CALL)
              and str(row.field("Result")).strip().lower() != "answered"):
            alerts.append(_missed_call(row, now))
        elif (row.log == "logfaxout" and config.on(AlertKind.FAX_FAILED)
              and int(row.field("ErrorCode")) != 0):
            alerts.append(_fax_failed(row, now))
    return alerts
