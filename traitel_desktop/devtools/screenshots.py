"""``--screenshots DIR``: save the main window on each tab once its data has loaded, plus the
sign-in and settings dialogs and every dialog and wizard page of :data:`REGISTRY`.

A shot is an async callable taking the :class:`~traitel_desktop.devtools.shot_kit.ShotContext`
and returning the widget to grab (it may open a dialog and close it afterwards in
``ctx.cleanup``). Tabs come from the main window's tab list; the other shots live in
:mod:`traitel_desktop.devtools.shots`, one module per feature, and are listed here in the
order they are taken (later shots see what earlier ones did on the demo account). The product
never imports this package.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from traitel_desktop.devtools.shot_kit import LOAD_TIMEOUT, Shot, ShotContext, settle
from traitel_desktop.devtools.shots import (
    activity,
    alerts,
    change_history,
    costs,
    did_wizard,
    help_window,
    ivr,
    subaccounts,
)

if TYPE_CHECKING:
    from traitel_desktop.ui.frame.main_window import MainWindow

__all__ = ["LOAD_TIMEOUT", "REGISTRY", "ShotContext", "all_shots", "settle", "take_all"]

log = logging.getLogger(__name__)

def tab_shot(name: str) -> Shot:
    """A shot of the main window showing tab ``name`` once its data has loaded."""

    async def shot(ctx: ShotContext) -> QWidget:
        window = ctx.window
        index = [spec.name for spec in window.specs].index(name)
        tab: Any = window.tab(name)
        loaded = asyncio.Event()
        tab.loaded.connect(loaded.set)
        window.tabs.blockSignals(True)
        window.tabs.setCurrentIndex(index)
        window.tabs.blockSignals(False)
        task = window.reload_tab(index)
        if task is not None:
            await asyncio.wait_for(asyncio.shield(task), LOAD_TIMEOUT)
        if not loaded.is_set():
            try:
                await asyncio.wait_for(loaded.wait(), 3.0)
            except TimeoutError:
                log.warning("tab %s did not report loaded; taking the shot anyway", name)
        await settle()
        return window

    return shot


async def signin_shot(ctx: ShotContext) -> QWidget:
    """The sign-in dialog, as a new user sees it."""
    from traitel_desktop.ui.frame.signin_dialog import SignInDialog

    dialog = SignInDialog(ctx.settings, ctx.sandbox, parent=None)
    dialog.username.setText("demo")
    dialog.show()
    ctx.cleanup.append(dialog.deleteLater)
    ctx.cleanup.append(dialog.close)
    await settle()
    return dialog


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def signin_error_shot(ctx: ShotContext) -> QWidget:
    """The sign-in dialog after a sign-in that could not reach the gateway (custom addresses
    on a closed loopback port), its error and details shown."""
    from traitel_desktop.services.signin import PROFILE_CUSTOM
    from traitel_desktop.ui.frame.signin_dialog import SignInDialog

    dialog = SignInDialog(ctx.settings, ctx.sandbox, parent=None)
    ctx.cleanup.append(dialog.deleteLater)
    ctx.cleanup.append(dialog.close)
    dialog.show()
    await settle()
    dialog.profile.setCurrentIndex(dialog.profile.findData(PROFILE_CUSTOM))
    dialog.primary_url.setText(f"http://127.0.0.1:{_closed_port()}/accountmanager.pl")
    dialog.username.setText("demo")
    dialog.password.setText("not-sent")
    dialog.start_sign_in()
    if dialog.task is not None:
        await asyncio.wait_for(asyncio.shield(dialog.task), LOAD_TIMEOUT)
    dialog.message_bar.details_button.setChecked(True)
    await settle()
    return dialog


async def settings_shot(ctx: ShotContext) -> QWidget:
    """The settings dialog, once the time zone has been read."""
    from traitel_desktop.ui.frame.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx.session, ctx.window)
    loaded = asyncio.Event()
    dialog.loaded.connect(loaded.set)
    dialog.show()
    ctx.cleanup.append(dialog.deleteLater)
    ctx.cleanup.append(dialog.reject)
    await asyncio.wait_for(loaded.wait(), LOAD_TIMEOUT)
    await settle()
    return dialog


async def settings_error_shot(ctx: ShotContext) -> QWidget:
    """The settings dialog after Save with a time zone that does not exist, and an error in
    its message bar (as when TraiTel cannot be reached)."""
    from traitel_desktop.api.errors import GatewayUnreachable
    from traitel_desktop.ui.frame.settings_dialog import SettingsDialog

    dialog = await settings_shot(ctx)
    assert isinstance(dialog, SettingsDialog)
    dialog.zone.setEditText("Mars/Olympus_Mons")
    await dialog.save()
    dialog.message_bar.show_error(
        GatewayUnreachable([("primary", "connection refused"), ("alternate", "timed out")])
    )
    await settle()
    return dialog


async def settings_alerts_shot(ctx: ShotContext) -> QWidget:
    """The settings dialog on its Alerts page: quiet hours on, a critical level above the
    warning level after Save (its plain error under the field)."""
    from traitel_desktop.ui.frame.settings_dialog import SettingsDialog

    dialog = await settings_shot(ctx)
    assert isinstance(dialog, SettingsDialog)
    page = dialog.alerts_page
    dialog.pages.setCurrentWidget(page)
    page.switch["quiet_hours"].setChecked(True)
    page.critical_level.setText("25")
    await dialog.save()
    await settle()
    return dialog


#: The shots after the tabs, in the order they are taken.
REGISTRY: list[tuple[str, Shot]] = [
    ("signin", signin_shot),
    ("signin-error", signin_error_shot),
    ("settings", settings_shot),
    ("settings-error", settings_error_shot),
    ("settings-alerts", settings_alerts_shot),
    *subaccounts.SHOTS,
    *did_wizard.SHOTS,
    *change_history.SHOTS,
    *ivr.SHOTS,
    *costs.SHOTS,
    *activity.SHOTS,
    *help_window.SHOTS,
    *alerts.SHOTS,
]


def build_all_tabs(window: MainWindow) -> None:
    """Build every tab (importing its module) before the first shot."""
    for spec in window.specs:
        window.tab(spec.name)


def all_shots(window: MainWindow) -> list[tuple[str, Shot]]:
    """Every shot: one per tab (unless the registry shoots that tab itself, as ``alerts``
    with alerts in it), then the registry."""
    own = {name for name, _shot in REGISTRY}
    return [(spec.name, tab_shot(spec.name)) for spec in window.specs
            if spec.name not in own] + list(REGISTRY)


async def _take(ctx: ShotContext, name: str, shot: Shot) -> Path:
    widget = await shot(ctx)
    path = ctx.out_dir / f"{name}.png"
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    while ctx.cleanup:
        ctx.cleanup.pop()()
    await settle(0.05)
    return path


async def take_all(ctx: ShotContext) -> list[Path]:
    """Take every shot of :func:`all_shots` into ``ctx.out_dir``; returns the files
    written."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    build_all_tabs(ctx.window)
    return [await _take(ctx, name, shot) for name, shot in all_shots(ctx.window)]
