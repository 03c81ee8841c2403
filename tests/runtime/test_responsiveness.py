"""The interpreter settings that keep the Qt thread responsive beside busy workers."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from traitel_desktop.runtime.responsiveness import (
    SWITCH_INTERVAL,
    bulk_job,
    bulk_job_running,
    tune_interpreter,
)


def test_switch_interval_is_lowered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "getswitchinterval", lambda: 0.005)
    chosen: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", chosen.append)
    tune_interpreter()
    assert chosen == [SWITCH_INTERVAL]


@pytest.fixture
def automatic_gc() -> Iterator[None]:
    # The suite switches automatic collection off once Qt is loaded (tests/conftest.py).
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("automatic_gc")
def test_bulk_jobs_pause_automatic_gc_nest_and_always_end() -> None:
    assert gc.isenabled() and not bulk_job_running()
    with bulk_job():
        assert not gc.isenabled() and bulk_job_running()
        with bulk_job():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer job still runs
    assert gc.isenabled() and not bulk_job_running()
    with pytest.raises(RuntimeError), bulk_job():
        raise RuntimeError("a failed sync")
    assert gc.isenabled() and not bulk_job_running()
