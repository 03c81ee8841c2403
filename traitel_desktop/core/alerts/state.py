"""The :class:`~.evaluate.WatchState` as text values by name (what the record keeps), and
back. A value that does not read (a damaged record) is left out: the watcher then starts
that part afresh (takes note without alerting) rather than failing."""

from __future__ import annotations

from collections.abc import Mapping

from traitel_desktop.contract.logs import LOGS
from traitel_desktop.core.alerts.evaluate import WatchState

__all__ = ["state_from_texts", "state_to_texts"]

_LAST = "last_id:"
_TRIPPED = "tripped"
_COUNTRIES = "countries"


def state_to_texts(state: WatchState) -> dict[str, str]:
    """``state`` as text values by name."""
    out = {f"{_LAST}{log}": str(last) for log, last in state.last_ids.items()}
    out[_TRIPPED] = ",".join(sorted(state.tripped))
    out[_COUNTRIES] = ",".join(sorted(state.countries))
    return out


def state_from_texts(texts: Mapping[str, str]) -> WatchState:
    """The state :func:`state_to_texts` wrote (parts that do not read are left out)."""
    last_ids = {}
    for name, value in texts.items():
        log = name.removeprefix(_LAST)
        if name.startswith(_LAST) and log in LOGS and value.strip().isdigit():
            last_ids[log] = int(value)

    def words(name: str) -> frozenset[str]:
        return frozenset(w for w in texts.get(name, "").split(",") if w.strip())

    return WatchState(last_ids, words(_TRIPPED), words(_COUNTRIES))
