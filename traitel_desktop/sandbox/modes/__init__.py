"""The 27 modes (plus the ``querysmcost`` spelling) and the dispatcher that runs one request.

:func:`answer` authenticates, looks up the mode and runs its handler inside one database
transaction: a rejected request (``RequestError``) or a crash rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from traitel_desktop.contract.modes import MODES, SMS_COST_ALT_SPELLING
from traitel_desktop.sandbox.db import Database
from traitel_desktop.sandbox.modes import account, costs, dids, ivml, logs
from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, error_body

Handler = Callable[[Request], Answer]

HANDLERS: dict[str, Handler] = {
    name: getattr(module, name)
    for module in (account, costs, dids, ivml, logs)
    for name in MODES
    if hasattr(module, name)
}
HANDLERS[SMS_COST_ALT_SPELLING] = costs.querysmscost
assert set(MODES) <= set(HANDLERS), set(MODES) - set(HANDLERS)

#: (zone name) -> today's date in that zone; the sandbox supplies it (clock override).
TodayFn = Callable[[str], date]


def answer(
    db: Database, params: dict[str, str], today: TodayFn, now: int | None = None
) -> bytes:
    """The body answering one API call with ``params`` (``user``, ``pass``, ``mode``, ...);
    ``now`` (UTC epoch seconds, None: no time of day) hides the activity not happened yet."""
    try:
        with db.transaction() as conn:
            row = conn.execute(
                "SELECT id, password, locked, ivr, timezone FROM accounts WHERE username = ?",
                (params.get("user", ""),),
            ).fetchone()
            if row is None or row[1] != params.get("pass") or row[2]:
                raise RequestError(2)
            handler = HANDLERS.get(params.get("mode", ""))
            if handler is None:
                raise RequestError(200)
            account_id, _, _, ivr, zone = row
            req = Request(conn, account_id, bool(ivr), zone, params, today(zone), now)
            result = handler(req)
    except RequestError as exc:
        return error_body(exc.code)
    return result if isinstance(result, bytes) else result()
