"""Turning parsed bodies into typed values and records.

Columns are found by header name once per table; each row is then built with positional
indexes and one converter per field, which keeps logs of hundreds of thousands of rows cheap.
A cell that does not convert raises :class:`ProtocolError` naming the row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, TypeVar

from traitel_desktop.api import records
from traitel_desktop.api.body import Body, Table
from traitel_desktop.api.errors import ProtocolError

__all__ = [
    "balance",
    "countries",
    "did_cities",
    "did_offers",
    "fax_cost",
    "fax_in",
    "fax_out",
    "ivml_configs",
    "ivr_menus",
    "money",
    "new_id",
    "numbers",
    "sms_in",
    "sms_out",
    "sub_accounts",
    "voice_calls",
    "voice_cost",
]

T = TypeVar("T")
Converter = Callable[[str], Any]

_MONEY = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*")


@lru_cache(maxsize=4096)
def money(text: str) -> Decimal:
    """A plain decimal string (``12.3450``) as ``Decimal``; anything else is a ValueError.

    Cached: a log repeats the same few prices and dates over and over (``Decimal`` and
    ``date`` are immutable, so sharing them is safe).
    """
    if _MONEY.fullmatch(text) is None:
        raise ValueError(f"not an amount of money: {text[:40]!r}")
    try:
        return Decimal(text.strip())
    except InvalidOperation:  # pragma: no cover - the pattern already excludes these
        raise ValueError(f"not an amount of money: {text[:40]!r}") from None


def _int(text: str) -> int:
    # int() itself is strict enough (digits, optional sign and spaces) and much faster
    # than a pattern; a negative count or ID is odd but harmless.
    return int(text)


def _opt_int(text: str) -> int | None:
    return None if not text.strip() else _int(text)


def _text(text: str) -> str:
    return text.strip()


def _raw(text: str) -> str:
    return text


@lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text.strip())


def _dids(text: str) -> tuple[str, ...]:
    return tuple(d for d in text.split() if d.lower() != "outbound")


def _outbound(text: str) -> bool:
    return "outbound" in text.lower().split()


def _build(
    table: Table, make: Callable[..., T], columns: Sequence[tuple[str, Converter]]
) -> list[T]:
    """One ``make(*values)`` per row, values converted from the named columns."""
    if not table.header and not table.rows:
        return []
    plan = tuple(zip(table.indexes(name for name, _ in columns), (c for _, c in columns),
                     strict=True))
    out: list[T] = []
    append = out.append
    row: list[str] = []
    try:
        for row in table.rows:
            append(make(*[conv(row[i]) for i, conv in plan]))
    except (ValueError, IndexError, ArithmeticError):
        raise _row_error(table, len(out) + 1, row, columns, plan) from None
    return out


def _row_error(
    table: Table,
    number: int,
    row: list[str],
    columns: Sequence[tuple[str, Converter]],
    plan: tuple[tuple[int, Converter], ...],
) -> ProtocolError:
    for (name, _), (i, conv) in zip(columns, plan, strict=True):
        if i >= len(row):
            return ProtocolError(f"row {number} is cut short: no {name!r} value")
        try:
            conv(row[i])
        except (ValueError, ArithmeticError) as exc:
            return ProtocolError(f"row {number}, column {name!r}: {exc}")
    return ProtocolError(f"row {number} could not be read")  # pragma: no cover


# --- single values -------------------------------------------------------------------------


def balance(body: Body) -> Decimal:
    """``querybalance`` / ``querysmscost``: one amount of money."""
    value = body.value()
    try:
        return money(value)
    except ValueError as exc:
        raise ProtocolError(str(exc)) from None


def new_id(body: Body) -> int:
    """``addsubaccount`` / ``addivml``: the new record's ID."""
    value = body.value()
    try:
        number = _int(value)
    except ValueError:
        raise ProtocolError(f"not a record ID: {value[:40]!r}") from None
    if number < 0:
        raise ProtocolError(f"not a record ID: {value[:40]!r}")
    return number


# --- tables --------------------------------------------------------------------------------

_SUB_ACCOUNT_COLUMNS: tuple[tuple[str, Converter], ...] = (
    ("Sub-ID", _int),
    ("Email", _text),
    ("First Name", _text),
    ("Last Name", _text),
    ("Company", _text),
    ("Fax Headline", _text),
)


def sub_accounts(table: Table) -> list[records.SubAccount]:
    """``querysubaccounts``; columns beyond the documented ones go to ``extra``."""
    extras = table.extra_columns(name for name, _ in _SUB_ACCOUNT_COLUMNS)
    base = _build(table, records.SubAccount, _SUB_ACCOUNT_COLUMNS)
    if not extras:
        return base
    return [
        replace(
            record,
            extra={name: row[i].strip() if i < len(row) else "" for i, name in extras},
        )
        for record, row in zip(base, table.rows, strict=True)
    ]


def numbers(table: Table) -> list[records.Number]:
    """``querynumbers``."""
    return _build(
        table,
        records.Number,
        (
            ("Number", _text),
            ("Service", _text),
            ("Assigned-Service", _text),
            ("Assigned-ID", _opt_int),
        ),
    )


def countries(table: Table) -> list[str]:
    """``querydidcountries``: country names."""
    return _build(table, str, (("CountryName", _text),))


def did_cities(table: Table) -> list[records.DidCity]:
    """``querydidcities``."""
    return _build(table, records.DidCity, (("CountryName", _text), ("CityName", _text)))


def did_offers(table: Table) -> list[records.DidOffer]:
    """``querydids``."""
    return _build(
        table, records.DidOffer, (("CountryName", _text), ("CityName", _text), ("DID", _text))
    )


def ivr_menus(table: Table) -> list[records.IvrMenu]:
    """``listivr``."""
    return _build(
        table,
        records.IvrMenu,
        (("ID", _int), ("Name", _text), ("DIDs", _dids), ("DIDs", _outbound)),
    )


def ivml_configs(table: Table) -> list[records.IvmlConfig]:
    """``listivml``."""
    return _build(
        table,
        records.IvmlConfig,
        (
            ("ID", _int),
            ("Name", _text),
            ("LaunchURL", _text),
            ("ResultURL", _text),
            ("DIDs", _dids),
            ("DIDs", _outbound),
        ),
    )


_LOG_HEAD: tuple[tuple[str, Converter], ...] = (
    ("ID", _int),
    ("Sub-ID", _int),
    ("Date", _date),
    ("Time", _time),
    ("From", _text),
    ("To", _text),
)


def fax_in(table: Table) -> list[records.FaxIn]:
    """``logfaxin``."""
    return _build(
        table,
        records.FaxIn,
        (
            *_LOG_HEAD,
            ("FaxStationID", _text),
            ("Pages", _int),
            ("Speed", _int),
            ("Duration", _int),
        ),
    )


def fax_out(table: Table) -> list[records.FaxOut]:
    """``logfaxout``."""
    return _build(
        table,
        records.FaxOut,
        (
            *_LOG_HEAD,
            ("Pages", _int),
            ("Speed", _int),
            ("Duration", _int),
            ("Cost", money),
            ("Attempt", _int),
            ("ErrorCode", _int),
        ),
    )


def voice_calls(table: Table) -> list[records.VoiceCall]:
    """``logvoicein`` / ``logvoiceout``."""
    return _build(
        table,
        records.VoiceCall,
        (
            *_LOG_HEAD,
            ("Duration", _int),
            ("Result", _text),
            ("Cost", money),
            ("IVMLID", _opt_int),
        ),
    )


def sms_in(table: Table) -> list[records.SmsIn]:
    """``logsmsin`` (the message is kept exactly as received)."""
    return _build(
        table, records.SmsIn, (*_LOG_HEAD, ("MessageType", _text), ("Message", _raw))
    )


def sms_out(table: Table) -> list[records.SmsOut]:
    """``logsmsout``."""
    return _build(
        table,
        records.SmsOut,
        (*_LOG_HEAD, ("Sent", _int), ("Tracking", _text), ("Cost", money)),
    )


def _single(rows: list[T], mode: str) -> T:
    if len(rows) != 1:
        raise ProtocolError(f"{mode} should give one row, got {len(rows)}")
    return rows[0]


def voice_cost(table: Table) -> records.VoiceCost:
    """``queryvoicecost``: the single row under the header."""
    rows = _build(
        table,
        records.VoiceCost,
        (
            ("FlagFall", money),
            ("PerSecond", money),
            ("PerMinute", money),
            ("BillingType", _text),
            ("Cost", money),
        ),
    )
    return _single(rows, "queryvoicecost")


def fax_cost(table: Table) -> records.FaxCost:
    """``queryfaxcost``: the single row under the header."""
    rows = _build(
        table,
        records.FaxCost,
        (
            ("FlagFall", money),
            ("PerSecond", money),
            ("PerMinute", money),
            ("PerPage", money),
            ("BillingType", _text),
            ("Cost", money),
        ),
    )
    return _single(rows, "queryfaxcost")
