"""Keeping the Qt thread responsive (and Qt objects safe) beside busy worker threads.

Python threads share one interpreter lock. With the default 5 ms switch interval, a Qt thread
that wakes up for a timer or a repaint can wait several intervals behind busy workers, and a
full garbage collection started by a worker (tens of milliseconds with a few hundred thousand
rows alive) holds the lock all that time. Worse, a collection started by a worker thread may
destroy a QObject caught in a reference cycle on that thread, which Qt does not allow.

So the app (1) hands the lock round every millisecond, (2) runs cyclic garbage collection only
on the Qt thread (:class:`traitel_desktop.runtime.qt_collector.QtThreadCollector`), and
(3) holds back collections while a bulk job such as a history sync runs (:func:`bulk_job`).
Measured on the activity sync test: a heartbeat up to 90 ms late with the defaults, under
20 ms with these; on a 12-month sync of the large preset (bench/bench_activity.py), young
collections alone still made the Qt thread 20-60 ms late until they waited too.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: How long a thread may hold the interpreter lock before another one gets it.
SWITCH_INTERVAL = 0.001

_lock = threading.Lock()
_bulk_jobs = 0
_collector_installed = False


def tune_interpreter() -> None:
    """Hand the interpreter lock round every millisecond (idempotent, process-wide)."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


def set_collector_installed(installed: bool) -> None:
    """Called by the Qt-thread collector: it now decides when collections run."""
    global _collector_installed
    with _lock:
        _collector_installed = installed


def bulk_job_running() -> bool:
    """True while at least one :func:`bulk_job` runs."""
    return _bulk_jobs > 0


@contextmanager
def bulk_job() -> Iterator[None]:
    """Mark a bulk job (e.g. a history sync): cyclic garbage collection waits until it ends
    (with the Qt-thread collector, up to its ``BULK_CEILING`` of young objects).

    Nestable and thread-safe. Rows are freed by reference counting as usual; only cycle
    collection waits. Without the Qt-thread collector (plain scripts, Qt-free tests) automatic
    collection is switched off for the duration and a young-generation pass runs at the end.
    """
    global _bulk_jobs
    with _lock:
        _bulk_jobs += 1
        if _bulk_jobs == 1 and not _collector_installed:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _bulk_jobs -= 1
            last = _bulk_jobs == 0
            if last and not _collector_installed:
                gc.enable()
        if last and not _collector_installed:
            gc.collect(1)
