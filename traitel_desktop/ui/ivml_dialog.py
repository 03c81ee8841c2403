"""The add / edit IVML configuration dialog (the delete confirmation, :class:`DeleteIvmlDialog`,
lives in :mod:`traitel_desktop.ui.ivml_delete` and is importable from here too).

Shown with ``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls). Save checks the name
and the two web addresses locally (nothing is sent when one is wrong), then runs the
``submit`` coroutine it was given; while that is in flight the dialog shows it is working and
cannot be submitted (or closed) again. When TraiTel refuses (110, 115, 116, ...) the dialog
stays open, marks the field concerned (115 concerns no field: it is shown above the form,
saying what to do) and keeps everything typed; on success it closes with ``Accepted`` and
keeps the submit result in :attr:`IvmlDialog.result_value`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.services.ivml import (
    INBOUND,
    OUTBOUND,
    PARAMS,
    IvmlDraft,
    draft_of,
    is_web_address,
    numbers_text,
)
from traitel_desktop.ui.async_tools import spawn
from traitel_desktop.ui.errors import show_unexpected
from traitel_desktop.ui.field_errors import FieldErrors
from traitel_desktop.ui.ivml_delete import DeleteIvmlDialog
from traitel_desktop.ui.ivr_model import outbound_words
from traitel_desktop.ui.message_bar import MessageBar

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig

__all__ = ["DeleteIvmlDialog", "IvmlDialog", "ivml_edit_shot", "register_screenshots"]

Submit = Callable[[IvmlDraft], Awaitable[Any]]

#: Example addresses shown as placeholders.
LAUNCH_EXAMPLE = "https://example.com/ivml/launch.xml"
RESULT_EXAMPLE = "https://example.com/ivml/result"


class IvmlDialog(QDialog):
    """Adds an IVML configuration (``config`` None) or edits ``config``; see the module
    docstring."""

    def __init__(
        self, submit: Submit, parent: QWidget | None = None, *, config: IvmlConfig | None = None
    ) -> None:
        super().__init__(parent)
        self.submit = submit
        self.config = config
        self.result_value: Any = None
        #: True when a request failed in a way that leaves its outcome unknown.
        self.outcome_unknown = False
        #: The last error TraiTel (or the client) gave, if any.
        self.last_error: Exception | None = None
        self.task: asyncio.Task[None] | None = None
        self._busy = False
        self.setObjectName("ivmlDialog")
        self.setWindowTitle(
            self.tr("Add an IVML configuration")
            if config is None
            else self.tr("Change IVML configuration")
        )
        self.setMinimumWidth(560)
        self.message_bar = MessageBar(self)

        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setObjectName("accountSub")
        if config is None:
            intro.setText(
                self.tr(
                    "An IVML configuration is a call flow: TraiTel fetches what to do with a "
                    "call from your launch address. Whoever built the call flow can give you "
                    "the addresses."
                )
            )
        else:
            intro.setText(self.tr("Change what you need; only the changes are sent to TraiTel."))

        form_box = QWidget(self)
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.ivml_id: QLineEdit | None = None
        if config is not None:
            self.ivml_id = QLineEdit(str(config.id), form_box)
            self.ivml_id.setReadOnly(True)
            self.ivml_id.setAccessibleName(self.tr("Configuration ID"))
            form.addRow(self.tr("Configuration ID"), self.ivml_id)
        self.name = self._line(form, self.tr("&Name"), self.tr("Name"))
        self.name.setPlaceholderText(self.tr("e.g. Support line"))
        self.type = QComboBox(form_box)
        self.type.addItem(self.tr("Inbound — answers calls to its numbers"), INBOUND)
        self.type.addItem(self.tr("Outbound — runs calls TraiTel places for you"), OUTBOUND)
        self.type.setAccessibleName(self.tr("Type"))
        form.addRow(self.tr("&Type"), self.type)
        self.launch_url = self._line(form, self.tr("&Launch address"), self.tr("Launch address"))
        self.launch_url.setPlaceholderText(LAUNCH_EXAMPLE)
        self.launch_url.setToolTip(
            self.tr("TraiTel fetches the call's instructions (IVML) from this web address.")
        )
        self.result_url = self._line(form, self.tr("&Result address"), self.tr("Result address"))
        self.result_url.setPlaceholderText(self.tr("Optional — e.g. {0}").format(RESULT_EXAMPLE))
        self.result_url.setToolTip(
            self.tr("TraiTel sends the outcome of each call to this web address. Optional.")
        )
        self.numbers: QLabel | None = None
        if config is not None:
            text = numbers_text(config.dids, config.outbound, outbound_words=outbound_words())
            self.numbers = QLabel(
                text or self.tr("None yet — assign numbers to it in the Numbers tab."), form_box
            )
            self.numbers.setWordWrap(True)
            self.numbers.setObjectName("" if text else "accountSub")
            self.numbers.setAccessibleName(self.tr("Numbers using this configuration"))
            form.addRow(self.tr("Numbers"), self.numbers)

        self.field_errors = FieldErrors()
        for name, param in PARAMS.items():
            self.field_errors.bind(param, getattr(self, name))
        if self.ivml_id is not None:
            self.field_errors.bind("ivmlid", self.ivml_id)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sending to TraiTel"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("accountSub")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Add") if config is None else self.tr("&Save"))
        self.save_button.setAccessibleName(
            self.tr("Add the configuration") if config is None else self.tr("Save the changes")
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_save)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.message_bar)
        layout.addWidget(intro)
        layout.addWidget(form_box)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(bottom)

        if config is not None:
            self.set_draft(draft_of(config))
        self.name.setFocus()
        self.name.deselect()

    def _line(self, form: QFormLayout, text: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(form.parentWidget())
        edit.setAccessibleName(accessible)
        edit.setMaxLength(200)
        form.addRow(text, edit)
        return edit

    # --- values -------------------------------------------------------------------------
    def draft(self) -> IvmlDraft:
        """What is typed now."""
        return IvmlDraft(
            self.name.text(),
            self.launch_url.text(),
            self.result_url.text(),
            str(self.type.currentData() or INBOUND),
        )

    def set_draft(self, draft: IvmlDraft) -> None:
        """Fill the form."""
        self.name.setText(draft.name)
        self.launch_url.setText(draft.launch_url)
        self.result_url.setText(draft.result_url)
        self.type.setCurrentIndex(max(self.type.findData(draft.type), 0))

    @property
    def busy(self) -> bool:
        """True while a request is in flight."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for edit in (self.name, self.launch_url, self.result_url):
            edit.setReadOnly(busy)
        self.type.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.status.setText(self.tr("Sending to TraiTel…") if busy else "")

    # --- saving -------------------------------------------------------------------------
    def check(self, draft: IvmlDraft) -> bool:
        """Local checks before anything is sent; marks the field and returns False on a
        problem."""
        problem = self.problem(draft)
        if problem is None:
            return True
        self.field_errors.show_text(*problem)
        return False

    def problem(self, draft: IvmlDraft) -> tuple[str, str] | None:
        """The first local problem of ``draft`` as (request parameter, plain text), or None."""
        d = draft.stripped()
        not_web = self.tr(
            "This is not a web address TraiTel can use. It must start with https:// or "
            "http:// and have no spaces, for example {0}."
        )
        if not d.name:
            return "name", self.tr("Give the configuration a name, for example “Support line”.")
        if not d.launch_url:
            return "launchurl", self.tr(
                "Enter the launch address: the web address TraiTel fetches the call's "
                "instructions from, for example {0}."
            ).format(LAUNCH_EXAMPLE)
        if not is_web_address(d.launch_url):
            return "launchurl", not_web.format(LAUNCH_EXAMPLE)
        if d.result_url and not is_web_address(d.result_url):
            return "resulturl", not_web.format(RESULT_EXAMPLE) + " " + self.tr(
                "Or leave it empty."
            )
        return None

    def start_save(self) -> None:
        """Save (the Save button, Enter): check locally, then send, unless already sending."""
        if self._busy:
            return
        self.field_errors.clear()
        self.message_bar.clear()
        draft = self.draft()
        if not self.check(draft):
            return
        self._set_busy(True)
        self.task = spawn(self._save(draft), name="ivml-save")

    async def _save(self, draft: IvmlDraft) -> None:
        from traitel_desktop.api.errors import TraiTelError, UnknownOutcome

        try:
            result = await self.submit(draft)
        except TraiTelError as exc:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self.last_error = exc
            self.outcome_unknown = self.outcome_unknown or isinstance(exc, UnknownOutcome)
            if not self.field_errors.show(exc):
                self.message_bar.show_error(exc)
            return
        except Exception as exc:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            show_unexpected(self, exc)
            return
        if not shiboken6.isValid(self):
            return
        self._set_busy(False)
        self.result_value = result
        self.accept()

    def reject(self) -> None:
        """Cancel / Esc / close, except while a request is in flight."""
        if self._busy:
            return
        super().reject()

    def keyPressEvent(self, event: Any) -> None:
        """Enter saves (through :meth:`start_save`, so never twice)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.start_save()
            event.accept()
            return
        super().keyPressEvent(event)


# --- screenshots (``--screenshots``): the edit dialog, filled with demo data ---------------
async def ivml_edit_shot(ctx: Any) -> QWidget:
    """The edit dialog on the first IVML configuration of the demo, opened from its tab."""
    from traitel_desktop.ui.screenshots import LOAD_TIMEOUT, settle

    tab: Any = ctx.window.tab("ivr-ivml")
    if not tab.model.rowCount():
        await asyncio.wait_for(tab.reload(), LOAD_TIMEOUT)
    tab.search.clear()
    tab.select_config(None, 0)
    tab.edit_selected()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LOAD_TIMEOUT
    while tab.dialog is None:
        if loop.time() > deadline:
            raise TimeoutError("the IVML edit dialog did not open")
        await asyncio.sleep(0.05)
    dialog: QDialog = tab.dialog
    ctx.cleanup.append(dialog.reject)
    await settle()
    tab.dialog.name.deselect()  # focus selected the name; a picture reads better without
    await settle(0.05)
    return dialog


def register_screenshots() -> None:
    """Add ``ivml-edit`` to the screenshot registry (once)."""
    from traitel_desktop.ui.screenshots import REGISTRY

    if all(name != "ivml-edit" for name, _shot in REGISTRY):
        REGISTRY.append(("ivml-edit", ivml_edit_shot))


register_screenshots()
