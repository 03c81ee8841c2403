"""ui layer: widgets only (main window, tabs, dialogs); talks to services/.

Importing it applies the PySide6 work-arounds of :mod:`traitel_desktop.services.qt_fixes`.
"""

from traitel_desktop.services import qt_fixes as _qt_fixes

_qt_fixes.apply()
