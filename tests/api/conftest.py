"""Fixtures of the API tests: fake gateways on loopback and a client talking to them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.helpers.fake_gateway import PASSWORD, FakeGateway, closed_port_url, start_gateway
from traitel_desktop.api import TraiTelClient


@pytest.fixture
def make_gateway() -> Iterator[Callable[[], FakeGateway]]:
    """Factory of running fake gateways, all stopped at the end of the test."""
    stops: list[Callable[[], None]] = []

    def make() -> FakeGateway:
        gateway, stop = start_gateway()
        stops.append(stop)
        return gateway

    yield make
    for stop in stops:
        stop()


@pytest.fixture
def primary(make_gateway: Callable[[], FakeGateway]) -> FakeGateway:
    """The primary fake gateway."""
    return make_gateway()


@pytest.fixture
def alternate(make_gateway: Callable[[], FakeGateway]) -> FakeGateway:
    """The alternate fake gateway."""
    return make_gateway()


@pytest.fixture
def closed_url() -> str:
    """A loopback URL on a port nobody listens on (connection refused)."""
    return closed_port_url()


@pytest.fixture
def client(primary: FakeGateway, alternate: FakeGateway) -> Iterator[TraiTelClient]:
    """A client for user ``demo`` talking to the two fake gateways."""
    with TraiTelClient(
        "demo",
        PASSWORD,
        gateways=(primary.url, alternate.url),
        connect_timeout=2,
        read_timeout=5,
    ) as made:
        yield made
