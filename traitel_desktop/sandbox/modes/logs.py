"""The six activity logs: rows of a date range (inclusive, account's time zone), by time.

Times are stored as UTC epoch seconds and shown in the account's current time zone; ``limit``
keeps the oldest rows of the range. A row later than the sandbox's "now" has not happened yet
and is never shown: the demo data is generated (and cached) for a whole day, so today's
activity appears as the clock reaches it, in whatever zone the account is set to.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from traitel_desktop.contract.logs import LOGS as LOG_COLUMNS
from traitel_desktop.contract.logs import Kind
from traitel_desktop.sandbox.modes.request import Answer, Request
from traitel_desktop.sandbox.wire import RequestError, money, table_body

#: log -> the SQL columns after ``id, sub_id, ts, src, dst`` (which give the first six API
#: columns: ID, Sub-ID, Date and Time from ``ts``, From, To), one per remaining API column.
_SQL: dict[str, str] = {
    "faxin": "station_id, pages, speed, duration",
    "faxout": "pages, speed, duration, cost_micro, attempt, error_code",
    "voicein": "duration, result, cost_micro, ivml_id",
    "voiceout": "duration, result, cost_micro, ivml_id",
    "smsin": "message_type, message",
    "smsout": "sent, tracking, cost_micro",
}


def _layout(name: str) -> tuple[tuple[str, ...], str, tuple[int, ...]]:
    """The header (the contract's column names and order), the SQL columns after the common
    ones, and which of those are money (written as plain decimals)."""
    spec = LOG_COLUMNS["log" + name]
    rest = spec.columns[6:]
    assert len(rest) == len(_SQL[name].split(",")), name
    money_at = tuple(i for i, c in enumerate(rest) if c.kind is Kind.MONEY)
    return spec.headers, _SQL[name], money_at


#: log -> (header, the SQL columns after the common ones, which of them are money)
LOGS: dict[str, tuple[tuple[str, ...], str, tuple[int, ...]]] = {
    name: _layout(name) for name in _SQL
}


@cache
def _clock_texts() -> tuple[str, ...]:
    """``HH:MM:SS`` for every second of a day (built once: faster than formatting per row)."""
    return tuple(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86400))


class LocalClock:
    """Epoch seconds -> (``yyyy-mm-dd``, ``HH:MM:SS``) in one zone, fast for many rows."""

    def __init__(self, zone: str) -> None:
        self.tz = ZoneInfo(zone)
        self._offsets: dict[int, int] = {}
        self._dates: dict[int, str] = {}

    def midnight(self, day: date) -> int:
        """Epoch seconds of the local midnight starting ``day``."""
        return int(datetime(day.year, day.month, day.day, tzinfo=self.tz).timestamp())

    def offset(self, ts: int) -> int:
        """The zone's UTC offset in seconds at ``ts`` (offsets change on quarter hours)."""
        bucket = ts // 900
        offset = self._offsets.get(bucket)
        if offset is None:
            delta = datetime.fromtimestamp(bucket * 900, UTC).astimezone(self.tz).utcoffset()
            offset = self._offsets[bucket] = int(delta.total_seconds()) if delta else 0
        return offset

    def day_text(self, day: int) -> str:
        """``yyyy-mm-dd`` of a day number (days since 1970-01-01)."""
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        return text

    def split(self, ts: int) -> tuple[str, str]:
        """The local date and time of ``ts``."""
        day, seconds = divmod(ts + self.offset(ts), 86400)
        return self.day_text(day), _clock_texts()[seconds]


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
    if req.now is not None:
        sql += " AND ts <= ?"
        args.append(req.now)
    if sub is not None:
        sql += " AND sub_id = ?"
        args.append(sub)
    sql += " ORDER BY ts, id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows = req.conn.execute(sql, args).fetchall()

    def render() -> bytes:
        offsets, days, times = clock._offsets, clock._dates, _clock_texts()
        amounts: dict[int, str] = {}
        out = []
        for ident, sub_id, ts, src, dst, *rest in rows:
            offset = offsets.get(ts // 900)
            if offset is None:
                offset = clock.offset(ts)
            day, seconds = divmod(ts + offset, 86400)
            day_text = days.get(day) or clock.day_text(day)
            for i in money_at:
                micro = rest[i]
                text = amounts.get(micro)
                if text is None:
                    text = amounts[micro] = money(micro)
                rest[i] = text
            out.append((ident, sub_id, day_text, times[seconds], src, dst, *rest))
        return table_body(header, out)

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
