"""Buying the chosen numbers: one pass at a time, each number at most once.

Qt-free; mixed into :class:`traitel_desktop.core.did_purchase.flow.DidPurchase`.
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
from traitel_desktop.core.did_purchase.loading import (
    WizardCore,
    WizardStateError,
    as_traitel_error,
)
from traitel_desktop.core.did_purchase.state import (
    RETRYABLE,
    DidResult,
    DidStatus,
    Step,
    digits,
)

if TYPE_CHECKING:
    from traitel_desktop.api.records import DidOffer


class SubscribeMixin(WizardCore):
    """``subscribe()`` and the per-number outcome rules (see the module docstring of
    :mod:`traitel_desktop.core.did_purchase.flow`)."""

    # -- subscribing ---------------------------------------------------------------------

    async def subscribe(self) -> None:
        """Subscribe every chosen number not bought yet, one after the other.

        From the review page (after :meth:`confirm`) or, to try failed numbers again, from
        the done page. A call while a pass is running joins that pass; nothing is sent twice.
        Ends on the done page with one result per number.
        """
        if self._cancelled:
            return
        task = self._subscribe_task
        if task is None or task.done():
            if self._step is Step.REVIEW:
                if not self._confirmed:
                    raise WizardStateError("the charges were not confirmed")
                if not self.to_buy:
                    raise WizardStateError("no number to buy")
            elif self._step is Step.DONE:
                if not self.can_retry:
                    return  # e.g. a late double-click after everything went through
            else:
                raise WizardStateError("subscribe from the review page")
            self._step = Step.SUBSCRIBING
            for did in self._chosen:
                self._results.setdefault(did, DidResult(did))
            self._changed()
            task = self._subscribe_task = asyncio.ensure_future(self._subscribe_all())
        await asyncio.shield(task)

    async def _subscribe_all(self) -> None:
        try:
            for did, offer in list(self._chosen.items()):
                if self._cancelled:
                    break
                status = self.status(did)
                if status in RETRYABLE:
                    await self._subscribe_one(offer, status)
        finally:
            self._step = Step.DONE
            self._changed()

    def _set(self, did: str, status: DidStatus, error: TraiTelError | None = None) -> None:
        self._results[did] = DidResult(did, status, error)
        self._changed()

    async def _subscribe_one(self, offer: DidOffer, previous: DidStatus | None) -> None:
        did = offer.did
        if previous is DidStatus.UNKNOWN:
            # Never re-send blindly: first find out whether the earlier request went through.
            earlier = self._results[did].error
            self._set(did, DidStatus.CHECKING, earlier)
            owned = await self._owns(did)
            if owned is None or owned:
                self._set(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, earlier)
                return
        self._set(did, DidStatus.SENDING)
        service = self._need(self._service, "service")
        country = self._need(self._country, "country")
        city = self._need(self._city, "city")
        try:
            await self._call(lambda c: c.subscribe_did(service, country, city, did))
        except DidNotAvailable as exc:
            # Taken — possibly by this very account (an earlier request that got no answer).
            self._set(did, DidStatus.CHECKING, exc)
            owned = await self._owns(did)
            if owned:
                self._set(did, DidStatus.SUBSCRIBED)
            elif owned is None and previous is DidStatus.UNKNOWN:
                self._set(did, DidStatus.UNKNOWN, exc)
            else:
                self._set(did, DidStatus.TAKEN, exc)
        except (UnknownOutcome, ProtocolError, TimeoutError) as exc:
            error = as_traitel_error(exc, "subscribedid")
            self._set(did, DidStatus.CHECKING, error)
            owned = await self._owns(did)
            self._set(did, DidStatus.SUBSCRIBED if owned else DidStatus.UNKNOWN, error)
        except TraiTelError as exc:
            self._set(did, DidStatus.FAILED, exc)
        except BaseException:
            # Cancelled or a bug while the request was out: its outcome is not known.
            self._set(did, DidStatus.UNKNOWN, UnknownOutcome("subscribedid", "current", "stopped"))
            raise
        else:
            self._set(did, DidStatus.SUBSCRIBED)

    async def _owns(self, did: str) -> bool | None:
        """Whether ``did`` is among the account's numbers; None if that cannot be read now."""
        try:
            numbers = await self._call(lambda c: c.query_numbers())
        except (TraiTelError, TimeoutError):
            return None
        wanted = digits(did)
        return any(digits(n.number) == wanted for n in numbers)
