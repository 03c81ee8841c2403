"""Entry point: arguments, QApplication on a qasync loop, exception hooks, then the app flow.

Imports stay lazy so the window shows fast (no matplotlib or tab modules before it does).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future

APP_NAME = "TraiTel Desktop"
ORG_NAME = "TraiTel"
ORG_DOMAIN = "traitel.com"


def window_size(text: str) -> tuple[int, int]:
    """``"1024x700"`` as ``(1024, 700)``; an argparse type (a bad value is a usage error)."""
    width, sep, height = text.strip().lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"expected a size such as 1024x700, not {text!r}")
    size = int(width), int(height)
    if not all(200 <= n <= 10000 for n in size):
        raise argparse.ArgumentTypeError(f"{text!r}: each side must be 200 to 10000 pixels")
    return size


def demo_live_rate(text: str) -> float:
    """``--demo-live RATE``: new events a minute, 0 to 600 (else a plain usage error)."""
    try:
        rate = float(text)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 600:  # also refuses nan
        raise argparse.ArgumentTypeError(
            f"RATE is how many new events a minute to add, a number from 0 to 600, not {text!r}"
        )
    return rate


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="traitel-desktop", description=APP_NAME)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the sandbox on this computer and sign in to its demo account",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="with --demo: keep the practice account and the app's records of it in this "
        "directory (changes persist; without it they are forgotten on quit)",
    )
    parser.add_argument(
        "--screenshots",
        type=Path,
        default=None,
        metavar="DIR",
        help="with --demo: save a PNG of every tab and dialog into DIR, then exit",
    )
    parser.add_argument(
        "--screenshot-size",
        type=window_size,
        default=None,
        metavar="WxH",
        help="with --screenshots: the main window's size, e.g. 1024x700 (default 1100x720)",
    )
    parser.add_argument(
        "--demo-live",
        type=demo_live_rate,
        default=None,
        metavar="RATE",
        help="with --demo: new activity a minute on the demo account while it runs "
        "(default 1, so alerts arrive now and then; 0 turns it off)",
    )
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    # For the start-up benchmark: the demo account on a sandbox that already runs elsewhere.
    parser.add_argument("--demo-gateways", nargs=2, default=None, help=argparse.SUPPRESS)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    args = parser.parse_args(argv)
    if args.screenshots is not None or args.demo_gateways:
        args.demo = True
    if args.demo_live is None:
        from traitel_desktop.services.early_sandbox import DEMO_LIVE_RATE

        args.demo_live = DEMO_LIVE_RATE
    return args


def _preload_in_background(module: str) -> None:
    """Import ``module`` in a daemon thread while the main thread loads Qt."""
    import importlib
    import threading

    def run() -> None:
        try:
            importlib.import_module(module)
        except Exception:  # the main thread will import it again and report the error
            logging.getLogger(__name__).debug("preloading %s failed", module, exc_info=True)

    threading.Thread(target=run, name=f"preload-{module}", daemon=True).start()


def make_application() -> object:
    """The QApplication with name, organisation, icon, high-DPI policy and look."""
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtCore import QCoreApplication, QSettings, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("traitel-desktop")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    from traitel_desktop.ui.frame.look import apply_look

    apply_look(app)
    return app


def setup_logging(verbose: bool) -> None:
    """Log to the console (WARNING and up; INFO with ``--verbose``) and keep the last lines
    in memory for Help ▸ Report a problem (the app writes no log file)."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    from traitel_desktop.services.log_buffer import install_recent_log

    install_recent_log()


def main(argv: list[str] | None = None) -> int:
    """Run the app; returns the exit status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    # shiboken6 walks sys.modules when it is first imported; another thread importing at
    # that moment makes it abort the process ("dictionary changed size during iteration",
    # "Fatal Python error: libshiboken/signature"). So it is imported before any thread.
    import PySide6  # noqa: F401

    _preload_in_background("traitel_desktop.api")  # requests & co., needed to sign in
    pending_sandbox = None
    if args.demo and args.screenshots is None and not args.demo_gateways:
        # Start the sandbox now, in parallel with Qt's start-up (see bench/bench_startup.py).
        from traitel_desktop.services.early_sandbox import start_early

        pending_sandbox = start_early(args.data_dir, live_rate=args.demo_live)
    setup_logging(args.verbose)
    app = make_application()
    import asyncio

    from traitel_desktop.runtime.event_loop import AppEventLoop
    from traitel_desktop.runtime.qt_collector import QtThreadCollector
    from traitel_desktop.ui.frame.crash import install_exception_hooks

    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    uninstall = install_exception_hooks(loop)
    collector = QtThreadCollector()  # cycles are collected on the Qt thread only
    try:
        with loop:
            if args.screenshots is not None:
                from traitel_desktop.devtools.screenshot_run import run_screenshots

                return loop.run_until_complete(
                    run_screenshots(args.screenshots, args.data_dir, args.screenshot_size)
                )
            return loop.run_until_complete(_run(args, pending_sandbox))
    finally:
        collector.uninstall()
        uninstall()


async def _run(args: argparse.Namespace, pending_sandbox: Future[Any] | None) -> int:
    from traitel_desktop.services.settings import AppSettings
    from traitel_desktop.ui.frame.controller import AppController

    ready_hook = None
    if args.exit_when_ready:
        from traitel_desktop.devtools.startup import report_ready

        ready_hook = report_ready
    controller = AppController(
        AppSettings(),
        demo=args.demo,
        sandbox_dir=args.data_dir,
        pending_sandbox=pending_sandbox,
        demo_gateways=tuple(args.demo_gateways) if args.demo_gateways else None,
        ready_hook=ready_hook,
        demo_live_rate=args.demo_live,
    )
    try:
        return await controller.run()
    finally:
        controller.shutdown()
