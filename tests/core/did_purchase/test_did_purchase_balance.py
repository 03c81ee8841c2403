"""The balance before and after buying numbers: the sentence for each case, and the flow
reading it again after a pass against the sandbox (which charges a setup fee per number)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from tests.helpers.did_sandbox_api import Api, run, to_review
from traitel_desktop.core.did_purchase.balance import (
    FEE_NOTE,
    BalanceAfter,
    balance_change_words,
)
from traitel_desktop.core.did_purchase.flow import DidPurchase
from traitel_desktop.core.did_purchase.state import Step
from traitel_desktop.sandbox.modes.dids import DID_SETUP_FEE

D = Decimal


def read(value: str | None) -> BalanceAfter:
    return BalanceAfter(None if value is None else D(value), done=True)


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        ("664.77", read("654.77"), ("Your balance went from {0} to {1}.",
                                    ("664.77", "654.77"))),
        ("1234.5", read("-5.004"), ("Your balance went from {0} to {1}.",
                                    ("1,234.50", "-5.00"))),
        ("664.7674", read("664.7674"), ("Your balance is unchanged at {0}.", ("664.77",))),
        # Different, but the same to the cent: written exactly rather than "from X to X".
        ("664.7674", read("664.7651"), ("Your balance went from {0} to {1}.",
                                        ("664.7674", "664.7651"))),
        (None, read("10"), ("Your balance is now {0}.", ("10.00",))),
        ("664.77", BalanceAfter(reading=True), ("Reading your balance again…", ())),
        ("664.77", BalanceAfter(), ("", ())),
    ],
)
def test_balance_change_words(before: str | None, after: BalanceAfter,
                              words: tuple[str, tuple[str, ...]]) -> None:
    assert balance_change_words(None if before is None else D(before), after) == words


def test_a_balance_that_could_not_be_read_again_says_so_and_what_to_do() -> None:
    template, amounts = balance_change_words(D("664.77"), read(None))
    assert amounts == ()
    assert "could not be read again" in template and "F5" in template


def test_the_fee_note_is_honest_about_what_is_known() -> None:
    assert FEE_NOTE == ("TraiTel may charge a setup or monthly fee for this number; it will "
                        "show in your balance.")


def test_after_buying_the_flow_reads_the_balance_again(api: Api) -> None:
    start = api.sync(lambda c: c.query_balance())

    async def scenario() -> tuple[DidPurchase, list[tuple[str, tuple[str, ...]]]]:
        wizard = DidPurchase(api)
        await to_review(wizard, 2)
        wizard.confirm(True)
        assert wizard.balance_change == ("", ())
        await wizard.subscribe()
        assert wizard.step is Step.DONE
        seen: list[tuple[str, tuple[str, ...]]] = []
        wizard.add_listener(lambda: seen.append(wizard.balance_change))
        await wizard.read_balance_after(lambda: api(lambda c: c.query_balance()))
        return wizard, seen

    wizard, seen = run(scenario())
    end = api.sync(lambda c: c.query_balance())
    assert end == start - 2 * DID_SETUP_FEE
    assert seen[0] == ("Reading your balance again…", ())
    assert wizard.balance_change == seen[-1] == (
        "Your balance went from {0} to {1}.", (f"{start:,.2f}", f"{end:,.2f}"))


def test_a_failed_or_stale_reading_is_not_shown_as_a_change(api: Api) -> None:
    async def scenario() -> DidPurchase:
        wizard = DidPurchase(api)
        await to_review(wizard, 1)
        wizard.confirm(True)
        await wizard.subscribe()

        async def nothing() -> Decimal | None:
            return None

        await wizard.read_balance_after(nothing)
        assert "could not be read again" in wizard.balance_change[0]
        # A slow reading overtaken by a newer one: only the newer one counts.
        slow = asyncio.Event()

        async def late() -> Decimal | None:
            await slow.wait()
            return D("1")

        older = asyncio.ensure_future(wizard.read_balance_after(late))
        await asyncio.sleep(0)
        await wizard.read_balance_after(lambda: api(lambda c: c.query_balance()))
        slow.set()
        await older
        return wizard

    wizard = run(scenario())
    assert wizard.balance_change[0] == "Your balance went from {0} to {1}."
    assert wizard.balance_change[1][1] != "1.00"
