"""Workarounds for PySide6, qasync and CPython on the Qt thread; README.md says why each exists."""
