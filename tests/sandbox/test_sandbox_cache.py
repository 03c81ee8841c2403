"""The on-disk cache of the generated demo data (used by ``--demo`` for a fast start)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from traitel_desktop.sandbox import start_sandbox
from traitel_desktop.sandbox import templates as sandbox_module

DAY = date(2026, 3, 14)


@pytest.fixture(autouse=True)
def _own_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    # The in-memory templates of this test only; the rest of the run keeps its own.
    monkeypatch.setattr(sandbox_module, "_TEMPLATES", {})


def _fresh_process_templates() -> None:
    # Each start below acts as a new app process: forget the in-memory templates.
    sandbox_module._TEMPLATES.clear()


def test_second_start_reads_the_cache_and_gives_the_same_state(tmp_path: Path) -> None:
    _fresh_process_templates()
    with start_sandbox(seed=5, today=DAY, cache_dir=tmp_path) as first:
        generated = first.dump()
    cached = list(tmp_path.glob("sandbox-demo-*.sqlite3"))
    assert len(cached) == 1

    _fresh_process_templates()
    stamp = cached[0].stat().st_mtime_ns
    with start_sandbox(seed=5, today=DAY, cache_dir=tmp_path) as second:
        assert second.dump() == generated
    assert cached[0].stat().st_mtime_ns == stamp  # read, not written again


def test_another_day_or_seed_gets_its_own_copy(tmp_path: Path) -> None:
    _fresh_process_templates()
    with start_sandbox(seed=5, today=DAY, cache_dir=tmp_path):
        pass
    _fresh_process_templates()
    with start_sandbox(seed=6, today=DAY, cache_dir=tmp_path):
        pass
    _fresh_process_templates()
    with start_sandbox(seed=5, today=date(2026, 3, 15), cache_dir=tmp_path):
        pass
    assert len(list(tmp_path.glob("sandbox-demo-*.sqlite3"))) == 3


def test_a_damaged_cache_file_is_generated_again(tmp_path: Path) -> None:
    _fresh_process_templates()
    with start_sandbox(seed=5, today=DAY, cache_dir=tmp_path) as first:
        generated = first.dump()
    (cached,) = tmp_path.glob("sandbox-demo-*.sqlite3")
    cached.write_bytes(b"not a database at all" * 100)

    _fresh_process_templates()
    with start_sandbox(seed=5, today=DAY, cache_dir=tmp_path) as again:
        assert again.dump() == generated
    assert cached.read_bytes().startswith(b"SQLite format 3")
