"""services layer: the one bridge between Qt and the API client (see DESIGN.md)."""

from traitel_desktop.services import qt_fixes  # noqa: F401  (PySide6 6.12 emit() fix)
from traitel_desktop.services.session import Session, Superseded

__all__ = ["Session", "Superseded"]
