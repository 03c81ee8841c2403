"""The installed PySide6 does not drain the reference count of ``True`` on emit()/disconnect().

PySide6 6.12.0 does (every call from Python drops one reference; after a few thousand CPython
aborts with "bool_dealloc"), which is why pyproject.toml keeps PySide6 below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_many_emits_do_not_drain_the_reference_count_of_true() -> None:
    emitter = Emitter()
    received: list[str] = []
    emitter.text.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(3000):
        emitter.plain.emit()
        emitter.text.emit("x")
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 3000
    assert after[0] >= before[0] - 5
    assert after[1] >= before[1] - 5


def test_many_disconnects_do_not_drain_the_reference_count_of_true() -> None:
    emitter = Emitter()

    def slot() -> None:
        pass

    before = sys.getrefcount(True)
    for _ in range(3000):
        emitter.plain.connect(slot)
        emitter.plain.disconnect(slot)
    assert sys.getrefcount(True) >= before - 5
