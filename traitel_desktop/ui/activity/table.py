"""The rows of one activity log, column-oriented, for a fast table model.

:class:`LogTable` keeps each API column as one sequence of typed values (``Archive.columns``,
``zip(*rows)`` of ``Archive.rows``, or the ``LogColumns`` of ``TraiTelClient.log``; it never
reads an answer's text itself). Nothing is formatted up front: display texts come from small
per-value caches (a number, a date, a cost is formatted once however often it appears), sort
keys are built per column on the first sort by it, and
a text filter tests each column's distinct display texts once (only per-row texts such as
the ID are tested row by row), building no per-row search text. Sorting and filtering work on
lists of row numbers (``list.sort`` with a key list; one pass to filter), never with per-pair
Python comparisons.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress
from typing import Any

from traitel_desktop.api.decode import fax_result
from traitel_desktop.contract.logs import LOGS, Kind, LogColumns, to_money
from traitel_desktop.core.money import exact_money
from traitel_desktop.ui.activity.columns import (
    NOTHING,
    Fmt,
    ViewColumn,
    message_cell,
    number_tip,
    single_formatter,
    tr,
    view_columns,
    when_text,
)
from traitel_desktop.ui.activity.fax_words import advice, fax_raw_line, fax_tip

__all__ = ["LogTable", "Totals"]


def _ID(value: Any) -> str:
    return str(value)


_INT_FORMATS = (Fmt.ID, Fmt.SUB, Fmt.COUNT, Fmt.SPEED, Fmt.DURATION, Fmt.FAX_RESULT)


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over some rows: count, seconds, pages (None where the log has none) and cost."""

    count: int
    duration: int | None
    pages: int | None
    cost: Decimal | None


class LogTable:
    """The rows of ``log`` as columns (see the module docstring)."""

    def __init__(
        self,
        log: str,
        columns: Sequence[Sequence[Any]],
        sub_names: dict[int, str] | None = None,
        *,
        presorted: bool = True,
    ) -> None:
        spec = LOGS[log]
        #: True when the rows come ordered by date, time and ID (as ``Archive.rows`` and
        #: ``HistoryService.load_columns`` give them): sorting by "When" is then free.
        self.presorted = presorted
        if len(columns) != len(spec.headers):
            raise ValueError(f"{log} has {len(spec.headers)} columns, got {len(columns)}")
        self.log = log
        self.spec = spec
        self.columns = columns
        self.count = len(columns[0]) if columns else 0
        self.view: list[ViewColumn] = view_columns(log)
        self.sub_names = dict(sub_names or {})
        self._format = [
            _ID if c.fmt is Fmt.ID
            else single_formatter(c.fmt, self.sub_names) if len(c.sources) == 1 else None
            for c in self.view
        ]
        self._days: dict[Any, str] = {}
        self._cache: list[dict[Any, str]] = [{} for _ in self.view]
        self._keys: dict[int, Sequence[Any]] = {}
        self._ints: dict[int, Sequence[Any]] = {}
        self._orders: dict[tuple[int, bool], list[int]] = {}
        self._lower: dict[int, dict[Any, str]] = {}
        self._times: dict[Any, str] | None = None
        self._blobs: dict[int, str] = {}

    # --- building ------------------------------------------------------------------------
    @classmethod
    def from_rows(
        cls, log: str, rows: Sequence[Sequence[Any]], sub_names: dict[int, str] | None = None
    ) -> LogTable:
        """From ``Archive.rows`` tuples (API column order)."""
        width = len(LOGS[log].headers)
        columns = [[r[i] for r in rows] for i in range(width)]
        return cls(log, columns, sub_names)

    @classmethod
    def from_log(cls, columns: LogColumns, sub_names: dict[int, str] | None = None) -> LogTable:
        """From the typed columns of ``TraiTelClient.log`` (in the answer's order, which is
        by instant: not presorted by local date and time)."""
        return cls(columns.log, columns.columns, sub_names, presorted=False)

    # --- cells ---------------------------------------------------------------------------
    def text(self, column: int, row: int) -> str:
        """The display text of one cell (cached per value)."""
        cache = self._cache[column]
        fmt = self._format[column]
        if fmt is _ID:
            return str(self.columns[self.view[column].sources[0]][row])
        if fmt is not None:
            value = self.columns[self.view[column].sources[0]][row]
            text = cache.get(value)
            if text is None:
                text = cache[value] = fmt(value)
            return text
        text = cache.get(row)
        if text is None:
            text = cache[row] = self._multi(column, row)
        return text

    def _multi(self, column: int, row: int) -> str:
        view = self.view[column]
        a, b = (self.columns[i][row] for i in view.sources)
        if view.fmt is Fmt.WHEN:
            return self._day_text(a) + str(b)
        return message_cell(a, b) or NOTHING

    def _day_text(self, day: Any) -> str:
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = when_text(day, "")
        return text

    def tooltip(self, column: int, row: int) -> str | None:
        """Extra words for a cell: a fax result's state and error, a number's country, an
        SMS in full."""
        view = self.view[column]
        value = self.columns[view.sources[0]][row]
        if view.fmt is Fmt.FAX_RESULT:
            return fax_tip(value)
        if view.fmt is Fmt.NUMBER:
            return number_tip(value)
        if view.fmt is Fmt.MONEY and value is not None:
            return exact_money(to_money(value))
        if view.fmt is Fmt.MESSAGE:
            from traitel_desktop.api.decode import sms_text

            return sms_text(str(value), str(self.columns[view.sources[1]][row]))
        return None

    def forget_texts(self) -> None:
        """Drop the cost texts made so far (the currency changed: they are made again)."""
        for column, view in enumerate(self.view):
            if view.fmt is Fmt.MONEY:
                self._cache[column] = {}
                self._lower.pop(column, None)

    def raw(self, row: int) -> tuple[Any, ...]:
        """The row's raw values in API column order."""
        return tuple(column[row] for column in self.columns)

    def texts(self, column: int) -> list[str]:
        """Every row's display text of one shown column, in row order (bulk, cached)."""
        fmt = self._format[column]
        view = self.view[column]
        if fmt is _ID:
            return list(map(str, self.columns[view.sources[0]]))
        if view.fmt is Fmt.WHEN:
            dates, times = (self.columns[i] for i in view.sources)
            for day in set(dates) - self._days.keys():
                self._day_text(day)
            days = self._days
            return [days[d] + t for d, t in zip(dates, times, strict=True)]
        if fmt is None:
            return [self.text(column, r) for r in range(self.count)]
        values = self.columns[view.sources[0]]
        cache = self._cache[column]
        for value in set(values) - cache.keys():
            cache[value] = fmt(value)
        return list(map(cache.__getitem__, values))

    # --- sorting -------------------------------------------------------------------------
    def ints(self, api_column: int) -> Sequence[Any]:
        """An API column as numbers for sorting and sums (``IVMLID``'s None as -1)."""
        done = self._ints.get(api_column)
        if done is not None:
            return done
        values = self.columns[api_column]
        if self.spec.columns[api_column].kind is Kind.OPT_INT:
            values = [-1 if v is None else v for v in values]
        self._ints[api_column] = values
        return values

    def sort_key(self, column: int) -> Sequence[Any]:
        """Raw sort values of one shown column, one per row (never display strings)."""
        done = self._keys.get(column)
        if done is not None:
            return done
        view = self.view[column]
        first = view.sources[0]
        kind = self.spec.columns[first].kind
        key: Sequence[Any]
        if view.fmt is Fmt.WHEN:
            dates, times = (self.columns[i] for i in view.sources)
            key = list(map(operator.add, dates, times))
        elif view.fmt is Fmt.MESSAGE:
            key = [t.casefold() for t in self.texts(column)]
        elif view.fmt in _INT_FORMATS or kind in (Kind.INT, Kind.OPT_INT, Kind.MONEY):
            key = self.ints(first)
        elif view.fmt is Fmt.TEXT:
            unique = {v: str(v).casefold() for v in set(self.columns[first])}
            key = list(map(unique.__getitem__, self.columns[first]))
        else:
            key = self.columns[first]
        self._keys[column] = key
        return key

    def order(self, column: int, descending: bool = False) -> list[int]:
        """Every row number, sorted by a shown column's raw values (stable; cached)."""
        cached = self._orders.get((column, descending))
        if cached is None and column == 0 and self.presorted:
            cached = list(range(self.count - 1, -1, -1) if descending else range(self.count))
            self._orders[(column, descending)] = cached
        if cached is None:
            key = self.sort_key(column)
            cached = sorted(range(self.count), key=key.__getitem__, reverse=descending)
            self._orders[(column, descending)] = cached
        return cached

    # --- filtering -----------------------------------------------------------------------
    def _lowered(self, column: int) -> dict[Any, str]:
        """Distinct value -> lower-cased display text (plus the raw digits of a number) of a
        one-value column, built once over its distinct values."""
        done = self._lower.get(column)
        if done is None:
            fmt = self._format[column]
            assert fmt is not None
            number = self.view[column].fmt is Fmt.NUMBER
            done = {
                v: (fmt(v) + "\x1f" + str(v)).lower() if number else fmt(v).lower()
                for v in set(self.columns[self.view[column].sources[0]])
            }
            self._lower[column] = done
        return done

    def _column_hits(self, column: int, needle: str) -> list[bool] | None:
        """Per row, whether ``needle`` is in the column's lower-cased display text (None
        when no row's is). Distinct values are tested once; only per-row texts (ID, the time
        of "When", a message) are tested row by row."""
        view = self.view[column]
        values = self.columns[view.sources[0]]
        fmt = self._format[column]
        if fmt is _ID:
            texts = values if values and isinstance(values[0], str) else list(map(str, values))
            blob = self._blobs.get(column)
            if blob is None:
                blob = self._blobs[column] = "\n".join(texts).lower()
            if needle not in blob:  # one C search decides most needles
                return None
            return [needle in t.lower() for t in texts]
        if view.fmt is Fmt.WHEN:
            return self._when_hits(view, needle)
        if fmt is None:
            return [needle in t.lower() for t in self.texts(column)]
        hits = {v for v, text in self._lowered(column).items() if needle in text}
        if not hits:
            return None
        return list(map(hits.__contains__, values))

    def _when_hits(self, view: ViewColumn, needle: str) -> list[bool] | None:
        """:meth:`_column_hits` for "When" (day text + time): each distinct day and time is
        tested once. The day text ends in spaces, so a needle spanning day and time holds a
        space: it matches when a day ends with its head and a time starts with its tail."""
        dates, times = (self.columns[i] for i in view.sources)
        distinct = set(dates)
        for day in distinct - self._days.keys():
            self._day_text(day)
        column = self.view.index(view)
        blob = self._blobs.get(column)
        if blob is None:  # every time, for one C search
            strings = times if times and isinstance(times[0], str) else map(str, times)
            blob = self._blobs[column] = "\n".join(strings).lower()
        timely = needle in blob
        lowered = self._distinct_times(view.sources[1]) if timely or " " in needle else {}
        whole: set[Any] = set()
        per_day: dict[Any, set[Any]] = {}
        by_heads: dict[tuple[int, ...], set[Any]] = {}
        for day in distinct:
            text = self._days[day].lower()
            if needle in text:
                whole.add(day)
                continue
            heads = tuple(k for k in range(1, len(needle)) if text.endswith(needle[:k]))
            found = by_heads.get(heads)
            if found is None:
                tails = [needle[k:] for k in heads]
                if tails:
                    found = {t for t, low in lowered.items()
                             if needle in low or any(map(low.startswith, tails))}
                elif timely:
                    found = {t for t, low in lowered.items() if needle in low}
                else:
                    found = set()
                by_heads[heads] = found
            per_day[day] = found
        sets = {id(f): f for f in per_day.values() if f}
        if not whole and not sets:
            return None
        if not sets:
            return list(map(whole.__contains__, dates))
        if not whole and len({id(f) for f in per_day.values()}) == 1:
            return list(map(next(iter(sets.values())).__contains__, times))
        return [d in whole or t in per_day[d] for d, t in zip(dates, times, strict=True)]

    def _distinct_times(self, api_column: int) -> dict[Any, str]:
        """Each distinct time -> its lower-cased text (built once, one ``lower()`` call)."""
        if self._times is None:
            distinct = list(set(self.columns[api_column]))
            joined = "\x1f".join(map(str, distinct)).lower()
            self._times = dict(zip(distinct, joined.split("\x1f"), strict=True))
        return self._times

    def matching(
        self, rows: Sequence[int], text: str = "", sub_id: int | None = None
    ) -> list[int]:
        """The rows of ``rows`` (kept in their order) whose text contains ``text`` (case
        ignored) in any shown column as displayed (or a number's raw digits), and that
        belong to ``sub_id`` (None: any).

        Filters column by column: no per-row search text is built or kept."""
        needle = text.strip().lower()
        if sub_id is not None:
            subs = self.ints(self.spec.headers.index("Sub-ID"))
            rows = [r for r in rows if subs[r] == sub_id]
        if not needle:
            return list(rows)
        mask: list[bool] | None = None
        for column in range(len(self.view)):
            hits = self._column_hits(column, needle)
            if hits is not None:
                mask = hits if mask is None else list(map(operator.or_, mask, hits))
        if mask is None:
            return []
        return list(compress(rows, map(mask.__getitem__, rows)))

    # --- totals --------------------------------------------------------------------------
    def totals(self, rows: Sequence[int]) -> Totals:
        """Count, duration, pages and exact cost of ``rows`` (micro-units summed as ints,
        turned into a Decimal once)."""
        headers = self.spec.headers

        def total(name: str) -> int | None:
            if name not in headers:
                return None
            values = self.ints(headers.index(name))
            return sum(map(values.__getitem__, rows))

        cost: Decimal | None = None
        at = self.spec.money_index
        if at is not None:
            values = self.ints(at)
            cost = to_money(sum(map(values.__getitem__, rows)))
        return Totals(len(rows), total("Duration"), total("Pages"), cost)

    # --- details -------------------------------------------------------------------------
    def lead(self, row: int) -> list[str]:
        """Plain sentences to read first: for a fax that was not delivered, why, and what
        the owner can do ([] for any other row)."""
        if "ErrorCode" not in self.spec.headers:
            return []
        result = fax_result(self.columns[self.spec.headers.index("ErrorCode")][row])
        if result.delivered:
            return []
        return [tr("Not delivered: {0}.").format(result.text),
                tr("What you can do: {0}").format(advice(result))]

    def details(self, row: int) -> list[tuple[str, str]]:
        """(label, text) lines describing one row in full: shown columns and tooltips (what
        TraiTel sent as is: :meth:`raw_details`)."""
        lines: list[tuple[str, str]] = []
        for column, view in enumerate(self.view):
            text = self.text(column, row)
            if view.fmt in (Fmt.MESSAGE, Fmt.MONEY):  # in full, the exact cost
                text = self.tooltip(column, row) or text
            lines.append((view.title, text))
            if view.fmt is Fmt.NUMBER:
                tip = self.tooltip(column, row)
                if tip and tip != text:
                    lines.append(("", tip))
        return lines

    def raw_details(self, row: int) -> list[str]:
        """The row as TraiTel sent it: a fax result's state and error in TraiTel's words,
        then every value (``ID=1997, Sub-ID=1005, ...``)."""
        lines = []
        if "ErrorCode" in self.spec.headers:
            code = self.columns[self.spec.headers.index("ErrorCode")][row]
            raw = fax_raw_line(fax_result(code))
            if raw:
                lines.append(raw)
        lines.append(", ".join(
            f"{h}={v}" for h, v in zip(self.spec.headers, self.raw_texts(row), strict=True)
        ))
        return lines

    def raw_texts(self, row: int) -> list[str]:
        """The row's raw values as the gateway writes them (cost as a decimal amount)."""
        at = self.spec.money_index
        out = []
        for i, column in enumerate(self.columns):
            value = column[row]
            if value is None:
                out.append("")
            elif i == at:
                out.append(f"{to_money(value):f}")
            else:
                out.append(str(value))
        return out
