"""The six activity logs: the one description of each log's columns, for every layer.

A log is its API mode (``logfaxin`` ... ``logsmsout``), its service and its columns in the
order the document lists them. Each :class:`LogColumn` has the header name the gateway writes
(matched case-insensitively, surrounding spaces ignored; extra columns are ignored), the
:class:`Kind` that says how a cell reads and what typed value it becomes, and the field name a
per-row record uses (``api.records``).

Who uses it: the client reads answers with it (:mod:`traitel_desktop.contract.readings` holds
the reading of each kind, used only by the client), the archive keeps one SQL column per
column, the Activity tab shows and exports them, and the sandbox writes its headers from it.

The typed values are the same wherever a log's rows travel — a :class:`LogColumns` from the
client, ``Archive.rows`` and ``Archive.columns`` from the store:

* ``INT``: ``int``; ``OPT_INT``: ``int`` or ``None``;
* ``TEXT``: the text without surrounding white space; ``RAW``: the text exactly as sent;
* ``DATE`` / ``TIME``: ISO text, ``yyyy-mm-dd`` / ``HH:MM:SS`` (account time zone), which
  sorts correctly and is formatted lazily;
* ``MONEY``: an ``int`` of micro-units (millionths of the currency; :func:`to_money` gives the
  ``Decimal`` amount), or, for the rare amount with more than six decimals, a ``Decimal`` of
  micro-units (``"0.0000015"`` -> ``Decimal("1.5")``): sums stay exact either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

__all__ = [
    "LOGS",
    "LOG_NAMES",
    "MICRO",
    "Kind",
    "LogColumn",
    "LogColumns",
    "LogSpec",
    "micro_units",
    "to_money",
]

#: Micro-units per unit of currency.
MICRO = 1_000_000


class Kind(StrEnum):
    """How a cell reads (lenient but exact: anything else is an error naming row and column).

    White space around a cell is ignored except for ``RAW``.
    """

    #: ``[+-]digits`` (ASCII digits) -> ``int``.
    INT = "int"
    #: empty -> ``None``, else as ``INT``.
    OPT_INT = "opt_int"
    #: any text -> the text without surrounding white space.
    TEXT = "text"
    #: any text -> kept exactly (the SMS ``Message``, decoded only for display).
    RAW = "raw"
    #: ``yyyy-mm-dd``, a real calendar date -> the same ISO text.
    DATE = "date"
    #: ``H:MM:SS`` or ``HH:MM:SS``, 00-23 / 00-59 / 00-59, no fraction -> ``HH:MM:SS``.
    TIME = "time"
    #: a plain decimal (``12.3450``, ``-0.25``, ``5``, ``.5``; no exponent, no thousands
    #: separator) -> micro-units, see the module docstring.
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class LogColumn:
    """One API column: header ``name``, its :class:`Kind`, and the record ``field`` name.

    ``unique`` marks a column whose value differs in (nearly) every row (the ``ID``): the
    others repeat, so a reader converts each distinct value once.
    """

    name: str
    kind: Kind
    field: str
    unique: bool = False


@dataclass(frozen=True, slots=True)
class LogSpec:
    """One activity log: its API mode, its service (``fax``/``voice``/``sms``), its columns."""

    name: str
    service: str
    columns: tuple[LogColumn, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        """The header names, in the documented order (the order of every typed row)."""
        return tuple(c.name for c in self.columns)

    @property
    def fields(self) -> tuple[str, ...]:
        """The record field names, in the same order."""
        return tuple(c.field for c in self.columns)

    @property
    def money_index(self) -> int | None:
        """Position of the ``Cost`` column, or None for logs without costs."""
        for i, column in enumerate(self.columns):
            if column.kind is Kind.MONEY:
                return i
        return None

    def index(self, name: str) -> int:
        """Position of the column called ``name`` (case and surrounding spaces ignored)."""
        wanted = name.strip().lower()
        for i, column in enumerate(self.columns):
            if column.name.lower() == wanted:
                return i
        raise KeyError(f"{self.name} has no {name!r} column")


_HEAD = (
    LogColumn("ID", Kind.INT, "id", unique=True),
    LogColumn("Sub-ID", Kind.INT, "sub_id"),
    LogColumn("Date", Kind.DATE, "date"),
    LogColumn("Time", Kind.TIME, "time"),
    LogColumn("From", Kind.TEXT, "from_"),
    LogColumn("To", Kind.TEXT, "to"),
)
_VOICE = (
    LogColumn("Duration", Kind.INT, "duration"),
    LogColumn("Result", Kind.TEXT, "result"),
    LogColumn("Cost", Kind.MONEY, "cost"),
    LogColumn("IVMLID", Kind.OPT_INT, "ivml_id"),
)

LOGS: dict[str, LogSpec] = {
    spec.name: spec
    for spec in (
        LogSpec("logfaxin", "fax", (
            *_HEAD,
            LogColumn("FaxStationID", Kind.TEXT, "station_id"),
            LogColumn("Pages", Kind.INT, "pages"),
            LogColumn("Speed", Kind.INT, "speed"),
            LogColumn("Duration", Kind.INT, "duration"),
        )),
        LogSpec("logfaxout", "fax", (
            *_HEAD,
            LogColumn("Pages", Kind.INT, "pages"),
            LogColumn("Speed", Kind.INT, "speed"),
            LogColumn("Duration", Kind.INT, "duration"),
            LogColumn("Cost", Kind.MONEY, "cost"),
            LogColumn("Attempt", Kind.INT, "attempt"),
            LogColumn("ErrorCode", Kind.INT, "error_code"),
        )),
        LogSpec("logvoicein", "voice", (*_HEAD, *_VOICE)),
        LogSpec("logvoiceout", "voice", (*_HEAD, *_VOICE)),
        LogSpec("logsmsin", "sms", (
            *_HEAD,
            LogColumn("MessageType", Kind.TEXT, "message_type"),
            LogColumn("Message", Kind.RAW, "message"),
        )),
        LogSpec("logsmsout", "sms", (
            *_HEAD,
            LogColumn("Sent", Kind.INT, "sent"),
            LogColumn("Tracking", Kind.TEXT, "tracking"),
            LogColumn("Cost", Kind.MONEY, "cost"),
        )),
    )
}
#: The six log modes, in the document's order.
LOG_NAMES: tuple[str, ...] = tuple(LOGS)


# --- money ---------------------------------------------------------------------------------


def micro_units(amount: Decimal) -> int | Decimal:
    """An amount as micro-units, exactly: an ``int``, or a ``Decimal`` of micro-units when the
    amount has more than six decimals (``Decimal("0.0000015")`` -> ``Decimal("1.5")``)."""
    sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not an amount of money: {amount}")
    shifted = Decimal((sign, digits, exponent + 6))  # exact: no context rounding
    # The digits after the point of the shifted amount: all zero means whole micro-units.
    if not any(digits[max(0, len(digits) + exponent + 6):]):
        return int(shifted)
    return shifted


def to_money(micro: int | Decimal) -> Decimal:
    """Micro-units (a ``MONEY`` value) as a ``Decimal`` amount, exactly (also beyond the
    context's 28 digits: no rounding)."""
    sign, digits, exponent = Decimal(micro).as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not an amount of micro-units: {micro}")
    return Decimal((sign, digits, exponent - 6))


# --- the typed rows of one answer ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogColumns:
    """The rows of one log, one list per column (``LOGS[log].headers`` order), typed as the
    module docstring says. What ``TraiTelClient.log`` returns and ``Archive.store_range``
    stores; ``rows()`` gives tuples, ``column(name)`` one column."""

    log: str
    columns: tuple[list[Any], ...]

    def __post_init__(self) -> None:
        spec = LOGS[self.log]
        if len(self.columns) != len(spec.columns):
            raise ValueError(
                f"{self.log} has {len(spec.columns)} columns, got {len(self.columns)}")
        if len({len(c) for c in self.columns}) > 1:
            raise ValueError(f"{self.log}: columns of different lengths")

    @classmethod
    def empty(cls, log: str) -> LogColumns:
        """No rows of ``log``."""
        return cls(log, tuple([] for _ in LOGS[log].columns))

    @property
    def spec(self) -> LogSpec:
        """The log's description."""
        return LOGS[self.log]

    def __len__(self) -> int:
        return len(self.columns[0])

    def column(self, name: str) -> list[Any]:
        """The values of the column called ``name`` (case ignored)."""
        return self.columns[self.spec.index(name)]

    def rows(self) -> list[tuple[Any, ...]]:
        """Each row as a tuple in column order (like ``Archive.rows``, in the answer's order)."""
        return list(zip(*self.columns, strict=True))
