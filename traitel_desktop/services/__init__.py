"""services layer: the one bridge between Qt and the API client (see DESIGN.md)."""

from traitel_desktop.services.session import Session, Superseded

__all__ = ["Session", "Superseded"]
