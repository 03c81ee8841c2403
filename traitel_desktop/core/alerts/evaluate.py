"""One check of the account: every rule on what changed, with the state that keeps alerts from
repeating (Qt-free, no I/O).

:class:`WatchState` is what must survive between checks and restarts: the highest row ID
seen per log (rows above it are new), the tripped balance levels, and the countries already
called. The first check of an account (no IDs seen yet) only takes note of what is there:
the owner is not alerted about the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from traitel_desktop.core.alerts.activity import row_alerts
from traitel_desktop.core.alerts.balance import balance_alerts, runway_alerts
from traitel_desktop.core.alerts.config import AlertConfig
from traitel_desktop.core.alerts.fraud import new_country_alerts, outside_hours_alerts
from traitel_desktop.core.alerts.record import Alert
from traitel_desktop.core.alerts.rows import LogRow, log_rows
from traitel_desktop.core.alerts.spend import hourly_spend, sub_account_spikes, unusual_spend

__all__ = ["Check", "Outcome", "WatchState", "evaluate", "new_rows"]


@dataclass(frozen=True, slots=True)
class WatchState:
    """What the watcher remembers between checks (see the module docstring)."""

    #: Per log, the rows already seen, as (ID, day), for yesterday and today (not the
    #: highest ID: a gateway may hand a row that shows later a lower ID than one seen, and
    #: one missed row is a missed fax). Older days are let go, so it stays small.
    seen: Mapping[str, frozenset[tuple[int, dt.date]]] = field(default_factory=dict)
    tripped: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    @property
    def started(self) -> bool:
        """Whether a first check already took note of the account."""
        return bool(self.seen)


@dataclass(frozen=True, slots=True)
class Check:
    """What one check read: the ``balance`` (None when it could not be read), the rows of
    each log for the days checked (``rows``, typed as the archive gives them), ``today``
    in the account's zone, spend per day up to today (``daily``, the last 30 days or more),
    each sub-account's usual daily spend (``usual_daily``) and ``now``."""

    balance: Decimal | None
    rows: Mapping[str, Sequence[Sequence[Any]]]
    today: dt.date
    daily: Mapping[dt.date, Decimal]
    now: dt.datetime
    usual_daily: Mapping[int, Decimal] = field(default_factory=dict)
    sub_names: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A check's alerts to show (``alerts``), those folded into a summary (``folded``: to
    remember, not to show) and the state afterwards."""

    alerts: list[Alert]
    folded: list[Alert]
    state: WatchState


def new_rows(
    rows: Mapping[str, Sequence[Sequence[Any]]],
    seen: Mapping[str, frozenset[tuple[int, dt.date]]],
    today: dt.date,
) -> tuple[list[LogRow], dict[str, frozenset[tuple[int, dt.date]]]]:
    """The rows whose ID was not seen before in their log (oldest first by date, time and
    ID) and what is seen afterwards: the rows seen before and now, of yesterday and today. A
    log never seen has nothing new: its rows are taken note of."""
    fresh: list[LogRow] = []
    keep_from = today - dt.timedelta(days=1)
    after = dict(seen)
    for log, typed in rows.items():
        parsed = log_rows(log, typed)
        known = {row_id for row_id, _day in seen.get(log, ())}
        if log in seen:
            fresh += [r for r in parsed if r.id not in known]
        after[log] = frozenset(
            {(i, d) for i, d in seen.get(log, ()) if d >= keep_from}
            | {(r.id, r.day) for r in parsed if r.day >= keep_from}
        )
    fresh.sort(key=lambda r: (r.day, r.time, r.log, r.id))
    return fresh, after


def evaluate(check: Check, state: WatchState, config: AlertConfig,
             seen_countries: frozenset[str] = frozenset()) -> Outcome:
    """Run every rule on ``check`` (see the module docstring). ``seen_countries`` are the
    countries the archive shows called before (added to the state's)."""
    from traitel_desktop.core.alerts.summary import summarise

    now = check.now
    first = not state.started
    fresh, ids = new_rows(check.rows, state.seen, check.today)
    alerts: list[Alert] = []
    tripped = state.tripped
    if check.balance is not None:
        found, tripped = balance_alerts(check.balance, config, tripped, now)
        alerts += found
        found, tripped = runway_alerts(check.balance, check.daily, check.today, config,
                                       tripped, now)
        alerts += found
    alerts += unusual_spend(check.daily, check.today, config, now)
    known = state.countries | seen_countries
    if first:  # take note of the countries already called today
        known |= new_country_alerts(log_rows_of(check, "logvoiceout"), known, config,
                                    now)[1]
    found, countries = new_country_alerts(fresh, known, config, now)
    alerts += found
    alerts += row_alerts(fresh, config, now)
    alerts += outside_hours_alerts(fresh, config, now)
    today_rows = [r for log in check.rows for r in log_rows(log, check.rows[log])
                  if r.day == check.today]
    fresh_hours = {(r.sub_id, r.day, r.time.hour) for r in fresh}
    spikes = {k: v for k, v in hourly_spend(today_rows).items() if k in fresh_hours}
    alerts += sub_account_spikes(spikes, check.usual_daily, config, now, check.sub_names)
    shown, folded = summarise(alerts, config.summary_after, now)
    new_state = replace(state, seen=ids, tripped=tripped, countries=countries)
    return Outcome(shown, folded, new_state)


def log_rows_of(check: Check, log: str) -> list[LogRow]:
    """The rows of ``log`` in ``check``."""
    return log_rows(log, check.rows.get(log, ()))
