"""Hand-built typed rows (as ``Archive.rows`` gives them) for the alert rule tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from traitel_desktop.contract.logs import micro_units

NOW = dt.datetime(2026, 5, 20, 12, 0, tzinfo=dt.UTC)
MY_FAX = "61290001111"
MY_PHONE = "61290002222"


def _head(id_: int, day: dt.date | str, time: str, from_: str, to: str, sub: int = 0
          ) -> tuple[Any, ...]:
    return (id_, sub, str(day), time, from_, to)


def fax_in(id_: int, day: dt.date | str, time: str = "09:00:00", from_: str = "61733334444",
           pages: int = 3) -> tuple[Any, ...]:
    return (*_head(id_, day, time, from_, MY_FAX), "ACME", pages, 14400, 60)


def fax_out(id_: int, day: dt.date | str, time: str = "09:00:00", to: str = "61733334444",
            code: int = 0, cost: str = "0.50", sub: int = 0) -> tuple[Any, ...]:
    return (*_head(id_, day, time, MY_FAX, to, sub), 2, 14400, 50,
            micro_units(Decimal(cost)), 1, code)


def call(id_: int, day: dt.date | str, time: str = "09:00:00", other: str = "61733334444",
         result: str = "answered", cost: str = "0.10", sub: int = 0, out: bool = False
         ) -> tuple[Any, ...]:
    from_, to = (MY_PHONE, other) if out else (other, MY_PHONE)
    return (*_head(id_, day, time, from_, to, sub), 60, result, micro_units(Decimal(cost)),
            None)


def text_in(id_: int, day: dt.date | str, time: str = "09:00:00", from_: str = "61400111222",
            message: str = "Running late, see you at 10") -> tuple[Any, ...]:
    return (*_head(id_, day, time, from_, MY_PHONE), "text", message)
