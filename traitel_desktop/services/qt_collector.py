"""Python's cyclic garbage collection, run on the Qt thread only (see responsiveness.py)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from traitel_desktop.services.responsiveness import bulk_job_running, set_collector_installed


class QtThreadCollector(QObject):
    """Switches automatic collection off and collects from a Qt timer instead.

    Every ``interval_ms`` it looks at :func:`gc.get_count` against :func:`gc.get_threshold`
    and collects the generation that is due, as the automatic collector would, except that a
    full (oldest-generation) collection waits while a bulk job runs.
    """

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
        generation = 0
        if count1 > threshold1:
            generation = 1
            if count2 > threshold2 and not bulk_job_running():
                generation = 2
        gc.collect(generation)
        return generation

    def uninstall(self) -> None:
        """Stop, and give collection back to Python as it was before."""
        self._timer.stop()
        set_collector_installed(False)
        if self._was_enabled:
            gc.enable()
