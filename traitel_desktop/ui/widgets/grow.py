"""Dialogs that grow to show what they hold: an error appearing in a message bar or under a
field makes the dialog taller instead of squashing its fields.

Qt keeps a window at least as large as its layout's minimum size, but a word-wrapped label's
height depends on its width (height-for-width), which a top-level window's minimum ignores: a
long error wrapped over four lines takes its room from the line edits around it, down to a
few pixels. :func:`keep_fitting` watches the dialog's layout requests and grows the dialog
(never shrinks it) to the height its layout needs at the current width, within the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["fit_to_contents", "keep_fitting", "resize_within"]


def fit_to_contents(window: QWidget) -> None:
    """Grow ``window`` (never shrink it) so its layout gets the height it needs at the
    window's width, word-wrapped labels included; at most the screen's available height."""
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(window.width()))
    screen = window.screen()
    if screen is not None:
        frame = window.frameGeometry().height() - window.geometry().height()
        needed = min(needed, screen.availableGeometry().height() - max(frame, 0))
    if needed > window.height():
        window.resize(window.width(), needed)


def resize_within(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` x ``height``, or smaller so it fits over the window it
    opens from (on a 1024x700 laptop, a 1100 px dialog would run off the screen)."""
    parent = window.parentWidget()
    if parent is not None:
        bound = parent.window().size()
    elif window.screen() is not None:
        bound = window.screen().availableGeometry().size()
    else:
        bound = QSize(width, height)
    margin = 24  # a little of the window behind stays visible around the dialog
    window.resize(
        max(min(width, bound.width() - margin), window.minimumWidth()),
        max(min(height, bound.height() - margin), window.minimumHeight()),
    )


class _Fitter(QObject):
    """Refits its dialog after each of its layout requests (one turn of the loop later, once
    the layout has settled)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(lambda: fit_to_contents(self._window))
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Schedule a refit on a layout request or when the window is shown."""
        if watched is self._window and event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.Show,
        ):
            self._timer.start()
        return False


def keep_fitting(window: QWidget) -> None:
    """Keep ``window`` tall enough for its contents from now on (see the module docstring)."""
    _Fitter(window)
