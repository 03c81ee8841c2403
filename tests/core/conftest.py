"""Fixtures for the domain logic (and the services built on it): a real sandbox over
loopback HTTP and a real client pool.

``sandbox``   a fresh demo sandbox per test (both gateways, in-memory state).
``api``       a :class:`did_sandbox_api.Api` for demo/demo on it (the shape of ``Session.call``).
``make_api``  builds more adapters (e.g. ``make_api(read_timeout=0.3)``), closed afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.did_sandbox_api import Api, MakeApi
from traitel_desktop.sandbox import start_sandbox


@pytest.fixture
def sandbox() -> Iterator[Any]:
    """A fresh demo sandbox (both gateways) on loopback."""
    sb = start_sandbox(seed=1, preset="demo")
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def api(sandbox: Any) -> Iterator[Api]:
    """The demo account through real clients in worker threads."""
    adapter = Api(sandbox)
    try:
        yield adapter
    finally:
        adapter.close()


@pytest.fixture
def make_api(sandbox: Any) -> Iterator[MakeApi]:
    """Build an extra adapter (e.g. with a short read timeout); closed after the test."""
    made: list[Api] = []

    def make(**kwargs: Any) -> Api:
        adapter = Api(sandbox, **kwargs)
        made.append(adapter)
        return adapter

    try:
        yield make
    finally:
        for adapter in made:
            adapter.close()
