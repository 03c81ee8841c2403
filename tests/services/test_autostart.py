"""Start when I sign in to this computer (issue 15, part 4): the XDG autostart entry on Linux
(written, valid, removed), the Windows Run value (its command line, through the registry
adapter; the real registry on Windows only) and the macOS LaunchAgent (with a tmp home)."""

from __future__ import annotations

import configparser
import plistlib
import re
import sys
from pathlib import Path

import pytest

from traitel_desktop.services import autostart
from traitel_desktop.services.autostart import (
    APP_NAME,
    MacLaunchAgent,
    WindowsRunKey,
    XdgAutostart,
    for_this_computer,
    launch_command,
)

#: A command as awkward as real ones get: spaces, a quote, a percent sign, a dollar.
AWKWARD = ["/opt/Trai Tel/it's 100%/py$thon", "-m", "traitel_desktop"]


def read_entry(path: Path) -> dict[str, str]:
    """The desktop entry's keys, read as a desktop file reader would."""
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def exec_command(value: str) -> list[str]:
    """The argument list of an Exec value as the Desktop Entry spec reads it: the string
    escapes of the file, then arguments split on spaces, a quoted one taking a backslash
    before ``"``, `````, ``$`` and ``\\``; ``%%`` is a percent sign. (shlex differs on ``\\$``.)"""
    text = value.replace("\\\\", "\\")
    arguments = re.findall(r'"((?:[^"\\]|\\["`$\\])*)"|(\S+)', text)
    return [re.sub(r'\\(["`$\\])', r"\1", quoted) if quoted else bare
            for quoted, bare in ((q.replace("%%", "%"), b.replace("%%", "%"))
                                 for q, b in arguments)]


def test_the_command_is_the_one_that_started_the_app() -> None:
    assert launch_command(frozen=True, executable="/opt/traitel/traitel-desktop") == [
        "/opt/traitel/traitel-desktop"]
    assert launch_command(frozen=False, executable="/usr/bin/python3") == [
        "/usr/bin/python3", "-m", "traitel_desktop"]
    assert launch_command() == [sys.executable, "-m", "traitel_desktop"]  # tests: not frozen


def test_linux_writes_a_valid_autostart_entry_and_removes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "config home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    neighbour = config / "autostart" / "other-app.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\nType=Application\nExec=other\n", encoding="utf-8")
    starter = for_this_computer(platform="linux", command=AWKWARD)
    assert isinstance(starter, XdgAutostart)
    assert not starter.is_enabled()

    starter.enable()
    path = config / "autostart" / "traitel-desktop.desktop"
    assert starter.is_enabled() and path.is_file() and starter.where == str(path)
    entry = read_entry(path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert exec_command(entry["Exec"]) == AWKWARD

    starter.disable()
    assert not path.exists() and not starter.is_enabled()
    assert neighbour.is_file()  # only what was added is removed
    starter.disable()  # twice is fine


def test_linux_runs_this_python_when_not_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    starter = for_this_computer(platform="linux")
    starter.enable()
    entry = read_entry(tmp_path / "autostart" / "traitel-desktop.desktop")
    assert exec_command(entry["Exec"]) == [sys.executable, "-m", "traitel_desktop"]
    starter.disable()


@pytest.mark.parametrize("value", ["", "relative/dir"])
def test_linux_default_config_home(value: str, tmp_path: Path) -> None:
    starter = for_this_computer(platform="linux", environ={"XDG_CONFIG_HOME": value},
                                home=tmp_path, command=["x"])
    assert isinstance(starter, XdgAutostart)
    assert starter.path == tmp_path / ".config" / "autostart" / "traitel-desktop.desktop"


class DictRunKey:
    """The Run key as a dictionary: the adapter's three calls, nothing of the OS."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {"OneDrive": r'"C:\OneDrive.exe" /background'}

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, value: str) -> None:
        self.values[name] = value

    def delete(self, name: str) -> None:
        self.values.pop(name, None)


def test_windows_writes_the_run_value_and_removes_only_it() -> None:
    registry = DictRunKey()
    exe = r"C:\Program Files\TraiTel Desktop\TraiTel Desktop.exe"
    starter = WindowsRunKey(registry, [exe])
    assert not starter.is_enabled()
    starter.enable()
    assert registry.values[APP_NAME] == f'"{exe}"'
    assert starter.is_enabled()
    starter.disable()
    assert registry.values == {"OneDrive": r'"C:\OneDrive.exe" /background'}
    assert not starter.is_enabled()


def test_windows_command_line_of_a_python_run() -> None:
    starter = WindowsRunKey(DictRunKey(), [r"C:\Users\Ann Lee\py\python.exe", "-m",
                                           "traitel_desktop"])
    assert starter.command_line == r'"C:\Users\Ann Lee\py\python.exe" -m traitel_desktop'


def test_windows_real_registry_adapter() -> None:
    pytest.importorskip("winreg")
    run_key = autostart.WinregRunKey(r"Software\TraiTelDesktopTests\Run")  # not the real Run
    starter = WindowsRunKey(run_key, [sys.executable, "-m", "traitel_desktop"])
    try:
        starter.enable()
        assert run_key.get(APP_NAME) == starter.command_line
    finally:
        starter.disable()
    assert run_key.get(APP_NAME) is None


def test_macos_writes_a_launch_agent_and_removes_it(tmp_path: Path) -> None:
    starter = for_this_computer(platform="darwin", home=tmp_path, command=AWKWARD)
    assert isinstance(starter, MacLaunchAgent)
    starter.enable()
    path = tmp_path / "Library" / "LaunchAgents" / "com.traitel.desktop.plist"
    assert starter.is_enabled() and path.is_file()
    agent = plistlib.loads(path.read_bytes())
    assert agent == {"Label": "com.traitel.desktop", "ProgramArguments": AWKWARD,
                     "RunAtLoad": True, "ProcessType": "Interactive"}
    starter.disable()
    assert not path.exists() and not starter.is_enabled()
    assert path.parent.is_dir()  # the folder is the system's: left alone
