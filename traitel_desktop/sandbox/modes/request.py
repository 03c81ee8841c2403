"""One request as the mode handlers see it: the account, the parameters, "today", checks.

Parameter readings shared by all modes: a parameter sent empty counts as not sent; a missing
required parameter or a value outside the documented options is ``Error 200``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from traitel_desktop.contract.limits import MAX_ID_DIGITS, text_limit
from traitel_desktop.sandbox.wire import RequestError

#: What a gateway refuses in free text: C0 and C1 controls (tab, CR, LF, NUL, DEL ...), the
#: soft hyphen, invisible spaces and marks, bidirectional controls, line and paragraph
#: separators, word joiners and invisible operators, the byte-order mark, annotation marks.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2028\u2029\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: A handler's answer: the body, or a function making it once the transaction is over.
Answer = bytes | Callable[[], bytes]


@dataclass
class Request:
    """The authenticated account and the parameters of one API call."""

    conn: sqlite3.Connection
    account_id: int
    ivr: bool
    timezone: str
    params: dict[str, str]
    today: date
    #: The current instant (UTC epoch seconds); None when the clock is a fixed date.
    now: int | None = None

    def get(self, name: str) -> str | None:
        """The parameter's value, or None when it was not sent (or sent empty)."""
        value = self.params.get(name)
        return value if value else None

    def require(self, name: str) -> str:
        """The parameter's value; Error 200 when it is missing."""
        value = self.get(name)
        if value is None:
            raise RequestError(200)
        return value

    def text(self, name: str, required: bool = False) -> str | None:
        """A free-text field: within its length (``contract.limits``), no control or invisible
        characters (else 200)."""
        value = self.require(name) if required else self.get(name)
        if value is not None and (len(value) > text_limit(name) or _CONTROL.search(value)):
            raise RequestError(200)
        return value

    def integer(self, name: str, required: bool = False, minimum: int = 0) -> int | None:
        """A whole number (digits only) not below ``minimum``; Error 200 otherwise."""
        value = self.require(name) if required else self.get(name)
        if value is None:
            return None
        if not value.isascii() or not value.isdigit() or len(value) > MAX_ID_DIGITS:
            raise RequestError(200)
        number = int(value)
        if number < minimum:
            raise RequestError(200)
        return number

    def date(self, name: str, error: int) -> date:
        """A required ``yyyy-mm-dd`` date, not after today in the account's time zone.

        Missing: Error 200. Bad format, impossible date or future: ``error`` (117 or 118).
        """
        value = self.require(name)
        if not _DATE.fullmatch(value):
            raise RequestError(error)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise RequestError(error) from None
        if day > self.today:
            raise RequestError(error)
        return day

    def sub_account(self, name: str = "subid", allow_main: bool = False) -> int | None:
        """An optional sub-account ID of this account (0 = main account when allowed).

        Not a number: Error 200; not one of this account's sub-accounts: Error 105.
        """
        sub = self.integer(name)
        if sub is None or (allow_main and sub == 0):
            return sub
        if not self.owns_sub(sub):
            raise RequestError(105)
        return sub

    def owns_sub(self, sub: int) -> bool:
        """True when ``sub`` is a sub-account of this account."""
        row = self.conn.execute(
            "SELECT 1 FROM subaccounts WHERE id = ? AND account_id = ?", (sub, self.account_id)
        ).fetchone()
        return row is not None
