"""What one history sync did (:class:`SyncReport`), and :class:`Offline`, which stops it when
no gateway answers (Qt-free)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from traitel_desktop.api.errors import TraiTelError
from traitel_desktop.core.sync_chunks import Chunk

__all__ = ["Offline", "SyncReport"]


class Offline(TraiTelError):
    """No gateway answered: show the archived history, marked offline.

    ``last_sync`` is when archived data last arrived (None when the archive is empty);
    ``stored_days`` counts days this sync still managed to store before the connection went.
    """

    def __init__(self, last_sync: dt.datetime | None, stored_days: int = 0) -> None:
        self.last_sync = last_sync
        self.stored_days = stored_days
        when = "never" if last_sync is None else last_sync.isoformat(timespec="seconds")
        super().__init__(
            f"No TraiTel gateway answered; showing the archive (last sync: {when})",
            "TraiTel's servers could not be reached, so this is the history saved on this "
            "computer when it was last fetched. Newer activity is not shown. Check the "
            "internet connection and refresh (F5).",
        )


@dataclass(slots=True)
class SyncReport:
    """What one sync did."""

    zone: str = ""
    today: dt.date | None = None
    needed_days: int = 0
    done_days: int = 0
    requests: int = 0
    splits: int = 0
    rows: int = 0
    #: (log, day) stored incomplete: the gateway gave ``limit`` rows for that single day.
    truncated: list[tuple[str, dt.date]] = field(default_factory=list)
    #: Days per log that the zone change marked for a new fetch.
    zone_change: dict[str, list[dt.date]] = field(default_factory=dict)
    #: Requests sent again after a failure on the way (each is also in ``requests``).
    retries: int = 0
    #: Chunks whose tries all failed: not stored, fetched again by the next sync.
    missing: list[Chunk] = field(default_factory=list)

    @property
    def missing_days(self) -> int:
        """How many of the ``needed_days`` could not be fetched (see :attr:`missing`)."""
        return sum(chunk.days for chunk in self.missing)
