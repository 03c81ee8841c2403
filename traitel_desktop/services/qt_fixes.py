"""Work-arounds for bugs in the installed Qt binding, applied once at import.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True``/``False`` without taking a reference,
so every ``.emit()`` from Python lowers the reference count of ``True``; after a few thousand
emits CPython aborts with "Fatal Python error: bool_dealloc". A probe detects the bug (so a
fixed PySide6 is left alone) and, if present, wraps ``emit`` to give the reference back.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_leaks_bool_reference() -> bool:
    """True when this PySide6 has the emit() reference bug."""
    probe = _Probe()
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(8):
        probe.ping.emit()
    lost_true = true_before - sys.getrefcount(True)
    lost_false = false_before - sys.getrefcount(False)
    # Give back what the probe itself took.
    for _ in range(max(lost_true, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    for _ in range(max(lost_false, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(False))
    return lost_true + lost_false >= 8


def apply() -> bool:
    """Install the work-around if needed; returns whether it is installed."""
    global _applied
    if _applied:
        return True
    if not emit_leaks_bool_reference():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _applied = True
    return True


apply()
