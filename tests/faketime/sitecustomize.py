"""Work around libfaketime bug #426 for the suite's runs under ``faketime`` (``dev.py test-dates``).

``dev.py test-dates`` puts this folder on ``PYTHONPATH``, so Python imports this module at
start-up in the test process and in every Python process a test starts (the app, the sandbox
command line). Nothing here runs in a normal test run or in the app.

The suite runs with ``FAKETIME_DONT_FAKE_MONOTONIC=1`` (``faketime --exclude-monotonic``):
with a faked monotonic clock, every lock, event or queue wait with a time-out hangs, because
glibc's ``sem_clockwait(CLOCK_MONOTONIC)`` (used by Python 3.11's locks) is not intercepted and
gets a deadline moved by the fake offset. But libfaketime 0.9.10 (Debian 12, Ubuntu 24.04)
still shifts an absolute ``clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)`` deadline by the
offset, and Python 3.11's ``time.sleep`` sleeps exactly that way: it fails with
``OSError: [Errno 22] Invalid argument`` (or, for a date in the past, sleeps for the offset).
https://github.com/wolfcw/libfaketime/issues/426

So, under libfaketime with the real monotonic clock, ``time.sleep`` is replaced by a sleep on
``select`` with a relative time-out against that clock (probing for the bug could sleep for
months). Everything that sleeps through ``time.sleep`` (the sandbox's latency fault,
``subprocess.Popen.wait(timeout=...)``) then works as without faketime.
"""

from __future__ import annotations

import os
import select
import time
from typing import SupportsIndex


def _sleep(secs: float | SupportsIndex) -> None:
    """``time.sleep`` without ``clock_nanosleep``: the same argument checks, the same length."""
    secs = float(secs)
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = time.monotonic() + secs
    while (left := deadline - time.monotonic()) > 0:
        select.select([], [], [], left)


def _install() -> None:
    preloaded = os.environ.get("LD_PRELOAD", "") + os.environ.get("DYLD_INSERT_LIBRARIES", "")
    if "faketime" in preloaded and os.environ.get("FAKETIME_DONT_FAKE_MONOTONIC") == "1":
        time.sleep = _sleep


_install()
