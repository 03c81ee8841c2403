"""services layer: the one bridge between Qt and the API client (see DESIGN.md).

``Session`` and ``Superseded`` load lazily, so Qt-free helpers in this package (such as
``early_sandbox``) can be imported before PySide6.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from traitel_desktop.services.session import Session, Superseded

__all__ = ["Session", "Superseded"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from traitel_desktop.services import session

        return getattr(session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
