"""IVR menus (read-only) and IVML configurations."""

from __future__ import annotations

from urllib.parse import urlsplit

from traitel_desktop.contract.modes import IVML_TYPES
from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, ok_body, table_body


def _dids_column(req: Request, kind: str, ident: int, outbound: bool) -> str:
    if outbound:
        return "outbound"
    rows = req.conn.execute(
        "SELECT number FROM dids WHERE account_id = ? AND assigned_service = ?"
        " AND assigned_id = ? ORDER BY number",
        (req.account_id, kind, ident),
    ).fetchall()
    return " ".join(r[0] for r in rows)


def listivr(req: Request) -> Answer:
    """IVR menus with their DIDs (or ``outbound``); empty for accounts without IVR."""
    menus = req.conn.execute(
        "SELECT id, name, outbound FROM ivr WHERE account_id = ? ORDER BY id", (req.account_id,)
    ).fetchall()
    rows = [(i, name, _dids_column(req, "IVR", i, bool(out))) for i, name, out in menus]
    return table_body(("ID", "Name", "DIDs"), rows)


def listivml(req: Request) -> Answer:
    """IVML configurations with their DIDs (or ``outbound``)."""
    configs = req.conn.execute(
        "SELECT id, name, launch_url, result_url, type FROM ivml WHERE account_id = ?"
        " ORDER BY id",
        (req.account_id,),
    ).fetchall()
    rows = [
        (i, name, launch, result, _dids_column(req, "IVML", i, kind == "outbound"))
        for i, name, launch, result, kind in configs
    ]
    return table_body(("ID", "Name", "LaunchURL", "ResultURL", "DIDs"), rows)


def _url(req: Request, name: str, required: bool) -> str | None:
    """An absolute http(s) URL, or Error 200."""
    value = req.text(name, required=required)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise RequestError(200)
    return value


def _type(req: Request, required: bool) -> str | None:
    kind = req.require("type") if required else req.get("type")
    if kind is not None and kind not in IVML_TYPES:
        raise RequestError(200)
    return kind


def _check_name(req: Request, name: str, exclude: int | None) -> None:
    taken = req.conn.execute(
        "SELECT 1 FROM ivml WHERE account_id = ? AND lower(name) = lower(?) AND id IS NOT ?",
        (req.account_id, name, exclude),
    ).fetchone()
    if taken:
        raise RequestError(116)


def _need_ivr(req: Request) -> None:
    if not req.ivr:
        raise RequestError(115)


def _own_ivml(req: Request) -> int:
    ident = req.integer("ivmlid", required=True)
    assert ident is not None
    row = req.conn.execute(
        "SELECT 1 FROM ivml WHERE id = ? AND account_id = ?", (ident, req.account_id)
    ).fetchone()
    if row is None:
        raise RequestError(110)
    return ident


def addivml(req: Request) -> Answer:
    """Create an IVML configuration; ``Ok`` + its ID."""
    _need_ivr(req)
    name = req.text("name", required=True)
    launch = _url(req, "launchurl", required=True)
    result = _url(req, "resulturl", required=False) or ""
    kind = _type(req, required=True)
    assert name is not None
    _check_name(req, name, None)
    cur = req.conn.execute(
        "INSERT INTO ivml (account_id, name, launch_url, result_url, type) VALUES (?,?,?,?,?)",
        (req.account_id, name, launch, result, kind),
    )
    return ok_body(str(cur.lastrowid))


def updateivml(req: Request) -> Answer:
    """Overwrite the supplied fields of an IVML configuration (empty ``resulturl`` clears)."""
    _need_ivr(req)
    ident = _own_ivml(req)
    changes: dict[str, str] = {}
    if "name" in req.params:
        name = req.text("name", required=True)
        assert name is not None
        changes["name"] = name
    if "launchurl" in req.params:
        changes["launch_url"] = _url(req, "launchurl", required=True) or ""
    if "resulturl" in req.params:
        changes["result_url"] = _url(req, "resulturl", required=False) or ""
    if "type" in req.params:
        changes["type"] = _type(req, required=True) or ""
    if "name" in changes:
        _check_name(req, changes["name"], ident)
    if changes:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        req.conn.execute(f"UPDATE ivml SET {assignments} WHERE id = ?", (*changes.values(), ident))
    return ok_body()


def deleteivml(req: Request) -> Answer:
    """Delete an IVML configuration; its DIDs become unassigned."""
    ident = _own_ivml(req)
    req.conn.execute(
        "UPDATE dids SET assigned_service = '', assigned_id = NULL"
        " WHERE account_id = ? AND assigned_service = 'IVML' AND assigned_id = ?",
        (req.account_id, ident),
    )
    req.conn.execute("DELETE FROM ivml WHERE id = ?", (ident,))
    return ok_body()
