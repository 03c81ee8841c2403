"""Remembered passwords, kept only in the operating system's keyring (``keyring``).

Never a settings file, never a plaintext fallback: a backend from ``keyrings.alt`` (its
plaintext and "encrypted" files), keyring's ``fail`` and ``null`` backends, and any backend
whose priority keyring itself calls "not recommended" (below 1) count as "no keyring", and the
sign-in dialog says so. A chain of backends (``keyring.backends.chainer.ChainerBackend``, what
keyring picks when several are installed) is walked link by link, nested chains too: the
password goes only to the first link that is a real keyring, never through the chain, which
would fall back to (or read from) a plaintext file. A chain of nothing but such files is no
keyring.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

log = logging.getLogger(__name__)

SERVICE = "TraiTel Desktop"


class KeyringUnavailable(Exception):
    """No usable OS keyring on this computer; the password cannot be remembered."""


#: Modules whose backends keep passwords in clear (or in a file next to its key), or nowhere.
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")
#: keyring's own line (``keyring.core.recommended``): below it a backend is "not recommended".
_RECOMMENDED_PRIORITY = 1
_DEEPEST_CHAIN = 8  # chains in chains deeper than this are refused, not walked


def _name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _refusal(backend: KeyringBackend) -> str | None:
    """Why ``backend`` (not a chain) may not hold a password, or None when it may."""
    name = _name(backend)
    if name.startswith(_REFUSED_MODULES):
        return f"{name} keeps passwords in a plain file, or nowhere"
    try:
        priority = float(type(backend).priority)
    except Exception as exc:  # keyring raises to say a backend is not usable here
        return f"{name} is not usable here ({type(exc).__name__})"
    if not priority >= _RECOMMENDED_PRIORITY:
        return f"{name} has priority {priority:g}: not recommended by keyring"
    return None


def _usable(backend: KeyringBackend, depth: int = 0) -> Iterator[KeyringBackend]:
    """The real keyrings in ``backend``, in the order it would use them: itself, or every
    usable link of a chain (nested chains walked too). Each refusal is logged."""
    if isinstance(backend, ChainerBackend):
        if depth >= _DEEPEST_CHAIN:
            log.warning("keyring backend refused: chains nested too deep")
            return
        for link in backend.backends:
            yield from _usable(link, depth + 1)
        return
    reason = _refusal(backend)
    if reason is not None:
        log.info("keyring backend refused: %s", reason)
        return
    yield backend


def _backend() -> KeyringBackend:
    """The keyring to use: the configured one, or the first real keyring of a chain; raise
    KeyringUnavailable when there is none."""
    configured = keyring.get_keyring()
    for backend in _usable(configured):
        return backend
    raise KeyringUnavailable(_name(configured))


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
