"""The :class:`~.evaluate.WatchState` as text values by name (what the record keeps), and
back. A value that does not read (a damaged record) is left out: the watcher then starts
that part afresh (takes note without alerting) rather than failing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.alerts.evaluate import WatchState

__all__ = ["state_from_texts", "state_to_texts"]

_SEEN = "seen:"
_TRIPPED = "tripped"
_COUNTRIES = "countries"


def state_to_texts(state: WatchState) -> dict[str, str]:
    """``state`` as text values by name (``seen:logfaxin`` = ``"5@2026-05-20,..."``)."""
    out = {f"{_SEEN}{log}": ",".join(f"{i}@{d.isoformat()}" for i, d in sorted(rows))
           for log, rows in state.seen.items()}
    out[_TRIPPED] = ",".join(sorted(state.tripped))
    out[_COUNTRIES] = ",".join(sorted(state.countries))
    return out


def _seen_row(text: str) -> tuple[int, dt.date] | None:
    row_id, _at, day = text.strip().partition("@")
    if not (row_id.isdigit() and len(row_id) <= 18):
        return None
    try:
        return int(row_id), dt.date.fromisoformat(day)
    except ValueError:
        return None


def state_from_texts(texts: Mapping[str, str]) -> WatchState:
    """The state :func:`state_to_texts` wrote (parts that do not read are left out; an
    older record's ``last_id:`` values too, so that log starts afresh, taking note)."""
    seen = {}
    for name, value in texts.items():
        log = name.removeprefix(_SEEN)
        if not (name.startswith(_SEEN) and log in LOGS):
            continue
        rows = [_seen_row(p) for p in value.split(",") if p.strip()]
        if all(rows):
            seen[log] = frozenset(r for r in rows if r is not None)

    def words(name: str) -> frozenset[str]:
        return frozenset(w for w in texts.get(name, "").split(",") if w.strip())

    return WatchState(seen, words(_TRIPPED), words(_COUNTRIES))
