"""matplotlib is imported only when the Spend tab is first shown.

Runs in a fresh Python process (this test process may have imported matplotlib already): a
main window signed in to a demo sandbox opens on the Numbers tab and loads it, then the
Spend tab is shown and loads. ``sys.modules`` is read after each step.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import asyncio, sys, tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    import qasync
    from traitel_desktop.runtime.event_loop import AppEventLoop

    from traitel_desktop.sandbox import start_sandbox
    from traitel_desktop.services import Session
    from traitel_desktop.ui.frame.main_window import MainWindow

    app = QApplication([])
    loop = AppEventLoop(app)
    asyncio.set_event_loop(loop)
    sb = start_sandbox(preset="demo")
    data = Path(tempfile.mkdtemp())

    async def main():
        session = Session("demo", "demo", (sb.primary_url, sb.alternate_url), data_dir=data)
        await session.refresh_time_zone()
        window = MainWindow(session)
        names = [spec.name for spec in window.specs]
        window.tabs.setCurrentIndex(names.index("numbers"))
        window.show()
        numbers = window.tab("numbers")
        done = asyncio.Event()
        numbers.loaded.connect(done.set)
        await asyncio.wait_for(done.wait(), 30)
        print("after-numbers", "matplotlib" in sys.modules, flush=True)
        spend = window.tab("spend")
        print("spend-built", "matplotlib" in sys.modules, flush=True)
        done = asyncio.Event()
        spend.loaded.connect(done.set)
        window.tabs.setCurrentIndex(names.index("spend"))
        await asyncio.wait_for(done.wait(), 60)
        print("after-spend", "matplotlib" in sys.modules, len(spend.chart.bar_patches()),
              len(spend.chart.data.series.buckets), flush=True)
        window.close()
        session.close()

    try:
        loop.run_until_complete(main())
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()
        sb.stop()
    """
)


@pytest.mark.slow
def test_matplotlib_is_imported_only_when_the_spend_tab_is_shown(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["after-numbers"] == "False"
    assert lines["spend-built"] == "False"  # building the tab does not import it either
    shown, bars, months = lines["after-spend"].split()
    # The last 12 months in monthly bars: 13 calendar months touched (12 on a month's end).
    assert shown == "True" and int(months) in (12, 13) and int(bars) == int(months) * 4
