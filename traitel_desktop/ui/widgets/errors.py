"""Errors in plain words: the message, the details (code and server text), and the dialog for
unexpected exceptions.

Works on the API layer's typed errors (``traitel_desktop.api.errors``) by their documented
attributes (``explanation``, ``code``, ``server_text``), so it never needs to import them.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

#: Parentless dialogs must stay referenced until closed, or Python would delete them.
_open_boxes: set[QMessageBox] = set()


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def plain_message(exc: BaseException) -> str:
    """What went wrong, in words an account owner understands."""
    explanation = getattr(exc, "explanation", None)
    if isinstance(explanation, str) and explanation.strip():
        return explanation
    if isinstance(exc, TimeoutError):
        return _tr("TraiTel did not answer in time. Please try again in a moment.")
    if isinstance(exc, ConnectionError | OSError):
        return _tr("Could not reach TraiTel. Check your internet connection and try again.")
    return _tr("Something unexpected went wrong. Please try again.")


def details(exc: BaseException) -> str:
    """The technical details: the error code and the server's own text, when there are any."""
    code = getattr(exc, "code", None)
    server_text = getattr(exc, "server_text", None)
    lines: list[str] = []
    if isinstance(code, int):
        lines.append(_tr("Error code: {code}").format(code=f"{code:03d}"))
    if isinstance(server_text, str) and server_text:
        lines.append(_tr("Server said: {text}").format(text=server_text))
    if not lines:
        text = str(exc)
        lines.append(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)
    return "\n".join(lines)


def show_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """Log an unexpected exception and show it in a non-modal dialog (``open()``, never
    ``exec()``, so it is safe inside a coroutine)."""
    log.error("Unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    box = QMessageBox(parent)
    box.setObjectName("unexpectedErrorDialog")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Something went wrong"))
    box.setText(
        _tr(
            "TraiTel Desktop ran into a problem it did not expect. Your data on TraiTel is "
            "safe; you can keep working, or restart the app if something looks wrong."
        )
    )
    box.setInformativeText(plain_message(exc))
    box.setDetailedText("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setAccessibleName(_tr("Unexpected error"))
    _open_boxes.add(box)
    box.finished.connect(lambda _result: _open_boxes.discard(box))
    box.open()
