"""Is a Qt object still there? The one check the views make after an ``await``.

A coroutine on the Qt thread (qasync) gives control back at every ``await``; meanwhile the
user may close the window or tab that started it, and Qt deletes the C++ side of its widgets
while their Python wrappers live on in the coroutine's frame. Touching such a wrapper raises
``RuntimeError: Internal C++ object already deleted`` (DESIGN.md, qasync pitfalls). Every view
asks :func:`alive` before it touches a widget after an await, instead of calling
``shiboken6.isValid`` itself in dozens of places.
"""

from __future__ import annotations

import shiboken6

__all__ = ["alive"]


def alive(obj: object) -> bool:
    """True while ``obj``'s C++ object exists (``shiboken6.isValid``; a plain Python object
    counts as alive)."""
    return bool(shiboken6.isValid(obj))
