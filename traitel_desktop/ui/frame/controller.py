"""The app's flow: sign in (dialog or demo), the main window, sign out, quit."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from traitel_desktop.services.demo import DEMO_PASSWORD, DEMO_USERNAME, LocalSandbox
from traitel_desktop.services.signin import PROFILE_SANDBOX, SignInRequest, sign_in
from traitel_desktop.ui.frame.crash import report
from traitel_desktop.ui.frame.currency_choice import ask_currency_once
from traitel_desktop.ui.widgets.async_tools import wait_dialog

if TYPE_CHECKING:
    from concurrent.futures import Future

    from traitel_desktop.services import Session
    from traitel_desktop.services.settings import AppSettings
    from traitel_desktop.ui.frame.main_window import MainWindow

log = logging.getLogger(__name__)


class AppController(QObject):
    """Runs the app until the user quits; owns the local sandbox and stops it at the end."""

    def __init__(
        self,
        settings: AppSettings,
        *,
        demo: bool = False,
        sandbox_dir: Path | None = None,
        data_dir: Path | None = None,
        pending_sandbox: Future[Any] | None = None,
        demo_gateways: tuple[str, ...] | None = None,
        ready_hook: Callable[[MainWindow], Awaitable[None]] | None = None,
        demo_live_rate: float = 0.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.demo = demo
        self.data_dir = data_dir
        #: Awaited once the main window is shown; the app then quits (the start-up
        #: benchmark's hook, ``devtools.startup.report_ready``).
        self.ready_hook = ready_hook
        running = None
        if demo_gateways:
            # A sandbox that runs elsewhere (benchmark): use it, never stop it.
            from types import SimpleNamespace

            running = SimpleNamespace(primary_url=demo_gateways[0], alternate_url=demo_gateways[-1])
        self.sandbox = LocalSandbox(
            sandbox_dir, running=running, pending=pending_sandbox, live_rate=demo_live_rate
        )
        self.window: MainWindow | None = None
        self._quit = asyncio.Event()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.aboutToQuit.connect(self._quit.set)

    async def demo_session(self) -> Session:
        """Start the sandbox (if needed) and sign in to demo/demo."""
        urls = await self.sandbox.urls()
        request = SignInRequest(DEMO_USERNAME, DEMO_PASSWORD, PROFILE_SANDBOX, urls)
        data_dir = self.data_dir or self.sandbox.records_dir(DEMO_USERNAME)
        return await sign_in(request, settings=self.settings, data_dir=data_dir)

    async def dialog_session(self) -> tuple[Session | None, str]:
        """Show the sign-in dialog; (session, notice) or (None, "") when the user quit."""
        from traitel_desktop.ui.frame.signin_dialog import SignInDialog

        dialog = SignInDialog(self.settings, self.sandbox, data_dir=self.data_dir)
        try:
            accepted = await wait_dialog(dialog)
            return (dialog.session if accepted else None), dialog.notice
        finally:
            dialog.deleteLater()

    async def run(self) -> int:
        """Sign in, show the main window, repeat after sign-out; 0 when the user quits."""
        session: Session | None = None
        notice = ""
        if self.demo:
            try:
                session = await self.demo_session()
            except Exception as exc:
                report(exc)
        if session is None:
            session, notice = await self.dialog_session()
        while session is not None:
            outcome = await self.show_main(session, notice)
            session.close()
            if outcome == "quit" or self._quit.is_set():
                break
            session, notice = await self.dialog_session()
        return 0

    def make_window(self, session: Session) -> MainWindow:
        """The main window of ``session``, with the demo badge when it is on this computer's
        sandbox (practice data)."""
        from traitel_desktop.ui.frame.main_window import MainWindow

        practice = self.sandbox.practice() if session.profile == PROFILE_SANDBOX else None
        return MainWindow(session, practice=practice)

    async def show_main(self, session: Session, notice: str = "") -> str:
        """Show the main window until it closes; "signout" or "quit"."""
        window = self.make_window(session)
        self.window = window
        loop = asyncio.get_running_loop()
        outcome: asyncio.Future[str] = loop.create_future()

        def finish(value: str) -> None:
            if not outcome.done():
                outcome.set_result(value)

        window.sign_out_requested.connect(lambda: finish("signout"))
        window.quit_requested.connect(lambda: finish("quit"))
        window.settings_requested.connect(self.open_settings)
        quit_waiter = asyncio.ensure_future(self._quit.wait())
        quit_waiter.add_done_callback(lambda _f: finish("quit"))
        if notice:
            window.message_bar.show_info(notice)
        window.show()
        window.start_watching()  # one watcher per window, closed with it
        ask_currency_once(window)  # first sign-in only; never for the demo
        if self.ready_hook is not None:
            await self.ready_hook(window)
            finish("quit")
        try:
            return await outcome
        finally:
            quit_waiter.cancel()
            self.window = None
            if window.isVisible():
                window.close()
            window.deleteLater()

    def open_settings(self) -> None:
        """Open the settings dialog (non-blocking) over the main window."""
        from traitel_desktop.ui.frame.settings_dialog import SettingsDialog

        window = self.window
        if window is None:
            return
        dialog = SettingsDialog(window.session, window)
        dialog.accepted.connect(window.apply_preferences)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def shutdown(self) -> None:
        """Stop the sandbox."""
        self.sandbox.stop()
