"""What the owner of the task tests sees, in words a failure message can use, and the amounts a
text shows (whatever currency sign or code sits beside them); the task tests' sizes, modes
and screenshot folder; which of the app's tasks wait for the owner. No tests here."""

from __future__ import annotations

import os
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from traitel_desktop.core.money import format_amount

#: The two sizes every task runs at: a small laptop screen and a roomy desktop one.
SIZES = ((1024, 700), (1600, 1000))
MODES = ("mouse", "keyboard")
#: The folder screenshots go to when set (for one size only: the small one).
SHOTS_ENV = "TRAITEL_TASK_SHOTS"
#: Coroutines that wait for the owner (an open dialog) or are the owner's own waiting.
WAITING = frozenset({"wait_dialog", "until"})


def describe(widget: QWidget | None) -> str:
    """A widget in words for a failure message: its class, object and accessible names."""
    if widget is None:
        return "nothing"
    parts = [type(widget).__name__]
    for name in (widget.objectName(), widget.accessibleName()):
        if name:
            parts.append(f"“{name}”")
    text = getattr(widget, "text", None)
    if callable(text):
        try:
            shown = text()
        except TypeError:
            shown = ""
        if isinstance(shown, str) and shown:
            parts.append(f"showing “{shown[:40]}”")
    return " ".join(parts)


def amounts_in(text: str) -> set[Decimal]:
    """Every amount written in ``text`` ("A$1,234.50 (was 9.1)" -> {1234.50, 9.1})."""
    return {Decimal(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def shows_amount(text: str, amount: Decimal, *, to_the_cent: bool = False) -> bool:
    """True when ``text`` shows ``amount``: as core.money writes it, or (whatever currency
    sign or code sits beside it) the same number, exactly or, when ``to_the_cent``, rounded
    to the cent as an owner reads it (half a cent up)."""
    if format_amount(amount) in text:
        return True
    shown = amounts_in(text)
    cent = amount.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return amount in shown or (to_the_cent and cent in shown)


def waits_for_owner(task: Any) -> bool:
    """True when ``task`` is suspended in a coroutine of :data:`WAITING` (following what
    each coroutine awaits)."""
    coro = task.get_coro()
    code = getattr(coro, "cr_code", None)
    if code is not None and code.co_name == "wait_for" and "asyncio" in code.co_filename:
        return True  # the test's own ``run``: asyncio.wait_for around the owner's waiting
    while coro is not None:
        name = getattr(coro, "__qualname__", "")
        if name.split(".")[-1] in WAITING:
            return True
        coro = getattr(coro, "cr_await", None)
    return False


def shots_folder(size: tuple[int, int], mode: str) -> Path | None:
    """Where a task's screenshots go: ``$TRAITEL_TASK_SHOTS/<mode>`` for the small size,
    None (no screenshots) otherwise or when the variable is not set."""
    root = os.environ.get(SHOTS_ENV)
    if not root or size != SIZES[0]:
        return None
    return Path(root) / mode


#: Every task at both sizes, by mouse and by keyboard.
task_params = pytest.mark.parametrize(
    ("size", "mode"),
    [(s, m) for s in SIZES for m in MODES],
    ids=[f"{w}x{h}-{m}" for (w, h) in SIZES for m in MODES],
)
