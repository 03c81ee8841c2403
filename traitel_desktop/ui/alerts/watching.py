"""The watcher of a session as the views share it: one per session, made by the main window
(which starts it in the app and closes it with the window) and read by the Alerts tab.

:func:`alert_config` is the one place where the owner's alert settings become an
:class:`AlertConfig`; until the alert settings exist it gives the defaults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from traitel_desktop.core.alerts import AlertConfig
from traitel_desktop.core.alerts.config import config_from
from traitel_desktop.services.watcher import Watcher

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.settings import AppSettings

__all__ = ["alert_config", "forget_watcher", "watch_minutes", "watcher_for"]

_watchers: WeakKeyDictionary[Session, Watcher] = WeakKeyDictionary()


def alert_config(settings: AppSettings | None) -> AlertConfig:
    """The owner's alert choices read from ``settings`` (Settings → Alerts), as the rules
    read them; the defaults without settings."""
    if settings is None:
        return AlertConfig()
    return config_from(settings.alert_settings)


def watch_minutes(settings: AppSettings | None) -> int:
    """Minutes between checks, from the settings (the default without them)."""
    from traitel_desktop.core.alerts.schedule import DEFAULT_INTERVAL_MINUTES

    return settings.watch_minutes if settings is not None else DEFAULT_INTERVAL_MINUTES


def watcher_for(session: Session) -> Watcher:
    """The session's watcher, made (not started) on first use. Raises ``StorageError`` when
    the account's record cannot be opened."""
    watcher = _watchers.get(session)
    if watcher is None:
        watcher = Watcher(session, interval_minutes=watch_minutes(session.settings),
                          config=lambda: alert_config(session.settings), parent=session)
        _watchers[session] = watcher
    return watcher


def forget_watcher(session: Session) -> None:
    """Close the session's watcher (the next :func:`watcher_for` makes a new one)."""
    watcher = _watchers.pop(session, None)
    if watcher is not None:
        watcher.pause()  # first: a check cancelled by close() would schedule the next one
        watcher.close()
