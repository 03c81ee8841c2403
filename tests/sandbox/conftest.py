"""Sandboxes for the conformance tests: one shared read-only, and fresh ones for writes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

#: Every test sandbox believes today is this date (in every time zone).
from tests.helpers.sandbox_day import TODAY
from traitel_desktop.sandbox import Sandbox, start_sandbox


@pytest.fixture(scope="session")
def shared() -> Iterator[Sandbox]:
    """A sandbox shared by the read-only tests: never change its state."""
    with start_sandbox(seed=1, today=TODAY) as sb:
        yield sb


@pytest.fixture
def fresh() -> Iterator[Sandbox]:
    """A sandbox of its own for a test that changes state."""
    with start_sandbox(seed=1, today=TODAY) as sb:
        yield sb


@pytest.fixture
def url(shared: Sandbox) -> str:
    """The shared sandbox's primary URL."""
    return shared.primary_url
