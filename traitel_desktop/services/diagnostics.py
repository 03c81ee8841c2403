"""The diagnostics file of Help ▸ Report a problem: versions, settings and recent log lines,
without anything private.

:func:`diagnostics_text` writes, in plain text for TraiTel support:

- the versions of the app, Python, Qt, PySide6 and the libraries it talks through, and the
  operating system;
- every setting of :data:`~traitel_desktop.services.settings.KEYS` except the user name
  (left out), gateway addresses without credentials (:func:`~traitel_desktop.core.redact.
  safe_url`), saved window positions only as "saved";
- the connection in use (profile, gateway, online or not, account time zone), never the
  balance;
- the recent log lines (:mod:`~traitel_desktop.services.log_buffer`) masked with
  :func:`~traitel_desktop.core.redact.redact`: no e-mail address, phone number, long digit
  run, password-like value, user name or home folder.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, qVersion

from traitel_desktop.core.redact import redact, safe_url
from traitel_desktop.services.settings import KEYS

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.services.log_buffer import RecentLine
    from traitel_desktop.services.settings import AppSettings

__all__ = ["LIBRARIES", "PRIVATE_KEYS", "URL_KEYS", "diagnostics_text", "file_name"]

#: Settings never written, not even masked.
PRIVATE_KEYS = frozenset({"signin/username"})
#: Settings that hold a web address (written without credentials, query or fragment).
URL_KEYS = frozenset({"signin/custom_primary", "signin/custom_alternate"})
#: The libraries whose versions help support, by distribution name.
LIBRARIES = (
    "qasync", "requests", "urllib3", "keyring", "phonenumbers", "email-validator", "tzdata",
    "platformdirs", "openpyxl", "matplotlib",
)


def file_name(day: dt.date) -> str:
    """``TraiTel Desktop diagnostics 2026-12-06.txt``."""
    return f"TraiTel Desktop diagnostics {day.isoformat()}.txt"


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def version_lines() -> list[str]:
    """App, Python, Qt, PySide6, library and operating system versions."""
    frozen = " (installed bundle)" if getattr(sys, "frozen", False) else ""
    lines = [
        f"TraiTel Desktop: {_version('traitel-desktop')}{frozen}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qVersion()}",
        f"PySide6: {pyside_version}",
        f"Operating system: {platform.platform()} ({platform.machine() or 'unknown'})",
    ]
    lines += [f"{name}: {_version(name)}" for name in LIBRARIES]
    return lines


def _setting_text(key: str, raw: object) -> str:
    if key in PRIVATE_KEYS:
        return "(left out: private)"
    if isinstance(raw, QByteArray):
        return "(saved)" if not raw.isEmpty() else "(empty)"
    text = raw if isinstance(raw, str) else repr(raw)
    if key in URL_KEYS:
        return safe_url(text) if text else "(empty)"
    return redact(text)


def setting_lines(settings: AppSettings | None, secrets: Iterable[str] = ()) -> list[str]:
    """``key = value`` for every known setting (see the module docstring)."""
    if settings is None:
        return ["(no settings)"]
    qsettings = settings.qsettings
    lines = []
    for key in KEYS:
        if not qsettings.contains(key):
            lines.append(f"{key} = (not set)")
            continue
        lines.append(f"{key} = {redact(_setting_text(key, qsettings.value(key)), secrets)}")
    others = len([k for k in qsettings.allKeys() if k not in KEYS])
    if others:
        lines.append(f"({others} other keys not written)")
    return lines


def session_lines(session: Session | None) -> list[str]:
    """How the app is connected (never the balance or the user name)."""
    if session is None:
        return ["(not signed in)"]
    return [
        f"Gateway profile: {session.profile}",
        f"Gateway in use: {session.gateway or 'none yet'}",
        f"Online: {'yes' if session.online else 'no'}",
        f"Account time zone: {session.time_zone or 'not read yet'}",
    ]


def log_lines(lines: Sequence[RecentLine] | None, secrets: Iterable[str] = ()) -> list[str]:
    """The recent log lines, masked, oldest first, each with this computer's local time."""
    if lines is None:
        return ["(the log is not being kept in this run)"]
    if not lines:
        return ["(no log lines yet)"]
    hidden = list(secrets)
    home = str(Path.home())
    out = []
    for line in lines:
        when = dt.datetime.fromtimestamp(line.created).astimezone()
        text = line.text.replace(home, "~") if len(home) > 1 else line.text
        out.append(f"{when:%Y-%m-%d %H:%M:%S %z} {line.level} {line.logger}: "
                   f"{redact(text, hidden)}")
    return out


def diagnostics_text(
    settings: AppSettings | None,
    session: Session | None,
    lines: Sequence[RecentLine] | None,
    *,
    now: dt.datetime,
) -> str:
    """The whole file (see the module docstring); ``now`` is when it is written."""
    secrets = {name for name in (
        settings.last_username if settings is not None else "",
        session.username if session is not None else "",
    ) if name}
    sections = [
        ("Versions", version_lines()),
        ("Settings", setting_lines(settings, secrets)),
        ("Connection", session_lines(session)),
        (f"Recent log, oldest first ({len(lines or [])} lines)", log_lines(lines, secrets)),
    ]
    parts = [
        "TraiTel Desktop diagnostics",
        f"Written {now:%Y-%m-%d %H:%M:%S %z} (this computer's clock). No password, user "
        "name, e-mail address or phone number is included.",
    ]
    for title, body in sections:
        parts += ["", f"== {title} ==", *body]
    return "\n".join(parts) + "\n"
