"""The six activity logs: rows of a date range (inclusive, account's time zone), by time.

Times are stored as UTC epoch seconds and shown in the account's current time zone; ``limit``
keeps the oldest rows of the range.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, money, table_body

COMMON = ("ID", "Sub-ID", "Date", "Time", "From", "To")
#: log -> (the columns after the common ones, SQL for them, which of them are money)
LOGS: dict[str, tuple[tuple[str, ...], str, tuple[int, ...]]] = {
    "faxin": (("FaxStationID", "Pages", "Speed", "Duration"),
              "station_id, pages, speed, duration", ()),
    "faxout": (("Pages", "Speed", "Duration", "Cost", "Attempt", "ErrorCode"),
               "pages, speed, duration, cost_micro, attempt, error_code", (3,)),
    "voicein": (("Duration", "Result", "Cost", "IVMLID"),
                "duration, result, cost_micro, ivml_id", (2,)),
    "voiceout": (("Duration", "Result", "Cost", "IVMLID"),
                 "duration, result, cost_micro, ivml_id", (2,)),
    "smsin": (("MessageType", "Message"), "message_type, message", ()),
    "smsout": (("Sent", "Tracking", "Cost"), "sent, tracking, cost_micro", (2,)),
}


class LocalClock:
    """Epoch seconds -> (``yyyy-mm-dd``, ``HH:MM:SS``) in one zone, fast for many rows."""

    def __init__(self, zone: str) -> None:
        self.tz = ZoneInfo(zone)
        self._offsets: dict[int, int] = {}
        self._dates: dict[int, str] = {}

    def midnight(self, day: date) -> int:
        """Epoch seconds of the local midnight starting ``day``."""
        return int(datetime(day.year, day.month, day.day, tzinfo=self.tz).timestamp())

    def split(self, ts: int) -> tuple[str, str]:
        """The local date and time of ``ts``."""
        bucket = ts // 900  # zone offsets change on quarter hours at the finest
        offset = self._offsets.get(bucket)
        if offset is None:
            delta = datetime.fromtimestamp(bucket * 900, UTC).astimezone(self.tz).utcoffset()
            offset = self._offsets[bucket] = int(delta.total_seconds()) if delta else 0
        local = ts + offset
        day, seconds = divmod(local, 86400)
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        hours, rest = divmod(seconds, 3600)
        return text, f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _log(name: str, req: Request) -> Answer:
    start = req.date("startdate", 118)
    end = req.date("enddate", 117)
    if start > end:
        raise RequestError(200)
    limit = req.integer("limit", minimum=1)
    sub = req.sub_account(allow_main=True)
    header, columns, money_at = LOGS[name]
    clock = LocalClock(req.timezone)
    sql = (
        f"SELECT id, sub_id, ts, src, dst, {columns} FROM log_{name}"
        " WHERE account_id = ? AND ts >= ? AND ts < ?"
    )
    args: list[object] = [
        req.account_id, clock.midnight(start), clock.midnight(end + timedelta(days=1))
    ]
    if sub is not None:
        sql += " AND sub_id = ?"
        args.append(sub)
    sql += " ORDER BY ts, id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows = req.conn.execute(sql, args).fetchall()

    def render() -> bytes:
        split = clock.split
        out = []
        for ident, sub_id, ts, src, dst, *rest in rows:
            for i in money_at:
                rest[i] = money(rest[i])
            out.append((ident, sub_id, *split(ts), src, dst, *rest))
        return table_body(COMMON + header, out)

    return render


def logfaxin(req: Request) -> Answer:
    """Inbound faxes."""
    return _log("faxin", req)


def logfaxout(req: Request) -> Answer:
    """Outbound faxes with cost, attempt and result code."""
    return _log("faxout", req)


def logvoicein(req: Request) -> Answer:
    """Inbound calls."""
    return _log("voicein", req)


def logvoiceout(req: Request) -> Answer:
    """Outbound calls."""
    return _log("voiceout", req)


def logsmsin(req: Request) -> Answer:
    """Inbound SMS (``ASCII`` escaped or ``U16`` hex)."""
    return _log("smsin", req)


def logsmsout(req: Request) -> Answer:
    """Outbound SMS with parts, tracking and cost."""
    return _log("smsout", req)
