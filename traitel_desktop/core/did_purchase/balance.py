"""The balance before and after buying numbers, and what to say about it.

Qt-free and I/O-free. The API gives no price for a number (TraiTel "may" charge a setup or
monthly fee), so the wizard says honestly what it knows: the balance on the review page
(before) and the balance read again once a buying pass is over (after). :class:`BalanceAfter`
is that second reading's state; :func:`balance_change_words` turns both into one plain
sentence. Texts are plain English templates with ``{0}``/``{1}`` for the amounts; the Qt pages
translate the template (context ``"DidPurchase"``) and then fill in the amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from traitel_desktop.core.money import exact_money, format_amount

__all__ = ["FEE_NOTE", "FEE_NOTE_MANY", "BalanceAfter", "balance_change_words"]

#: What the review page says about the price of a number (the API gives none).
FEE_NOTE = (
    "TraiTel may charge a setup or monthly fee for this number; it will show in your balance."
)
#: The same for several numbers.
FEE_NOTE_MANY = (
    "TraiTel may charge a setup or monthly fee for each of these numbers; it will show in "
    "your balance."
)

READING = "Reading your balance again…"
NOT_READ = (
    "Your balance could not be read again just now, so the charge for the numbers is not "
    "shown here. Refresh the balance in the main window (F5) to see it."
)
NOW = "Your balance is now {0}."
UNCHANGED = "Your balance is unchanged at {0}."
WENT = "Your balance went from {0} to {1}."


@dataclass(slots=True)
class BalanceAfter:
    """The balance read again after a buying pass: ``reading`` while it is on its way;
    ``done`` once it ended, with ``value`` None when it could not be read."""

    value: Decimal | None = None
    reading: bool = False
    done: bool = False
    generation: int = 0

    def forget(self) -> None:
        """Back to "not read yet"; an answer still on its way is dropped."""
        self.value = None
        self.reading = False
        self.done = False
        self.generation += 1


def balance_change_words(
    before: Decimal | None, after: BalanceAfter
) -> tuple[str, tuple[str, ...]]:
    """One sentence (template, amounts) about the balance after buying: ``"Your balance went
    from {0} to {1}."`` with ``("664.77", "654.77")``; "unchanged at", "is now" (the balance
    before was not known), "could not be read again", or "reading" while it is read. Empty
    when no reading was started. Amounts are to the cent; when two different amounts would
    read the same to the cent, they are written exactly."""
    if after.reading:
        return READING, ()
    if not after.done:
        return "", ()
    if after.value is None:
        return NOT_READ, ()
    if before is None:
        return NOW, (format_amount(after.value),)
    if before == after.value:
        return UNCHANGED, (format_amount(after.value),)
    old, new = format_amount(before), format_amount(after.value)
    if old == new:
        old, new = exact_money(before), exact_money(after.value)
    return WENT, (old, new)
