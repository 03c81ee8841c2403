"""Buying the chosen numbers: one pass at a time, each number at most once.

Qt-free. :class:`Subscriber` runs a buying pass over the chosen numbers of a
:class:`~.progress.Progress` and records one result per number there. The money rules:

- one pass at a time: a second ``subscribe()`` joins the running pass;
- a number already subscribed, or in flight, is never sent again;
- an unclear outcome (no answer after sending, a garbled answer, a time-out, or Error 114 that
  may be our own earlier request) is settled by reading the account's numbers
  (``querynumbers``), never by sending again blindly;
- gateway errors never raise: they land in the number's result.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from traitel_desktop.api.errors import (
    DidNotAvailable,
    ProtocolError,
    TraiTelError,
    UnknownOutcome,
)
from traitel_desktop.core.did_purchase.loading import ApiCall, as_traitel_error, need
from traitel_desktop.core.did_purchase.state import RETRYABLE, DidResult, DidStatus, digits
from traitel_desktop.core.did_purchase.table import Action, Move, WizardStateError

if TYPE_CHECKING:
    from traitel_desktop.api.records import DidOffer
    from traitel_desktop.core.did_purchase.progress import Progress


class Subscriber:
    """Buying passes over ``progress``'s chosen numbers (see the module docstring)."""

    def __init__(self, call: ApiCall, progress: Progress) -> None:
        self._call = call
        self._progress = progress
        self._pass: asyncio.Future[None] | None = None

    @property
    def running(self) -> bool:
        """True while a pass is on."""
        return self._pass is not None and not self._pass.done()

    def start(self, move: Move) -> None:
        """Enter ``move.to`` (the subscribing step) and start a pass (none must be running)."""
        if self.running:
            raise WizardStateError("a buying pass is running already")
        p = self._progress
        where = (need(p.service, "service"), need(p.country, "country"), need(p.city, "city"))
        p.step = move.to
        for did in p.chosen:
            p.results.setdefault(did, DidResult(did))
        p.changed()
        self._pass = asyncio.ensure_future(self._run(*where))

    async def join(self) -> None:
        """Wait for the running pass (if any) to end."""
        if self._pass is not None:
            await asyncio.shield(self._pass)

    async def _run(self, service: str, country: str, city: str) -> None:
        p = self._progress
        try:
            for offer in list(p.chosen.values()):
                if p.cancelled:
                    break
                status = p.status(offer.did)
                if status in RETRYABLE:
                    await self._one(offer, status, (service, country, city))
        finally:
            p.follow(Action.END_PASS)

    async def _one(
        self, offer: DidOffer, previous: DidStatus | None, where: tuple[str, str, str]
    ) -> None:
        p = self._progress
        did = offer.did
        service, country, city = where
        if previous is DidStatus.UNKNOWN:
            # Never re-send blindly: first find out whether the earlier request went through.
            earlier = p.results[did].error
            p.set_result(did, DidStatus.CHECKING, earlier)
            owned = await self._owns(did)
            if owned is None or owned:
                p.set_result(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, earlier)
                return
        p.set_result(did, DidStatus.SENDING)
        try:
            await self._call(lambda c: c.subscribe_did(service, country, city, did))
        except DidNotAvailable as exc:
            # Taken — possibly by this very account (an earlier request that got no answer).
            p.set_result(did, DidStatus.CHECKING, exc)
            owned = await self._owns(did)
            if owned:
                p.set_result(did, DidStatus.SUBSCRIBED)
            elif owned is None and previous is DidStatus.UNKNOWN:
                p.set_result(did, DidStatus.UNKNOWN, exc)
            else:
                p.set_result(did, DidStatus.TAKEN, exc)
        except (UnknownOutcome, ProtocolError, TimeoutError) as exc:
            error = as_traitel_error(exc, "subscribedid")
            p.set_result(did, DidStatus.CHECKING, error)
            owned = await self._owns(did)
            p.set_result(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, error)
        except TraiTelError as exc:
            p.set_result(did, DidStatus.FAILED, exc)
        except BaseException:
            # Cancelled or a bug while the request was out: its outcome is not known.
            stopped = UnknownOutcome("subscribedid", "current", "stopped")
            p.set_result(did, DidStatus.UNKNOWN, stopped)
            raise
        else:
            p.set_result(did, DidStatus.SUBSCRIBED)

    async def _owns(self, did: str) -> bool | None:
        """Whether ``did`` is among the account's numbers; None if that cannot be read now."""
        try:
            numbers = await self._call(lambda c: c.query_numbers())
        except (TraiTelError, TimeoutError):
            return None
        wanted = digits(did)
        return any(digits(n.number) == wanted for n in numbers)
