"""The interpreter settings that keep the Qt thread responsive beside busy workers."""

from __future__ import annotations

import gc
import sys

import pytest

from traitel_desktop.services.responsiveness import (
    SWITCH_INTERVAL,
    automatic_gc_paused,
    tune_interpreter,
)


def test_switch_interval_is_lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "getswitchinterval", lambda: 0.005)
    chosen: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", chosen.append)
    tune_interpreter()
    assert chosen == [SWITCH_INTERVAL]


def test_gc_pause_nests_and_always_ends() -> None:
    assert gc.isenabled()
    with automatic_gc_paused():
        assert not gc.isenabled()
        with automatic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer job still runs
    assert gc.isenabled()
    with pytest.raises(RuntimeError), automatic_gc_paused():
        raise RuntimeError("a failed sync")
    assert gc.isenabled()
