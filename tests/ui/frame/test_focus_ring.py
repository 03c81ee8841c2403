"""The focus ring: with the app's look, the control the keyboard is on has a 2 px ring in the
accent colour (checked on a picture of it); the others have none. And the look finds its
resources (the app icon) in the source tree."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from tests.helpers.fresh_sandbox import activate
from tests.helpers.layout_check import app_look
from traitel_desktop.ui.frame.look import ACCENT, ICON_FILE

__all__ = ["app_look"]  # fixture used here


def accent_pixels(widget: QWidget) -> int:
    """How many pixels of a picture of ``widget`` are the accent colour."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    accent = QColor(ACCENT).rgb()
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) == accent
    )


@pytest.mark.parametrize("kind", ["button", "line edit", "combo box", "check box", "table"])
def test_the_focused_control_has_a_ring_in_the_accent_colour(
    kind: str, app_look: None, qtbot: Any
) -> None:
    makers: dict[str, Any] = {
        "button": lambda: QPushButton("&Edit…"),
        "line edit": lambda: QLineEdit("typed"),
        "combo box": lambda: QComboBox(),
        "check box": lambda: QCheckBox("Only &failures"),
        "table": lambda: QTableWidget(3, 3),
    }
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    row = QHBoxLayout()
    first, second = makers[kind](), makers[kind]()
    row.addWidget(first)
    row.addWidget(second)
    layout.addLayout(row)
    window.resize(420, 200 if kind == "table" else 60)
    window.show()
    activate(window)
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    before = accent_pixels(first)
    second.setFocus()  # the ring moves with the keyboard
    qtbot.waitUntil(second.hasFocus)
    unfocused, ringed = accent_pixels(first), accent_pixels(second)
    perimeter = 2 * (second.width() + second.height())
    assert ringed >= 2 * perimeter * 0.8, (kind, ringed, perimeter)  # 2 px all round
    assert before >= 2 * perimeter * 0.8
    assert unfocused < perimeter * 0.1, (kind, unfocused)


def test_the_app_icon_is_found_in_resources() -> None:
    assert ICON_FILE.exists(), ICON_FILE
