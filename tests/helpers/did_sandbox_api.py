"""The asyncio adapter the DID purchase tests drive the wizard with, and walking helpers.

``Api`` has the shape of ``Session.call`` and runs each call in the production
:class:`ClientPool` (worker threads, one real ``TraiTelClient`` each, real HTTP). The clients
count the requests they make per mode, so a test can tell how often a change was sent.
``Overlap`` tells whether requests run in parallel without timing them.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest

from traitel_desktop.api import Response, TraiTelClient
from traitel_desktop.core.did_purchase.flow import DidPurchase
from traitel_desktop.services.pool import ClientPool

T = TypeVar("T")


class CountingClient(TraiTelClient):
    """A real client that also counts the requests it sends, per mode (thread-safe)."""

    counts: Counter[str]
    lock: threading.Lock

    def request(self, mode: str, **params: str | None) -> Response:
        with self.lock:
            self.counts[mode] += 1
        return super().request(mode, **params)


class Overlap:
    """Holds every request of any ``TraiTelClient`` (any thread) until ``until`` requests are
    in flight at once, or ``hold`` seconds have passed; ``peak`` is the most that were.

    Requests that run ``until`` at a time reach it at once, however slow the machine; requests
    that run one at a time wait ``hold`` seconds each, and ``peak`` stays 1. So a test asserts
    ``peak == until`` instead of timing the calls.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, until: int, hold: float = 10.0) -> None:
        self.peak = 0
        self._in_flight = 0
        self._lock = threading.Lock()
        self._reached = threading.Event()
        request = TraiTelClient.request

        def held(client: TraiTelClient, mode: str, **params: str | None) -> Response:
            with self._lock:
                self._in_flight += 1
                self.peak = max(self.peak, self._in_flight)
                if self._in_flight >= until:
                    self._reached.set()
            try:
                self._reached.wait(hold)
                return request(client, mode, **params)
            finally:
                with self._lock:
                    self._in_flight -= 1

        monkeypatch.setattr(TraiTelClient, "request", held)


class Api:
    """``await api(lambda c: c.query_balance())``: the shape of ``Session.call``."""

    def __init__(self, sandbox: Any, *, read_timeout: float = 10.0) -> None:
        self.counts: Counter[str] = Counter()
        lock = threading.Lock()
        counts = self.counts

        def factory() -> CountingClient:
            client = CountingClient(
                "demo",
                "demo",
                gateways=(sandbox.primary_url, sandbox.alternate_url),
                connect_timeout=2.0,
                read_timeout=read_timeout,
                verify=False,
            )
            client.counts = counts
            client.lock = lock
            return client

        self.pool = ClientPool(factory, max_workers=4)

    async def __call__(self, fn: Callable[[TraiTelClient], T], /) -> T:
        loop = asyncio.get_running_loop()
        result, _gateway = await loop.run_in_executor(self.pool.executor, self.pool.run, fn)
        return result

    def sync(self, fn: Callable[[TraiTelClient], T]) -> T:
        """Run one call from the test itself (outside the wizard's loop)."""
        return asyncio.run(self(fn))

    def close(self) -> None:
        """Close the clients (their HTTP sessions)."""
        self.pool.executor.shutdown(wait=True)
        self.pool.shutdown()


#: Builds an extra adapter (the ``make_api`` fixture).
MakeApi = Callable[..., Api]

COUNTRY = "Australia"
CITY = "Sydney"


def run(coro: Awaitable[Any]) -> Any:
    """Run one scenario on a fresh loop."""

    async def main() -> Any:
        return await coro

    return asyncio.run(main())


def numbers_of(api: Api) -> list[str]:
    """The demo account's numbers, as the gateway lists them now."""
    return [n.number for n in api.sync(lambda c: c.query_numbers())]


async def to_offers(wizard: DidPurchase, quantity: int = 5) -> None:
    """Walk to the offers page for fax numbers in Sydney."""
    await wizard.choose_service("fax")
    await wizard.choose_country(COUNTRY)
    await wizard.choose_city(CITY)
    if wizard.quantity != quantity:
        await wizard.load_offers(quantity)


async def to_review(wizard: DidPurchase, how_many: int, quantity: int = 5) -> list[str]:
    """Walk to the review page with the first ``how_many`` offers chosen; returns them."""
    await to_offers(wizard, quantity)
    dids = [o.did for o in wizard.offers.items[:how_many]]
    for did in dids:
        assert wizard.toggle_offer(did) is True
    await wizard.go_to_review()
    return dids


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``condition`` on the loop until it holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "condition never held"
        await asyncio.sleep(0.01)
