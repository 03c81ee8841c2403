"""Test configuration shared by every test.

GUI tests run headless: the Qt platform is forced to ``offscreen`` here, before any Qt import,
so no developer or CI shell has to set it (set ``TRAITEL_TEST_DISPLAY=1`` to watch them).
"""

from __future__ import annotations

import os

if not os.environ.get("TRAITEL_TEST_DISPLAY"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_API", "pyside6")
