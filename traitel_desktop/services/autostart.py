"""Start when I sign in to this computer (issue 15): done the way each system expects, behind
one interface (:class:`Autostart`: enable, disable, is_enabled).

- Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/traitel-desktop.desktop``
  (``~/.config`` when unset), a desktop entry with ``X-GNOME-Autostart-enabled=true``;
- Windows: the value "TraiTel Desktop" of the current user's Run key
  (``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``), through a small
  :class:`RunKey` adapter, so the command line is testable anywhere;
- macOS: ``~/Library/LaunchAgents/com.traitel.desktop.plist``, a LaunchAgent run at load.

Each writes the command that started the app now (a frozen bundle: its executable; otherwise
``python -m traitel_desktop``); turning it off removes exactly what was added. Qt-free.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

APP_NAME = "TraiTel Desktop"
DESKTOP_FILE = "traitel-desktop.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
LAUNCH_AGENT_LABEL = "com.traitel.desktop"

#: Characters that make a desktop entry's Exec argument need quotes (Desktop Entry spec,
#: "The Exec key"), and those escaped with a backslash inside the quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def launch_command(*, frozen: bool | None = None, executable: str | None = None) -> list[str]:
    """The command that starts the app as it runs now: the bundle's executable when frozen
    (PyInstaller), else this Python with ``-m traitel_desktop``."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    return [executable] if frozen else [executable, "-m", "traitel_desktop"]


class Autostart(Protocol):
    """Starting the app when the owner signs in to this computer."""

    #: Where the setting lives, for messages ("~/.config/autostart/traitel-desktop.desktop").
    where: str

    def enable(self) -> None:
        """Start the app at sign-in (writes the file or value; OSError when it cannot)."""

    def disable(self) -> None:
        """Stop starting it: remove what :meth:`enable` added (nothing else)."""

    def is_enabled(self) -> bool:
        """Whether the app starts at sign-in now."""


# --- Linux (XDG) ------------------------------------------------------------------------

def exec_argument(argument: str) -> str:
    """``argument`` as the Exec key of a desktop entry writes it: quoted when it holds a
    reserved character, ``%`` doubled, and the string escapes of the file applied."""
    if any(char in _RESERVED for char in argument) or not argument:
        argument = '"' + "".join(
            "\\" + char if char in _ESCAPED_IN_QUOTES else char for char in argument
        ) + '"'
    return argument.replace("%", "%%").replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The autostart desktop entry that runs ``command``."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Watches your TraiTel account and tells you about new activity\n"
        f"Exec={' '.join(exec_argument(part) for part in command)}\n"
        "Icon=traitel-desktop\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class XdgAutostart:
    """An XDG autostart desktop entry under ``config_home/autostart``."""

    def __init__(self, config_home: Path, command: Sequence[str]) -> None:
        self.path = config_home / "autostart" / DESKTOP_FILE
        self.command = list(command)
        self.where = str(self.path)

    def enable(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(desktop_entry(self.command), encoding="utf-8")

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        return self.path.is_file()


def xdg_config_home(environ: Mapping[str, str], home: Path) -> Path:
    """``$XDG_CONFIG_HOME`` when set to an absolute path (the spec ignores others), else
    ``~/.config``."""
    value = environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if value and os.path.isabs(value) else home / ".config"


# --- Windows (the Run key) --------------------------------------------------------------

class RunKey(Protocol):
    """The few registry calls behind the Run key of the current user."""

    def get(self, name: str) -> str | None:
        """The value called ``name`` (None when absent)."""

    def set(self, name: str, value: str) -> None:
        """Write the string value ``name``."""

    def delete(self, name: str) -> None:
        """Remove the value ``name`` (nothing when absent)."""


class WinregRunKey:
    """:class:`RunKey` on the real registry (Windows only: ``winreg``)."""

    def __init__(self, path: str = RUN_KEY) -> None:
        import winreg  # only on Windows

        self._winreg = winreg
        self.path = path

    def get(self, name: str) -> str | None:
        reg = self._winreg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, self.path) as key:
                value, _kind = reg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return value if isinstance(value, str) else None

    def set(self, name: str, value: str) -> None:
        reg = self._winreg
        with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, self.path, 0, reg.KEY_SET_VALUE) as key:
            reg.SetValueEx(key, name, 0, reg.REG_SZ, value)

    def delete(self, name: str) -> None:
        reg = self._winreg
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, self.path, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, name)
        except FileNotFoundError:
            return


class WindowsRunKey:
    """The value "TraiTel Desktop" of the current user's Run key."""

    def __init__(self, registry: RunKey, command: Sequence[str]) -> None:
        self.registry = registry
        self.command_line = subprocess.list2cmdline(list(command))
        self.where = f"HKEY_CURRENT_USER\\{RUN_KEY} ({APP_NAME})"

    def enable(self) -> None:
        self.registry.set(APP_NAME, self.command_line)

    def disable(self) -> None:
        self.registry.delete(APP_NAME)

    def is_enabled(self) -> bool:
        return self.registry.get(APP_NAME) is not None


# --- macOS (a LaunchAgent) --------------------------------------------------------------

def launch_agent(command: Sequence[str]) -> bytes:
    """The LaunchAgent property list that runs ``command`` when the owner logs in."""
    return plistlib.dumps({
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    })


class MacLaunchAgent:
    """``~/Library/LaunchAgents/com.traitel.desktop.plist``."""

    def __init__(self, home: Path, command: Sequence[str]) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        self.command = list(command)
        self.where = str(self.path)

    def enable(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(launch_agent(self.command))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        return self.path.is_file()


def for_this_computer(
    *, platform: str | None = None, environ: Mapping[str, str] | None = None,
    home: Path | None = None, command: Sequence[str] | None = None,
) -> Autostart:
    """The way this system starts apps at sign-in, with the app's command."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    command = launch_command() if command is None else command
    if platform == "win32":
        return WindowsRunKey(WinregRunKey(), command)
    if platform == "darwin":
        return MacLaunchAgent(home, command)
    return XdgAutostart(xdg_config_home(environ, home), command)
