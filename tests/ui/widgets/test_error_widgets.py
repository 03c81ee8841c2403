"""MessageBar, FieldErrors and the plain-words helpers, on the API layer's real error types."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from traitel_desktop.api import errors
from traitel_desktop.ui.widgets.errors import details, plain_message
from traitel_desktop.ui.widgets.field_errors import FieldErrors
from traitel_desktop.ui.widgets.message_bar import MessageBar


def test_plain_message_and_details_of_an_api_error() -> None:
    exc = errors.error_for_code(104, "Invalid email address.", field="email")
    assert plain_message(exc) == exc.explanation
    text = details(exc)
    assert "104" in text
    assert "Invalid email address." in text


def test_plain_message_of_an_unknown_exception_is_generic() -> None:
    text = plain_message(ZeroDivisionError("boom"))
    assert "boom" not in text
    assert "ZeroDivisionError: boom" in details(ZeroDivisionError("boom"))


def test_message_bar_shows_error_with_details_toggle(qtbot: Any) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show()
    exc = errors.error_for_code(2, "Authentication failed.")
    bar.show_error(exc)
    assert bar.isVisible()
    assert bar.text == exc.explanation
    assert not bar.details_label.isVisible()
    bar.details_button.click()
    assert bar.details_label.isVisible()
    assert "002" in bar.details_label.text()
    assert "Authentication failed." in bar.details_label.text()
    bar.show_info("All saved.")
    assert bar.text == "All saved."
    assert bar.details_button.isHidden()
    bar.clear()
    assert bar.isHidden()
    assert bar.text == ""


def test_field_errors_marks_the_field_that_caused_the_error(qtbot: Any) -> None:
    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    alias = QLineEdit()
    email = QLineEdit()
    layout.addRow("Alias", alias)
    layout.addRow("E-mail", email)
    fields = FieldErrors()
    fields.bind("alias", alias)
    fields.bind("email", email)
    form.show()
    form.activateWindow()
    qtbot.waitActive(form)

    exc = errors.error_for_code(104, "Invalid email address.", field="email")
    assert fields.show(exc) is True
    assert email.property("invalid") is True
    assert alias.property("invalid") is not True
    assert fields.message("email") == exc.explanation
    qtbot.waitUntil(email.hasFocus, timeout=1000)

    fields.clear()
    assert email.property("invalid") is False
    assert fields.message("email") == ""

    not_a_field = errors.error_for_code(1, "Service Unavailable.")
    assert fields.show(not_a_field) is False
