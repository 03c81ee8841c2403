"""The few fields of a log row the alert rules read, by column name (Qt-free).

Rows are the typed tuples of ``Archive.rows`` (columns in ``contract.logs.LOGS`` order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from traitel_desktop.contract.logs import LOGS, to_money

__all__ = ["LogRow", "log_rows"]


@dataclass(frozen=True, slots=True)
class LogRow:
    """One row of ``log``: its ID, sub-account, wall-clock date and time in the account's
    zone, the two numbers, its cost (zero for logs without one) and the whole typed row."""

    log: str
    id: int
    sub_id: int
    day: dt.date
    time: dt.time
    from_: str
    to: str
    cost: Decimal
    values: tuple[Any, ...]

    def field(self, column: str) -> Any:
        """The value of ``column`` (a header name, case ignored)."""
        return self.values[LOGS[self.log].index(column)]


def log_rows(log: str, rows: Sequence[Sequence[Any]]) -> list[LogRow]:
    """``rows`` of ``log`` as :class:`LogRow` s, in the order given."""
    spec = LOGS[log]
    money = spec.money_index
    out = []
    for row in rows:
        values = tuple(row)
        cost = to_money(values[money]) if money is not None else Decimal(0)
        out.append(LogRow(log, int(values[0]), int(values[1]),
                          dt.date.fromisoformat(values[2]), dt.time.fromisoformat(values[3]),
                          str(values[4]), str(values[5]), cost, values))
    return out
