"""Balance, sub-accounts and time zone modes."""

from __future__ import annotations

import zoneinfo
from functools import cache

from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, money, ok_body, table_body

SUB_HEADER = ("Sub-ID", "Email", "First Name", "Last Name", "Company", "Fax Headline")
#: request parameter -> column of ``subaccounts`` (besides alias and email)
PLAIN_FIELDS = {
    "firstname": "first_name",
    "lastname": "last_name",
    "company": "company",
    "faxheadline": "fax_headline",
}


def querybalance(req: Request) -> Answer:
    """``Ok`` + the credit balance."""
    row = req.conn.execute(
        "SELECT balance_micro FROM accounts WHERE id = ?", (req.account_id,)
    ).fetchone()
    return ok_body(money(row[0]))


def querysubaccounts(req: Request) -> Answer:
    """The account's sub-accounts, by Sub-ID."""
    rows = req.conn.execute(
        "SELECT id, email, first_name, last_name, company, fax_headline FROM subaccounts"
        " WHERE account_id = ? ORDER BY id",
        (req.account_id,),
    ).fetchall()
    return table_body(SUB_HEADER, rows)


def _check_email(req: Request, email: str, exclude_sub: int | None) -> None:
    """104 when malformed; 101 when any sub-account (any account) or any account has it."""
    if len(email) > 200:
        raise RequestError(104)
    from email_validator import EmailNotValidError, validate_email  # lazily: start-up

    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        raise RequestError(104) from None
    taken = req.conn.execute(
        "SELECT 1 FROM subaccounts WHERE lower(email) = lower(?) AND id IS NOT ?"
        " UNION ALL SELECT 1 FROM accounts WHERE lower(email) = lower(?)",
        (email, exclude_sub, email),
    ).fetchone()
    if taken:
        raise RequestError(101)


def _check_alias(req: Request, alias: str, exclude_sub: int | None) -> None:
    """102 when another sub-account of this account has the alias (case-insensitive)."""
    taken = req.conn.execute(
        "SELECT 1 FROM subaccounts WHERE account_id = ? AND lower(alias) = lower(?)"
        " AND id IS NOT ?",
        (req.account_id, alias, exclude_sub),
    ).fetchone()
    if taken:
        raise RequestError(102)


def addsubaccount(req: Request) -> Answer:
    """Create a sub-account; ``Ok`` + its new ID."""
    alias = req.text("alias", required=True)
    assert alias is not None
    email = req.text("email")
    fields = {column: req.text(param) or "" for param, column in PLAIN_FIELDS.items()}
    if email is not None:
        _check_email(req, email, None)
    _check_alias(req, alias, None)
    cur = req.conn.execute(
        "INSERT INTO subaccounts (account_id, alias, email, first_name, last_name, company,"
        " fax_headline) VALUES (?,?,?,?,?,?,?)",
        (req.account_id, alias, email or "", *fields.values()),
    )
    return ok_body(str(cur.lastrowid))


def delsubaccount(req: Request) -> Answer:
    """Delete a sub-account; its DIDs go back to the main account, unassigned."""
    sub = req.integer("subid", required=True)
    assert sub is not None
    if not req.owns_sub(sub):
        raise RequestError(105)
    req.conn.execute(
        "UPDATE dids SET owner_sub = 0, assigned_service = '', assigned_id = NULL"
        " WHERE account_id = ? AND (owner_sub = ? OR (assigned_service = 'SIP'"
        " AND assigned_id = ?))",
        (req.account_id, sub, sub),
    )
    req.conn.execute("DELETE FROM subaccounts WHERE id = ?", (sub,))
    return ok_body()


def updatesubaccount(req: Request) -> Answer:
    """Overwrite the supplied fields of a sub-account (an empty value clears an optional one)."""
    sub = req.integer("subid", required=True)
    assert sub is not None
    if not req.owns_sub(sub):
        raise RequestError(105)
    changes: dict[str, str] = {}
    for param, column in PLAIN_FIELDS.items():
        if param in req.params:
            changes[column] = req.text(param) or ""
    if "email" in req.params:
        email = req.text("email")
        if email is not None:
            _check_email(req, email, sub)
        changes["email"] = email or ""
    if "alias" in req.params:
        alias = req.text("alias", required=True)  # an alias cannot be cleared
        assert alias is not None
        _check_alias(req, alias, sub)
        changes["alias"] = alias
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        req.conn.execute(
            f"UPDATE subaccounts SET {assignments} WHERE id = ?", (*changes.values(), sub)
        )
    return ok_body()


@cache
def known_zones() -> frozenset[str]:
    """Every IANA zone name the sandbox accepts (from ``zoneinfo``/``tzdata``), without the
    system's own aliases that are no place (``localtime``, ``posixrules``, ``Factory``)."""
    return frozenset(zoneinfo.available_timezones()) - {"localtime", "posixrules", "Factory"}


def settimezone(req: Request) -> Answer:
    """Store the account's time zone; ``Ok`` + the zone name stored."""
    tz = req.require("tz")
    if tz not in known_zones():
        raise RequestError(119)
    req.conn.execute("UPDATE accounts SET timezone = ? WHERE id = ?", (tz, req.account_id))
    return ok_body(tz)


def querytimezone(req: Request) -> Answer:
    """``Ok`` + the account's time zone."""
    return ok_body(req.timezone)
