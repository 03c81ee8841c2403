"""app.py's logging: the console shows what it always showed, and the recent lines are kept
in memory for Help ▸ Report a problem."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from traitel_desktop.app import setup_logging
from traitel_desktop.services import log_buffer


@pytest.fixture
def bare_root() -> Iterator[logging.Logger]:
    """The root logger, restored afterwards (see :func:`as_at_start`)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    log_buffer.uninstall_recent_log()
    yield root
    log_buffer.uninstall_recent_log()
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def as_at_start(root: logging.Logger) -> None:
    """The root logger as a fresh process has it: no handler (pytest adds its own when the
    test starts), level WARNING."""
    root.handlers.clear()
    root.setLevel(logging.WARNING)


@pytest.mark.parametrize(("verbose", "console_level"),
                         [(False, logging.WARNING), (True, logging.INFO)])
def test_the_app_keeps_its_recent_log_lines(
    bare_root: logging.Logger, verbose: bool, console_level: int
) -> None:
    as_at_start(bare_root)
    setup_logging(verbose)
    kept = log_buffer.recent_log()
    assert kept is not None and kept in bare_root.handlers
    console = [h for h in bare_root.handlers if h is not kept]
    assert len(console) == 1
    # The console shows what it showed before: WARNING and up, INFO with --verbose.
    assert (console[0].level or bare_root.level) == console_level
    logging.getLogger("traitel_desktop.somewhere").info("gateway did not answer")
    assert [line.text for line in kept.lines()] == ["gateway did not answer"]
