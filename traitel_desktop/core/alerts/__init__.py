"""Alert rules: what the watcher tells the owner about their account (Qt-free, no I/O).

* :mod:`.record`: the :class:`Alert` (kind, severity, texts, dedup key, target, time);
* :mod:`.config`: the owner's choices (:class:`AlertConfig`);
* one module per family of rules, each a pure function: :mod:`.balance` (low balance,
  runway), :mod:`.activity` (new fax, text, missed call; a sent fax failed), :mod:`.spend`
  (unusual day; a sub-account's hour against its usual day), :mod:`.fraud` (first call to a
  country, calls outside business hours);
* :mod:`.summary`: many row alerts at once become one summary;
* :mod:`.evaluate`: one check, every rule, and the :class:`WatchState` that keeps alerts
  from repeating (also across restarts: the store keeps it);
* :mod:`.schedule`: when the next check runs (backing off while the gateway fails).
"""

from traitel_desktop.core.alerts.config import AlertConfig, BusinessHours
from traitel_desktop.core.alerts.evaluate import Check, Outcome, WatchState, evaluate
from traitel_desktop.core.alerts.record import Alert, AlertKind, Severity, Target

__all__ = ["Alert", "AlertConfig", "AlertKind", "BusinessHours", "Check", "Outcome",
           "Severity", "Target", "WatchState", "evaluate"]
