"""Fault injection for the sandbox gateways: latency, Error 001, drops, truncation, downtime.

All faults are off by default. :class:`Faults` is mutable: a test (or the CLI) changes a field
and the next request sees it; setting ``down`` closes that gateway's listening port at once (the
port refuses connections) and clearing it opens the port again on the same number.
Rates are probabilities drawn from a seeded generator, so ``1.0`` always and ``0.0`` never fire.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GATEWAY_NAMES = ("primary", "alternate")


@dataclass
class Faults:
    """The fault settings shared by both gateways of one sandbox.

    ``latency`` seconds are added before every answer. ``error001_rate`` answers ``Error 001``
    without processing; ``drop_rate`` reads the request and closes the connection without an
    answer; ``truncate_rate`` processes the request but sends only half the body (the declared
    ``Content-Length`` is the full one). ``down`` takes one gateway off the network.
    ``target`` limits the rate faults and latency to one gateway (``None``: both).
    """

    latency: float = 0.0
    error001_rate: float = 0.0
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    down: str | None = None
    target: str | None = None
    _listeners: list[Callable[[Faults], None]] = field(
        default_factory=list, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        self._check()

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name.startswith("_") or "_listeners" not in self.__dict__:
            return
        self._check()
        for listener in list(self._listeners):
            listener(self)

    def _check(self) -> None:
        for name in ("error001_rate", "drop_rate", "truncate_rate"):
            rate = getattr(self, name)
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"{name} must be within 0..1, not {rate}")
        if self.latency < 0:
            raise ValueError("latency must not be negative")
        for name in ("down", "target"):
            if getattr(self, name) not in (None, *GATEWAY_NAMES):
                raise ValueError(f"{name} must be None, 'primary' or 'alternate'")

    def subscribe(self, listener: Callable[[Faults], None]) -> None:
        """Call ``listener(self)`` after every change of a field (the sandbox uses it)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Faults], None]) -> None:
        """Stop calling ``listener``."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def applies_to(self, gateway: str) -> bool:
        """True when the rate faults and latency concern ``gateway``."""
        return self.target is None or self.target == gateway


class Dice:
    """A thread-safe seeded coin for the fault rates."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def roll(self, rate: float) -> bool:
        """True with probability ``rate`` (always for 1.0, never for 0.0)."""
        if rate <= 0.0:
            return False
        if rate >= 1.0:
            return True
        with self._lock:
            return self._rng.random() < rate
