"""Python's cyclic garbage collection, run on the Qt thread only (see responsiveness.py)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from traitel_desktop.runtime.responsiveness import bulk_job_running, set_collector_installed


class QtThreadCollector(QObject):
    """Switches automatic collection off and collects from a Qt timer instead.

    Every ``interval_ms`` it looks at :func:`gc.get_count` against :func:`gc.get_threshold`
    and collects the generation that is due, as the automatic collector would, except while a
    bulk job runs: then nothing is collected until it ends. A bulk job's workers allocate
    rows faster than the timer ticks, so even a young-generation pass would walk tens of
    thousands of live rows on the Qt thread (measured: 20-60 ms pauses during a 12-month
    sync). The rows are freed by reference counting anyway; only cycles wait, unless
    ``BULK_CEILING`` young objects pile up, when a young pass runs all the same.
    """

    #: Young objects (net of those freed) past which a bulk job no longer holds collection:
    #: bounds the garbage a job can pile up (a pass over 400 thousand objects takes about
    #: 35 ms; a 12-month sync of the large preset stays well below it).
    BULK_CEILING = 400_000

    def __init__(self, parent: QObject | None = None, interval_ms: int = 100) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()
        gc.disable()
        set_collector_installed(True)
        self._timer.start()

    def check(self) -> int | None:
        """Collect the generation that is due; returns it, or None when none is."""
        threshold0, threshold1, threshold2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 <= threshold0:
            return None
        if bulk_job_running():
            if count0 <= self.BULK_CEILING:
                return None
            gc.collect(0)
            return 0
        generation = 0
        if count1 > threshold1:
            generation = 1
            if count2 > threshold2:
                generation = 2
        gc.collect(generation)
        return generation

    def uninstall(self) -> None:
        """Stop, and give collection back to Python as it was before."""
        self._timer.stop()
        set_collector_installed(False)
        if self._was_enabled:
            gc.enable()
