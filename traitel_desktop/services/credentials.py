"""Remembered passwords, kept only in the operating system's keyring (``keyring``).

Never a settings file, never a plaintext fallback: a backend from ``keyrings.alt`` or keyring's
``fail`` backend counts as "no keyring", and the sign-in dialog says so.
"""

from __future__ import annotations

import contextlib
import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "TraiTel Desktop"


class KeyringUnavailable(Exception):
    """No usable OS keyring on this computer; the password cannot be remembered."""


def _backend() -> KeyringBackend:
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith(("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")):
        raise KeyringUnavailable(module)
    return backend


def account_key(username: str, profile: str) -> str:
    """The keyring entry name: one remembered password per username and gateway profile."""
    return f"{username}@{profile}"


def keyring_available() -> bool:
    """Whether a real OS keyring is available and answers (a probe read)."""
    try:
        _backend().get_password(SERVICE, "availability-probe")
    except (KeyringUnavailable, keyring.errors.KeyringError):
        return False
    except Exception as exc:  # a broken backend (D-Bus error, ...) is no keyring either
        log.warning("keyring probe failed: %s", type(exc).__name__)
        return False
    return True


def save_password(username: str, profile: str, password: str) -> None:
    """Store the password; raise KeyringUnavailable when no keyring works."""
    backend = _backend()
    try:
        backend.set_password(SERVICE, account_key(username, profile), password)
    except keyring.errors.NoKeyringError as exc:
        raise KeyringUnavailable(type(exc).__name__) from None
    except keyring.errors.KeyringError as exc:
        log.warning("keyring refused to store the password: %s", type(exc).__name__)
        raise KeyringUnavailable(type(exc).__name__) from None


def load_password(username: str, profile: str) -> str | None:
    """The remembered password, or None (also when no keyring works)."""
    try:
        return _backend().get_password(SERVICE, account_key(username, profile))
    except (KeyringUnavailable, keyring.errors.KeyringError):
        return None


def forget_password(username: str, profile: str) -> None:
    """Delete a remembered password if there is one."""
    with contextlib.suppress(KeyringUnavailable, keyring.errors.KeyringError):
        _backend().delete_password(SERVICE, account_key(username, profile))
