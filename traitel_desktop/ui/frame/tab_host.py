"""A tab page that builds its real widget the first time it is needed.

The main window shows sooner (tab modules are imported only when their tab is first shown),
and a later tab that is slow to import (charts) costs nothing at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:
    from traitel_desktop.services import Session
    from traitel_desktop.ui.frame.tabs import TabSpec


class TabHost(QWidget):
    """Holds one tab; :meth:`content` builds it (once) from its :class:`TabSpec` and then
    emits ``built(widget)``."""

    content_built = Signal(QWidget)

    def __init__(self, spec: TabSpec, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.session = session
        self.setObjectName(f"tabhost-{spec.name}")
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        """Whether the real tab exists yet."""
        return self._content is not None

    def content(self) -> QWidget:
        """The real tab widget, built on first use."""
        if self._content is None:
            widget = self.spec.build(self.session, self)
            widget.setObjectName(f"tab-{self.spec.name}")
            self._layout.addWidget(widget)
            self._content = widget
            self.content_built.emit(widget)
        return self._content
