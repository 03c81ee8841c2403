"""The Activity tab's columns for each of the six logs, and how a raw value reads as words.

A shown column (:class:`ViewColumn`) reads one or more API columns (positions in
``contract.logs.LOGS[log].headers``) and formats them with a :class:`Fmt`. Raw values are the
typed values of the contract, the same from ``Archive.rows``/``Archive.columns`` and from
``TraiTelClient.log`` (ints, ISO date/time text, micro-unit costs): nothing here reads an
answer's text. Formatters never raise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication

from traitel_desktop.api.decode import fax_result, sms_text
from traitel_desktop.contract.logs import LOGS, to_money
from traitel_desktop.core.money import format_amount

NOTHING = "—"


def tr(text: str) -> str:
    return QCoreApplication.translate("Activity", text)


class Fmt(Enum):
    """How a shown column formats its raw value(s)."""

    ID = "id"
    WHEN = "when"        # Date, Time
    SUB = "sub"          # Sub-ID, named by the tab's sub-account names
    NUMBER = "number"
    TEXT = "text"
    COUNT = "count"
    SPEED = "speed"
    DURATION = "duration"
    MONEY = "money"
    FAX_RESULT = "fax_result"
    CALL_RESULT = "call_result"
    TRACKING = "tracking"
    IVML = "ivml"
    MESSAGE = "message"  # MessageType, Message


@dataclass(frozen=True, slots=True)
class ViewColumn:
    """One shown column: title, the API columns it reads, its format, alignment."""

    key: str
    title: str
    sources: tuple[int, ...]
    fmt: Fmt
    right: bool = False


#: The logs the tab offers, with their names in the log chooser.
def log_titles() -> dict[str, str]:
    """Log name -> words for the chooser."""
    return {
        "logfaxin": tr("Faxes received"),
        "logfaxout": tr("Faxes sent"),
        "logvoicein": tr("Calls received"),
        "logvoiceout": tr("Calls made"),
        "logsmsin": tr("Text messages received"),
        "logsmsout": tr("Text messages sent"),
    }


def _at(log: str, header: str) -> int:
    return LOGS[log].headers.index(header)


def view_columns(log: str) -> list[ViewColumn]:
    """The shown columns of ``log``, in order."""
    a = lambda header: _at(log, header)  # noqa: E731
    cols = [
        ViewColumn("when", tr("When"), (a("Date"), a("Time")), Fmt.WHEN),
        ViewColumn("sub", tr("Sub-account"), (a("Sub-ID"),), Fmt.SUB),
        ViewColumn("from", tr("From"), (a("From"),), Fmt.NUMBER),
        ViewColumn("to", tr("To"), (a("To"),), Fmt.NUMBER),
    ]
    if log == "logfaxin":
        cols += [
            ViewColumn("station", tr("Fax machine name"), (a("FaxStationID"),), Fmt.TEXT),
            ViewColumn("pages", tr("Pages"), (a("Pages"),), Fmt.COUNT, True),
            ViewColumn("speed", tr("Speed"), (a("Speed"),), Fmt.SPEED, True),
            ViewColumn("duration", tr("Duration"), (a("Duration"),), Fmt.DURATION, True),
        ]
    elif log == "logfaxout":
        cols += [
            ViewColumn("result", tr("Result"), (a("ErrorCode"),), Fmt.FAX_RESULT),
            ViewColumn("pages", tr("Pages"), (a("Pages"),), Fmt.COUNT, True),
            ViewColumn("attempt", tr("Try"), (a("Attempt"),), Fmt.COUNT, True),
            ViewColumn("duration", tr("Duration"), (a("Duration"),), Fmt.DURATION, True),
            ViewColumn("cost", tr("Cost"), (a("Cost"),), Fmt.MONEY, True),
        ]
    elif log in ("logvoicein", "logvoiceout"):
        cols += [
            ViewColumn("result", tr("Result"), (a("Result"),), Fmt.CALL_RESULT),
            ViewColumn("duration", tr("Duration"), (a("Duration"),), Fmt.DURATION, True),
            ViewColumn("cost", tr("Cost"), (a("Cost"),), Fmt.MONEY, True),
            ViewColumn("ivml", tr("Call flow"), (a("IVMLID"),), Fmt.IVML, True),
        ]
    elif log == "logsmsin":
        cols += [
            ViewColumn("message", tr("Message"), (a("MessageType"), a("Message")), Fmt.MESSAGE),
        ]
    elif log == "logsmsout":
        cols += [
            ViewColumn("delivery", tr("Delivery"), (a("Tracking"),), Fmt.TRACKING),
            ViewColumn("parts", tr("Parts"), (a("Sent"),), Fmt.COUNT, True),
            ViewColumn("cost", tr("Cost"), (a("Cost"),), Fmt.MONEY, True),
        ]
    cols.append(ViewColumn("id", tr("ID"), (a("ID"),), Fmt.ID, True))
    return cols


# --- formatting one value ------------------------------------------------------------------
def duration_text(seconds: int) -> str:
    """Seconds as ``h:mm:ss``."""
    total = seconds
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def money_text(micro: int | Decimal) -> str:
    """A row's cost in micro-units: an amount charged, so to the cent in the owner's
    currency like every amount (the rule of ``core.money``: ``0.0496`` -> ``A$0.05``), one
    precision down the whole column; the exact cost is on hover and in the details."""
    return format_amount(to_money(micro))


def when_text(day: Any, time: Any) -> str:
    """``2026-05-20`` + ``14:03:11`` as ``Wed 20 May 2026  14:03:11``."""
    try:
        d = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day).strip())
    except ValueError:
        return f"{day} {time}"
    return f"{d:%a} {d.day} {d:%b %Y}  {str(time).strip()}"


def call_result_text(value: Any) -> str:
    """``answered`` / ``failed`` in words."""
    word = str(value).strip().lower()
    return {"answered": tr("Answered"), "failed": tr("Not answered")}.get(
        word, str(value) or NOTHING
    )


def tracking_text(value: Any) -> str:
    """``Tracking`` in words."""
    word = str(value).strip().lower()
    return {
        "delivered": tr("Delivered"),
        "failed": tr("Not delivered"),
        "pending": tr("Waiting for the network"),
        "": tr("Not tracked"),
    }.get(word, str(value))


def number_text(value: Any) -> str:
    """A number as ``+61 2 9999 1234`` (its country's format)."""
    return _number_text(str(value).strip())


@lru_cache(maxsize=16384)
def _number_text(text: str) -> str:
    # An account's numbers repeat across logs and date ranges: each is formatted once.
    from traitel_desktop.core.phones import format_number

    return format_number(text) if text else NOTHING


def number_tip(value: Any) -> str:
    """The country of a number, for its tooltip."""
    from traitel_desktop.services.numbers import country_name

    text = str(value).strip()
    country = country_name(text) if text else ""
    return f"{number_text(text)} — {country}" if country else number_text(text)


def single_formatter(fmt: Fmt, sub_names: dict[int, str]) -> Callable[[Any], str]:
    """The formatter of a one-source column."""
    if fmt is Fmt.SUB:
        def sub(ident: int) -> str:
            return sub_names.get(ident) or (
                tr("Main account") if ident == 0 else tr("ID {0}").format(ident)
            )
        return sub
    simple: dict[Fmt, Callable[[Any], str]] = {
        Fmt.ID: lambda v: str(v).strip(),
        Fmt.NUMBER: number_text,
        Fmt.TEXT: lambda v: str(v).strip() or NOTHING,
        Fmt.COUNT: lambda v: f"{v:,}",
        Fmt.SPEED: lambda v: tr("{0} bit/s").format(f"{v:,}") if v else NOTHING,
        Fmt.DURATION: duration_text,
        Fmt.MONEY: money_text,
        Fmt.FAX_RESULT: lambda v: fax_result(v).text,
        Fmt.CALL_RESULT: call_result_text,
        Fmt.TRACKING: tracking_text,
        Fmt.IVML: lambda v: NOTHING if v is None or str(v).strip() == "" else str(v).strip(),
    }
    return simple[fmt]


def message_cell(message_type: Any, message: Any) -> str:
    """An SMS as one line for a cell (new lines shown as ``⏎``)."""
    return sms_text(str(message_type), str(message)).replace("\r\n", " ⏎ ").replace("\n", " ⏎ ")
