"""Turning parsed bodies into typed values and records (the logs are in :mod:`api.logs`).

Columns are found by header name once per table; each row is then built with positional
indexes and one converter per field. Cells read as ``contract.readings`` says (the same
reading as the logs: one for whole numbers, one for money, ...). A cell that does not convert
raises :class:`ProtocolError` naming the row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any, TypeVar

from traitel_desktop.api import records
from traitel_desktop.api.body import Body, Table
from traitel_desktop.api.errors import ProtocolError
from traitel_desktop.contract.readings import read_int, read_money, read_opt_int, read_text

__all__ = [
    "balance",
    "countries",
    "did_cities",
    "did_offers",
    "fax_cost",
    "ivml_configs",
    "ivr_menus",
    "new_id",
    "numbers",
    "sub_accounts",
    "voice_cost",
]

T = TypeVar("T")
Converter = Callable[[str], Any]

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


def balance(body: Body, field: str = "credit_balance") -> Decimal:
    """``querybalance`` / ``querysmscost``: one amount of money (``field`` names it in the
    error when it is not one, or out of range)."""
    value = body.value()
    try:
        return read_money(value)
    except ValueError as exc:
        raise ProtocolError(f"{field}: {exc}") from None


def new_id(body: Body) -> int:
    """``addsubaccount`` / ``addivml``: the new record's ID."""
    value = body.value()
    try:
        number = read_int(value)
    except ValueError:
        raise ProtocolError(f"not a record ID: {value[:40]!r}") from None
    if number < 0:
        raise ProtocolError(f"not a record ID: {value[:40]!r}")
    return number


# --- tables --------------------------------------------------------------------------------

_SUB_ACCOUNT_COLUMNS: tuple[tuple[str, Converter], ...] = (
    ("Sub-ID", read_int),
    ("Email", read_text),
    ("First Name", read_text),
    ("Last Name", read_text),
    ("Company", read_text),
    ("Fax Headline", read_text),
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
            ("Number", read_text),
            ("Service", read_text),
            ("Assigned-Service", read_text),
            ("Assigned-ID", read_opt_int),
        ),
    )


def countries(table: Table) -> list[str]:
    """``querydidcountries``: country names."""
    return _build(table, str, (("CountryName", read_text),))


def did_cities(table: Table) -> list[records.DidCity]:
    """``querydidcities``."""
    return _build(table, records.DidCity, (("CountryName", read_text), ("CityName", read_text)))


def did_offers(table: Table) -> list[records.DidOffer]:
    """``querydids``."""
    return _build(
        table,
        records.DidOffer,
        (("CountryName", read_text), ("CityName", read_text), ("DID", read_text)),
    )


def ivr_menus(table: Table) -> list[records.IvrMenu]:
    """``listivr``."""
    return _build(
        table,
        records.IvrMenu,
        (("ID", read_int), ("Name", read_text), ("DIDs", _dids), ("DIDs", _outbound)),
    )


def ivml_configs(table: Table) -> list[records.IvmlConfig]:
    """``listivml``."""
    return _build(
        table,
        records.IvmlConfig,
        (
            ("ID", read_int),
            ("Name", read_text),
            ("LaunchURL", read_text),
            ("ResultURL", read_text),
            ("DIDs", _dids),
            ("DIDs", _outbound),
        ),
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
            ("FlagFall", read_money),
            ("PerSecond", read_money),
            ("PerMinute", read_money),
            ("BillingType", read_text),
            ("Cost", read_money),
        ),
    )
    return _single(rows, "queryvoicecost")


def fax_cost(table: Table) -> records.FaxCost:
    """``queryfaxcost``: the single row under the header."""
    rows = _build(
        table,
        records.FaxCost,
        (
            ("FlagFall", read_money),
            ("PerSecond", read_money),
            ("PerMinute", read_money),
            ("PerPage", read_money),
            ("BillingType", read_text),
            ("Cost", read_money),
        ),
    )
    return _single(rows, "queryfaxcost")
