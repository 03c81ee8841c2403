"""Cost queries: the price of one SMS part, a one-minute call, a one-page fax.

A destination is international digits (a leading ``+`` is tolerated) forming a valid number
(``phonenumbers``) in a country with a rate for the service; anything else is Error 120.
``queryvoicecost`` ``Cost`` estimates a one-minute call (flag fall + one minute at the billing
type); ``queryfaxcost`` ``Cost`` a one-page fax taking one minute.
"""

from __future__ import annotations

from traitel_desktop.contract.modes import SMS_COST_TYPES
from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, money, ok_body, table_body


def _region(req: Request) -> str:
    number = req.require("number").strip()
    digits = number[1:] if number.startswith("+") else number
    if not (digits.isascii() and digits.isdigit() and 6 <= len(digits) <= 15):
        raise RequestError(120)
    import phonenumbers  # lazily: start-up

    try:
        parsed = phonenumbers.parse("+" + digits)
    except phonenumbers.NumberParseException:
        raise RequestError(120) from None
    if not phonenumbers.is_valid_number(parsed):
        raise RequestError(120)
    return phonenumbers.region_code_for_number(parsed) or ""


def querysmscost(req: Request) -> Answer:
    """``Ok`` + the cost of one SMS part of the given type."""
    kind = req.require("type")
    if kind not in SMS_COST_TYPES:
        raise RequestError(200)
    region = _region(req)
    row = req.conn.execute(
        f"SELECT {kind} FROM sms_rates WHERE region = ?", (region,)
    ).fetchone()
    if row is None:
        raise RequestError(120)
    return ok_body(money(row[0]))


def queryvoicecost(req: Request) -> Answer:
    """The call rate breakdown and the cost of a one-minute call."""
    region = _region(req)
    row = req.conn.execute(
        "SELECT flagfall, per_second, per_minute, billing_type FROM voice_rates"
        " WHERE region = ?",
        (region,),
    ).fetchone()
    if row is None:
        raise RequestError(120)
    flagfall, per_second, per_minute, billing = row
    minute = per_minute if billing == "PerMinute" else 60 * per_second
    return table_body(
        ("FlagFall", "PerSecond", "PerMinute", "BillingType", "Cost"),
        [(money(flagfall), money(per_second), money(per_minute), billing,
          money(flagfall + minute))],
    )


def queryfaxcost(req: Request) -> Answer:
    """The fax rate breakdown and the cost of a one-page, one-minute fax."""
    region = _region(req)
    row = req.conn.execute(
        "SELECT flagfall, per_second, per_minute, per_page, billing_type FROM fax_rates"
        " WHERE region = ?",
        (region,),
    ).fetchone()
    if row is None:
        raise RequestError(120)
    flagfall, per_second, per_minute, per_page, billing = row
    cost = {
        "PerPage": flagfall + per_page,
        "Mixed": flagfall + per_page + 60 * per_second,
        "PerMinute": flagfall + per_minute,
        "PerSecond": flagfall + 60 * per_second,
    }[billing]
    return table_body(
        ("FlagFall", "PerSecond", "PerMinute", "PerPage", "BillingType", "Cost"),
        [(money(flagfall), money(per_second), money(per_minute), money(per_page), billing,
          money(cost))],
    )
