"""The shared part of the dialogs that send one change to TraiTel (add / edit a sub-account or
an IVML configuration, assign a number).

:class:`RecordDialog` runs the ``submit`` coroutine it was given with a busy bar; while that is
in flight the dialog cannot be submitted (or closed: Cancel, Esc) again and its inputs are
locked. When TraiTel refuses, the dialog stays open with everything typed kept: each refusal
goes on the field concerned (:class:`FieldErrors`, all at once) or else in the message bar; on
success it closes with ``Accepted`` and keeps the submit result in
:attr:`RecordDialog.result_value`, and in :attr:`RecordDialog.notes` what this computer could
not record meanwhile (the change is made all the same: see ``services.storage``). Shown with
``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls).

Text fields have no length cap of their own (a cap would cut a paste silently): a field over
the gateway's limit (``contract.limits``), or holding a control character, is marked as soon
as it is typed or pasted, keeps what was typed, and is refused on save. The dialog grows to
show every message whole.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.api.errors import ApiError
from traitel_desktop.api.text_check import text as checked_text
from traitel_desktop.contract.limits import TEXT_LIMITS
from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.ui.widgets.async_tools import spawn
from traitel_desktop.ui.widgets.errors import show_unexpected
from traitel_desktop.ui.widgets.field_errors import FieldErrors
from traitel_desktop.ui.widgets.message_bar import MessageBar


class RecordDialog(QDialog):
    """A dialog sending one request through ``submit``; see the module docstring.

    Subclasses build their form, call :meth:`make_footer` and :meth:`finish_layout`, and
    provide :meth:`draft` (and :meth:`check`) or override :meth:`start_submit`."""

    #: The name of the asyncio task that sends.
    task_name = "record-submit"

    def __init__(self, submit: Callable[[Any], Awaitable[Any]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.submit = submit
        self.result_value: Any = None
        #: True when a request failed in a way that leaves its outcome unknown.
        self.outcome_unknown = False
        #: The last error TraiTel (or the client) gave, if any.
        self.last_error: Exception | None = None
        self.task: asyncio.Task[None] | None = None
        #: Notes in plain words from the last successful submit (see the module docstring).
        self.notes: list[str] = []
        self._busy = False
        self.message_bar = MessageBar(self)
        self.field_errors = FieldErrors()
        self.field_errors.on_change = self.fit_to_contents

    # --- building -----------------------------------------------------------------------
    def make_intro(self, text: str) -> QLabel:
        """The grey sentence at the top of the dialog."""
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        intro.setObjectName("accountSub")
        return intro

    def make_form(
        self, ident: int | None, id_label: str, id_param: str
    ) -> tuple[QWidget, QFormLayout, QLineEdit | None]:
        """The form (in a box); when editing (``ident`` given) its first row shows the
        record's ID, read-only, bound to the ``id_param`` errors."""
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        if ident is None:
            return box, form, None
        edit = QLineEdit(str(ident), box)
        edit.setReadOnly(True)
        edit.setAccessibleName(id_label)
        form.addRow(id_label, edit)
        self.field_errors.bind(id_param, edit)
        return box, form, edit

    @staticmethod
    def line(form: QFormLayout, label: str, accessible: str) -> QLineEdit:
        """A text field added to ``form`` as ``label`` (its length is checked, never capped:
        see the module docstring)."""
        edit = QLineEdit(form.parentWidget())
        edit.setAccessibleName(accessible)
        form.addRow(label, edit)
        return edit

    def bind_fields(self, params: dict[str, str]) -> None:
        """Bind each field (attribute name) to the request parameter it is sent as; a text
        field with a length limit is checked as it is typed (see :meth:`check_typed`)."""
        for name, param in params.items():
            widget = getattr(self, name)
            self.field_errors.bind(param, widget)
            if isinstance(widget, QLineEdit) and param in TEXT_LIMITS:
                widget.textEdited.connect(
                    lambda text, param=param: self.check_typed(param, text)
                )

    def check_typed(self, param: str, text: str) -> None:
        """Mark ``param`` at once when ``text`` is over its limit or holds a control
        character (what was typed is kept)."""
        try:
            checked_text(text, param, "")
        except ApiError as exc:
            self.field_errors.show_text(param, exc.explanation)

    def mark_problems(self, exc: ApiError, texts: dict[tuple[str, int], str] | None = None) -> None:
        """Mark every field ``exc`` (the client's checks) refuses; ``texts`` gives this
        dialog's own words for some (field, code) pairs."""
        texts = texts or {}
        for problem in exc.problems:
            if problem.field is None:
                continue
            text = texts.get((problem.field, problem.code), problem.explanation)
            if not self.field_errors.show_text(problem.field, text):
                self.message_bar.show_error(problem)

    def fit_to_contents(self) -> None:
        """Grow the dialog (never shrink it) so every message shows whole at its width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalMinimumSize().height()
        if layout.hasHeightForWidth():
            needed = max(needed, layout.totalHeightForWidth(self.width()))
        if needed > self.height():
            self.resize(self.width(), needed)

    def start_layout(self) -> QVBoxLayout:
        """The dialog's layout, with the message bar on top."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        return layout

    def make_footer(
        self, ok: QDialogButtonBox.StandardButton, text: str, accessible: str
    ) -> QPushButton:
        """Create the busy bar, the status line and the OK / Cancel buttons; returns OK."""
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sending to TraiTel"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(ok)
        self.ok_button.setText(text)
        self.ok_button.setAccessibleName(accessible)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(lambda: self.start_submit())
        self.buttons.rejected.connect(self.reject)
        return self.ok_button

    def finish_form(
        self, intro: QLabel, form_box: QWidget, params: dict[str, str], *, adding: bool,
        add_name: str,
    ) -> QPushButton:
        """Bind the fields to ``params``, add the Add (``adding``) or Save button (named
        ``add_name`` / "Save the changes") and lay out ``intro`` and the form; returns it."""
        self.bind_fields(params)
        button = self.make_footer(
            QDialogButtonBox.StandardButton.Save,
            self.tr("&Add") if adding else self.tr("&Save"),
            add_name if adding else self.tr("Save the changes"),
        )
        layout = self.start_layout()
        layout.addWidget(intro)
        layout.addWidget(form_box)
        self.finish_layout(layout)
        return button

    def finish_layout(self, layout: QVBoxLayout) -> None:
        """Add the stretch, the busy bar and the status line with the buttons to ``layout``."""
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(bottom)

    # --- state --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a request is in flight."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.lock(busy)
        self.progress.setVisible(busy)
        self.status.setText(self.tr("Sending to TraiTel…") if busy else "")

    def lock(self, busy: bool) -> None:
        """Lock (or unlock) the inputs and buttons while a request is in flight."""
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    # --- sending ------------------------------------------------------------------------
    def draft(self) -> Any:
        """What is entered now (what ``submit`` is given)."""
        raise NotImplementedError

    def check(self, draft: Any) -> bool:
        """Local checks before anything is sent; marks the field and returns False on a
        problem."""
        return True

    def start_submit(self) -> None:
        """OK / Enter: check locally, then send, unless already sending."""
        if self._busy:
            return
        self.field_errors.clear()
        self.message_bar.clear()
        draft = self.draft()
        if not self.check(draft):
            return
        self.send(draft)

    def send(self, value: Any) -> None:
        """Send ``value`` through ``submit`` in the background, showing the dialog busy."""
        self._set_busy(True)
        self.task = spawn(self._send(value), name=self.task_name)

    def show_refusal(self, exc: Exception, value: Any) -> None:
        """Show TraiTel's refusal of ``value``: on the fields concerned, else in the bar."""
        unshown = self.field_errors.show_all(exc)
        if unshown:
            self.message_bar.show_error(unshown[0])
        self.fit_to_contents()

    async def _send(self, value: Any) -> None:
        from traitel_desktop.api.errors import TraiTelError, UnknownOutcome
        from traitel_desktop.services.storage import StorageError, collecting_notes

        try:
            with collecting_notes() as notes:
                result = await self.submit(value)
        except StorageError as exc:  # before anything was sent: nothing changed
            if not alive(self):
                return
            self._set_busy(False)
            self.message_bar.show_error(exc)
            return
        except TraiTelError as exc:
            if not alive(self):
                return
            self._set_busy(False)
            self.last_error = exc
            self.outcome_unknown = self.outcome_unknown or isinstance(exc, UnknownOutcome)
            self.show_refusal(exc, value)
            return
        except Exception as exc:
            if not alive(self):
                return
            self._set_busy(False)
            show_unexpected(self, exc)
            return
        if not alive(self):
            return
        self._set_busy(False)
        self.result_value = result
        self.notes = notes
        self.accept()

    def reject(self) -> None:
        """Cancel / Esc / close, except while a request is in flight."""
        if self._busy:
            return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:
        """Enter submits (through :meth:`start_submit`, so never twice)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.start_submit()
            event.accept()
            return
        super().keyPressEvent(event)
