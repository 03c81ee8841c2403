"""When the watcher checks next: every ``interval`` minutes, at least one; while the gateway
fails, the wait doubles after each failure up to :data:`LONGEST_WAIT_MINUTES`."""

from __future__ import annotations

__all__ = ["DEFAULT_INTERVAL_MINUTES", "LONGEST_WAIT_MINUTES", "MIN_INTERVAL_MINUTES",
           "next_wait_minutes", "status_text"]

DEFAULT_INTERVAL_MINUTES = 5
MIN_INTERVAL_MINUTES = 1
#: The longest wait between tries while the gateway fails.
LONGEST_WAIT_MINUTES = 60

WATCHING = "Watching"
PAUSED = "Paused"


def next_wait_minutes(interval: int, failures: int) -> int:
    """Minutes until the next check: ``interval`` (at least one minute) after a check that
    worked; after ``failures`` failed ones in a row, ``interval`` doubled ``failures`` - 1
    times, never past :data:`LONGEST_WAIT_MINUTES` (nor below ``interval``)."""
    interval = max(MIN_INTERVAL_MINUTES, interval)
    if failures <= 0:
        return interval
    wait = interval * 2 ** min(failures - 1, 16)
    return max(interval, min(wait, LONGEST_WAIT_MINUTES))


def status_text(*, paused: bool, failures: int, wait_minutes: int) -> str:
    """The header's words for the watcher: "Watching", "Paused", or "Not reachable,
    retrying in 4 min"."""
    if paused:
        return PAUSED
    if failures > 0:
        return f"Not reachable, retrying in {wait_minutes} min"
    return WATCHING
