"""DID modes: the account's numbers, their assignment, and subscribing new ones.

Price of a number (our reading, see ``subscribedid``): the vendor's document gives no DID
price at all; it only warns that subscribing "may incur monthly charges". So that the demo
shows what an owner will see, the sandbox charges a one-off setup fee of
:data:`DID_SETUP_FEE` (10.00 in the account's currency, a typical setup price for a local
number) for each number it subscribes, taken from the buyer's balance at once. A refused
subscription (Error 113, 114, ...) charges nothing. No monthly fee is simulated.
"""

from __future__ import annotations

from decimal import Decimal

from traitel_desktop.contract.modes import ASSIGN_SERVICES, SERVICES, VOICE_SERVICE_TYPES
from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import MICRO, RequestError, ok_body, table_body

NUMBERS_HEADER = ("Number", "Service", "Assigned-Service", "Assigned-ID")
#: The document writes this header with spaces after the commas; the sandbox sends it so.
DIDS_HEADER = ("CountryName", " CityName", " DID")
#: What a newly subscribed DID can carry, by the service it was offered for.
CAPABLE = {"fax": "fax", "voice": "fax,voice", "sms": "sms"}
#: The one-off setup fee the sandbox charges per number subscribed (see the module docstring;
#: the spec gives no price). Deducted from the balance, so ``querybalance`` shows it.
DID_SETUP_FEE = Decimal("10.00")
_FEE_MICRO = int(DID_SETUP_FEE * MICRO)


def querynumbers(req: Request) -> Answer:
    """The account's DIDs, optionally filtered by owning sub-account and service."""
    service = req.get("service")
    if service is not None and service not in SERVICES:
        raise RequestError(200)
    sub = req.sub_account(allow_main=True)
    sql = (
        "SELECT number, service, assigned_service, assigned_id FROM dids WHERE account_id = ?"
    )
    args: list[object] = [req.account_id]
    if sub is not None:
        sql += " AND owner_sub = ?"
        args.append(sub)
    if service is not None:
        sql += " AND service = ?"
        args.append(service)
    rows = req.conn.execute(sql + " ORDER BY number", args).fetchall()
    return table_body(NUMBERS_HEADER, rows)


def _service(req: Request) -> str:
    service = req.require("service")
    if service not in SERVICES:
        raise RequestError(107)
    return service


def assignnumber(req: Request) -> Answer:
    """Point a DID at fax, or at voice through an IVR menu, an IVML configuration or SIP."""
    number = req.require("number")
    service = req.require("service")
    if service not in ASSIGN_SERVICES:
        raise RequestError(107)
    row = req.conn.execute(
        "SELECT capable FROM dids WHERE number = ? AND account_id = ?",
        (number, req.account_id),
    ).fetchone()
    if row is None:
        raise RequestError(113)
    if service not in row[0].split(","):
        raise RequestError(108)
    if service == "fax":
        req.conn.execute(
            "UPDATE dids SET service = 'fax', assigned_service = '', assigned_id = NULL"
            " WHERE number = ?",
            (number,),
        )
        return ok_body()
    kind = req.require("servicetype")
    if kind not in VOICE_SERVICE_TYPES:
        raise RequestError(107)
    target = req.integer("serviceid", required=True)
    assert target is not None
    if kind == "IVR":
        if not _exists(req, "ivr", target):
            raise RequestError(109)
    elif kind == "IVML":
        if not _exists(req, "ivml", target):
            raise RequestError(110)
    elif target != 0 and not req.owns_sub(target):
        raise RequestError(105)
    owner = ", owner_sub = ?" if kind == "SIP" else ""
    req.conn.execute(
        f"UPDATE dids SET service = 'voice', assigned_service = ?, assigned_id = ?{owner}"
        " WHERE number = ?",
        (kind, target, *([target] if kind == "SIP" else []), number),
    )
    return ok_body()


def _exists(req: Request, table: str, ident: int) -> bool:
    row = req.conn.execute(
        f"SELECT 1 FROM {table} WHERE id = ? AND account_id = ?", (ident, req.account_id)
    ).fetchone()
    return row is not None


def querydidcountries(req: Request) -> Answer:
    """Countries with DIDs offered for the service."""
    service = _service(req)
    rows = req.conn.execute(
        "SELECT DISTINCT country FROM offers WHERE service = ? ORDER BY country", (service,)
    ).fetchall()
    return table_body(("CountryName",), rows)


def _country(req: Request, service: str) -> str:
    country = req.require("country")
    row = req.conn.execute(
        "SELECT 1 FROM offers WHERE service = ? AND country = ? LIMIT 1", (service, country)
    ).fetchone()
    if row is None:
        raise RequestError(111)
    return country


def _city(req: Request, service: str, country: str) -> str:
    city = req.require("city")
    row = req.conn.execute(
        "SELECT 1 FROM offers WHERE service = ? AND country = ? AND city = ? LIMIT 1",
        (service, country, city),
    ).fetchone()
    if row is None:
        raise RequestError(112)
    return city


def querydidcities(req: Request) -> Answer:
    """Cities of a country with DIDs offered for the service."""
    service = _service(req)
    country = _country(req, service)
    rows = req.conn.execute(
        "SELECT DISTINCT country, city FROM offers WHERE service = ? AND country = ?"
        " ORDER BY city",
        (service, country),
    ).fetchall()
    return table_body(("CountryName", "CityName"), rows)


def querydids(req: Request) -> Answer:
    """Offer up to ``quantity`` (1..10, default 1) DIDs still available in a city."""
    service = _service(req)
    country = _country(req, service)
    city = _city(req, service, country)
    quantity = req.integer("quantity", minimum=1)
    quantity = 1 if quantity is None else quantity
    if quantity > 10:
        raise RequestError(200)
    rows = req.conn.execute(
        "SELECT country, city, number FROM offers WHERE service = ? AND country = ?"
        " AND city = ? AND taken = 0 ORDER BY number LIMIT ?",
        (service, country, city, quantity),
    ).fetchall()
    return table_body(DIDS_HEADER, rows)


def subscribedid(req: Request) -> Answer:
    """Subscribe an offered DID: it joins the account's numbers, unassigned, and the setup fee
    (:data:`DID_SETUP_FEE`) leaves the account's balance."""
    service = _service(req)
    country = _country(req, service)
    city = _city(req, service, country)
    did = req.require("did")
    row = req.conn.execute(
        "SELECT taken FROM offers WHERE number = ? AND service = ? AND country = ?"
        " AND city = ?",
        (did, service, country, city),
    ).fetchone()
    if row is None:
        raise RequestError(113)
    if row[0]:
        raise RequestError(114)
    req.conn.execute("UPDATE offers SET taken = 1 WHERE number = ?", (did,))
    req.conn.execute(
        "INSERT INTO dids VALUES (?,?,0,?,?,'',NULL,?,?)",
        (did, req.account_id, service, CAPABLE[service], country, city),
    )
    req.conn.execute(
        "UPDATE accounts SET balance_micro = balance_micro - ? WHERE id = ?",
        (_FEE_MICRO, req.account_id),
    )
    return ok_body()
