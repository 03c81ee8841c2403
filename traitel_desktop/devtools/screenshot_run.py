"""``--demo --screenshots DIR``: sign in to the demo, take every shot, exit 0.

Uses a throw-away settings file and data directory so the user's own are never touched.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

from traitel_desktop.devtools.screenshots import ShotContext, settle, take_all
from traitel_desktop.services.settings import AppSettings
from traitel_desktop.ui.frame.controller import AppController

log = logging.getLogger(__name__)

WINDOW_SIZE = (1100, 720)


async def run_screenshots(
    out_dir: Path,
    sandbox_dir: Path | None = None,
    window_size: tuple[int, int] | None = None,
) -> int:
    """Take the screenshots into ``out_dir`` with the main window at ``window_size``
    (default :data:`WINDOW_SIZE`); 0 on success, 1 if a shot failed."""
    from traitel_desktop.ui.frame.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="traitel-shots-") as tmp:
        settings = AppSettings(
            QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        )
        controller = AppController(settings, sandbox_dir=sandbox_dir, data_dir=Path(tmp) / "data")
        window: MainWindow | None = None
        try:
            session = await controller.demo_session()
            window = controller.make_window(session)
            controller.window = window
            window.resize(*(window_size or WINDOW_SIZE))
            window.show()
            await settle()
            ctx = ShotContext(window, session, settings, controller.sandbox, out_dir)
            written = await take_all(ctx)
        except Exception:
            log.exception("screenshots failed")
            return 1
        finally:
            if window is not None:
                window.save_state = lambda: None  # type: ignore[method-assign]
                window.close()
                window.session.close()
                window.deleteLater()
            controller.shutdown()
    for path in written:
        print(path, file=sys.stdout)
    return 0
