"""Work-arounds for bugs in the installed Qt binding, applied once at import.

PySide6 6.12.0: ``SignalInstance.emit()`` and ``SignalInstance.disconnect()`` return
``True``/``False`` without taking a reference, so every call from Python lowers the reference
count of ``True`` (or ``False``); after a few thousand calls CPython aborts with "Fatal Python
error: bool_dealloc". A probe detects the bug for each method (so a fixed PySide6 is left
alone) and, where present, wraps the method to give the reference back.
"""

from __future__ import annotations

import ctypes
import sys
import warnings
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8
_patched: set[str] = set()


class _Probe(QObject):
    ping = Signal()


def _noop() -> None:
    pass


def _probe_emit(probe: _Probe) -> None:
    probe.ping.emit()


def _probe_disconnect(probe: _Probe) -> None:
    probe.ping.connect(_noop)
    probe.ping.disconnect(_noop)


def _leaks(action: Callable[[_Probe], None]) -> bool:
    """Whether ``action`` loses a reference to True/False each time it runs."""
    probe = _Probe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
        for _ in range(_PROBES):
            action(probe)
        lost_true = true_before - sys.getrefcount(True)
        lost_false = false_before - sys.getrefcount(False)
    # Give back what the probe itself took.
    for _ in range(max(lost_true, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    for _ in range(max(lost_false, 0)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(False))
    return lost_true + lost_false >= _PROBES


def emit_leaks_bool_reference() -> bool:
    """True when this PySide6 has the emit() reference bug."""
    return _leaks(_probe_emit)


def _wrap(name: str) -> None:
    original = getattr(SignalInstance, name)
    incref = ctypes.pythonapi.Py_IncRef

    def method(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(ctypes.py_object(result))
        return result

    method.__name__ = name
    method.__doc__ = original.__doc__
    setattr(SignalInstance, name, method)
    _patched.add(name)


def apply() -> bool:
    """Install the work-arounds that this PySide6 needs; returns whether any is installed."""
    for name, probe in (("emit", _probe_emit), ("disconnect", _probe_disconnect)):
        if name not in _patched and _leaks(probe):
            _wrap(name)
    return bool(_patched)


apply()
