"""The cost of the money range check and of the never-raising formatters (issue 13, part 3).

Timed, as medians of ``--runs`` (default 7), over the same ``--cells`` distinct cost texts
(default 200,000, four decimals, as the gateway writes them):

* ``contract.readings.read_money`` (pattern + range check + ``Decimal``) next to the reading
  without the range check (pattern + ``Decimal``: what it was) and a bare ``Decimal(text)``;
* ``core.money.format_amount`` and ``format_money`` next to a bare ``f"{d:,f}"``, without a
  currency and in the demo's (AUD as en_US writes it: ``A$1,234.57``), and Babel's own
  ``format_currency`` (what core.money would cost calling Babel for each amount).

A log column reads each distinct text once (``ColumnReader``), so these are per distinct cost.

Run: ``.venv/bin/python bench/bench_money.py [--runs 7] [--cells 200000]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babel.numbers import format_currency
from benchkit import median_time

from traitel_desktop.contract.readings import _MONEY, read_money
from traitel_desktop.core.money import format_amount, format_money, use_currency


def unchecked(text: str) -> Decimal:
    """``read_money`` without the range check."""
    value = text.strip()
    if _MONEY.fullmatch(value) is None:
        raise ValueError(text)
    return Decimal(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cells", type=int, default=200_000)
    args = parser.parse_args()
    rng = random.Random(1)
    texts = [f"{rng.randrange(10**8) / 10**4:.4f}" for _ in range(args.cells)]
    amounts = [Decimal(t) for t in texts]

    def each(function: Callable[[Any], Any], values: list[Any]) -> Callable[[], None]:
        def run() -> None:
            for value in values:
                function(value)

        return run

    def per_cell(seconds: float) -> str:
        return f"{seconds / args.cells * 1e9:6.0f} ns"

    base, _ = median_time(each(Decimal, texts), args.runs)
    old, _ = median_time(each(unchecked, texts), args.runs)
    new, _ = median_time(each(read_money, texts), args.runs)
    print(f"{args.cells:,} distinct costs, median of {args.runs}")
    print(f"read_money (range-checked): {per_cell(new)}  -> {new / old:.2f}x unchecked, "
          f"{new / base:.2f}x bare Decimal")
    print(f"  reference, unchecked:     {per_cell(old)}")
    print(f"  reference, bare Decimal:  {per_cell(base)}")
    plain, _ = median_time(each(lambda d: f"{d:,f}", amounts), args.runs)
    for currency in (None, "AUD"):
        use_currency(currency, "en_US")
        for name, formatter in (("format_amount", format_amount),
                                ("format_money", format_money)):
            took, _ = median_time(each(formatter, amounts), args.runs)
            print(f"{name} ({currency or 'no currency'}): {per_cell(took)}  -> "
                  f"{took / plain:.2f}x bare f'{{d:,f}}'")
    use_currency(None)
    babel, _ = median_time(
        each(lambda d: format_currency(d, "AUD", locale="en_US"), amounts), args.runs)
    print(f"  reference, f'{{d:,f}}':    {per_cell(plain)}")
    print(f"  reference, Babel's format_currency: {per_cell(babel)}  -> "
          f"{babel / plain:.2f}x bare f'{{d:,f}}'")


if __name__ == "__main__":
    main()
