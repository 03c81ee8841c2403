"""Moving archived rows from one account time zone to another.

Log ``Date``/``Time`` columns are in the account's time zone at the moment they were fetched.
When the zone changes, :class:`Relabel` turns each stored local date and time back into the
instant it names (old zone) and writes it in the new zone, so the whole archive reads in one
zone. A local time the old zone shows twice (the hour repeated when daylight saving ends)
names two instants: the row keeps the earlier one and its possible days are reported so the
archive fetches them again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from zoneinfo import ZoneInfo

__all__ = ["EDGE_DAYS", "Relabel", "move_log"]

_EPOCH = dt.date(1970, 1, 1)
_ONE_DAY = dt.timedelta(days=1)
#: A time-zone change can move a row by up to 26 hours: days this close to the edge of a run
#: of complete days are fetched again (see ``Archive.change_time_zone``).
EDGE_DAYS = 2


class Relabel:
    """Old-zone (day, time) text to new-zone (day, time) text, cached for many rows."""

    def __init__(self, old_zone: str, new_zone: str) -> None:
        self.old = ZoneInfo(old_zone)
        self.new = ZoneInfo(new_zone)
        # (day, hour) in the old zone -> (offset fold 0, offset fold 1) in seconds
        self._old_offsets: dict[tuple[str, int], tuple[int, int]] = {}
        # quarter hour since the epoch (UTC) -> offset of the new zone in seconds
        self._new_offsets: dict[int, int] = {}
        self._days: dict[int, str] = {}

    def _offsets(self, day: str, hour: int) -> tuple[int, int]:
        key = (day, hour)
        found = self._old_offsets.get(key)
        if found is None:
            d = dt.date.fromisoformat(day)
            pair = []
            for fold in (0, 1):
                local = dt.datetime(d.year, d.month, d.day, hour, 30, tzinfo=self.old, fold=fold)
                delta = local.utcoffset()
                pair.append(int(delta.total_seconds()) if delta else 0)
            found = self._old_offsets[key] = (pair[0], pair[1])
        return found

    def _to_new(self, ts: int) -> tuple[str, str]:
        bucket = ts // 900
        offset = self._new_offsets.get(bucket)
        if offset is None:
            delta = dt.datetime.fromtimestamp(bucket * 900, dt.UTC).astimezone(self.new)
            off = delta.utcoffset()
            offset = self._new_offsets[bucket] = int(off.total_seconds()) if off else 0
        day_number, seconds = divmod(ts + offset, 86400)
        text = self._days.get(day_number)
        if text is None:
            text = self._days[day_number] = (_EPOCH + dt.timedelta(days=day_number)).isoformat()
        hours, rest = divmod(seconds, 3600)
        return text, f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"

    def __call__(self, day: str, time: str) -> tuple[str, str, str | None]:
        """The row's new (day, time), and the other possible new day when it is ambiguous.

        The third value is None when the old local time names exactly one instant.
        """
        hour, minute, second = int(time[0:2]), int(time[3:5]), int(time[6:8])
        off0, off1 = self._offsets(day, hour)
        d = dt.date.fromisoformat(day)
        naive = (d - _EPOCH).days * 86400 + hour * 3600 + minute * 60 + second
        new_day, new_time = self._to_new(naive - off0)
        other = None
        if off0 != off1:
            # The repeated (or skipped) hour: the same text names another instant too.
            other = self._to_new(naive - off1)[0]
        return new_day, new_time, other


def move_log(conn: sqlite3.Connection, log: str, relabel: Relabel, recent: str) -> list[dt.date]:
    """Relabel every row of ``log`` (inside the caller's transaction) and mark the days whose
    content may have changed; ``recent`` is the first day near "today" to mark. Returns the
    marked days."""
    ambiguous: set[str] = set()
    updates = []
    for ident, day, time in conn.execute(f"SELECT id, day, time FROM {log}").fetchall():
        new_day, new_time, other = relabel(day, time)
        if other is not None:
            ambiguous.update((new_day, other))
        updates.append((new_day, new_time, ident))
    conn.executemany(f"UPDATE {log} SET day = ?, time = ? WHERE id = ?", updates)
    complete = [
        dt.date.fromisoformat(r[0])
        for r in conn.execute(
            "SELECT day FROM day_state WHERE log = ? AND complete = 1 ORDER BY day", (log,)
        )
    ]
    edges: set[str] = set()
    for i, day in enumerate(complete):
        before = complete[i - EDGE_DAYS] if i >= EDGE_DAYS else None
        after = complete[i + EDGE_DAYS] if i + EDGE_DAYS < len(complete) else None
        if before != day - EDGE_DAYS * _ONE_DAY or after != day + EDGE_DAYS * _ONE_DAY:
            edges.add(day.isoformat())
    candidates = edges | ambiguous
    candidates.update(
        r[0] for r in conn.execute(
            "SELECT day FROM day_state WHERE log = ? AND day >= ?", (log, recent)
        )
    )
    known = {
        r[0] for r in conn.execute("SELECT day FROM day_state WHERE log = ?", (log,))
    }
    marked = sorted(candidates & known)
    conn.executemany(
        "UPDATE day_state SET complete = 0, final = 0 WHERE log = ? AND day = ?",
        [(log, d) for d in marked],
    )
    return [dt.date.fromisoformat(d) for d in marked]
