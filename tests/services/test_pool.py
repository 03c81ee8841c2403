"""The worker pool is never taken by a stuck gateway: a request past its deadline returns and
frees its thread, and a healthy request gets through while drippers run."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future

import pytest

from tests.helpers.fake_gateway import PASSWORD, FakeGateway, Recorded, Reply, start_gateway
from traitel_desktop.api import TraiTelClient, errors
from traitel_desktop.services.pool import ClientPool

#: How long each dripped answer would take: 2000 bytes, one every 0.1 s.
DRIP_SECONDS = 200
#: A limit no busy machine reaches, far below DRIP_SECONDS.
SOON = 60


def _handler(recorded: Recorded) -> Reply:
    if recorded.form.get("mode") == "querybalance":  # the stuck part of the gateway
        return Reply("Ok\n" + "1" * 2000 + "\n", drip=DRIP_SECONDS / 2000)
    return Reply("Ok\nEurope/London\n")


@pytest.fixture
def gateway() -> Iterator[FakeGateway]:
    """A gateway that drips its balances and answers its time zone at once."""
    made, stop = start_gateway()
    made.handler = _handler
    yield made
    stop()


def test_drippers_free_their_workers(gateway: FakeGateway) -> None:
    def factory() -> TraiTelClient:
        return TraiTelClient("demo", PASSWORD, gateways=(gateway.url,), read_timeout=5,
                             deadline=1.0)

    pool = ClientPool(factory, max_workers=2)
    try:
        started = time.monotonic()
        drippers: list[Future[object]] = [
            pool.executor.submit(pool.run, lambda c: c.query_balance()) for _ in range(4)
        ]
        healthy = pool.executor.submit(pool.run, lambda c: c.query_time_zone())
        # Twice as many drippers as workers: each must give its thread back at its deadline
        # for the healthy request (queued behind them) to run at all.
        zone, gateway_used = healthy.result(timeout=SOON)
        assert zone == "Europe/London" and gateway_used.name == "primary"
        for future in drippers:
            with pytest.raises(errors.AnswerTooSlow):
                future.result(timeout=SOON)
        assert time.monotonic() - started < SOON
        # The workers are free again: the pool still answers.
        assert pool.executor.submit(pool.run, lambda c: c.query_time_zone()).result(
            timeout=SOON)[0] == "Europe/London"
    finally:
        pool.shutdown()
