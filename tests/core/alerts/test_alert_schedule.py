"""The watcher's wait between checks: the interval (never below a minute), doubled while
the gateway fails, capped; and the header's words for it."""

from __future__ import annotations

from traitel_desktop.core.alerts.schedule import (
    LONGEST_WAIT_MINUTES,
    next_wait_minutes,
    status_text,
)


def test_the_interval_is_never_below_a_minute() -> None:
    assert next_wait_minutes(0, 0) == 1
    assert next_wait_minutes(-5, 0) == 1
    assert next_wait_minutes(5, 0) == 5


def test_failures_double_the_wait_up_to_the_cap() -> None:
    assert [next_wait_minutes(2, n) for n in range(1, 8)] == [2, 4, 8, 16, 32, 60, 60]
    assert next_wait_minutes(5, 10_000) == LONGEST_WAIT_MINUTES
    assert next_wait_minutes(90, 3) == 90  # a long interval is never shortened


def test_status_words() -> None:
    assert status_text(paused=False, failures=0, wait_minutes=5) == "Watching"
    assert status_text(paused=True, failures=3, wait_minutes=5) == "Paused"
    assert status_text(paused=False, failures=2, wait_minutes=4) == (
        "Not reachable, retrying in 4 min")
