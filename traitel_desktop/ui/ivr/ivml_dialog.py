"""The add / edit IVML configuration dialog (the delete confirmation, :class:`DeleteIvmlDialog`,
lives in :mod:`traitel_desktop.ui.ivr.ivml_delete` and is importable from here too).

Shown with ``open()`` (never ``exec()``: see DESIGN.md, qasync pitfalls). Save checks the name
and the two web addresses locally, marking every problem at once (nothing is sent when one is
wrong: missing, not a web address, too long, holding a line break ...), then runs the
``submit`` coroutine it was given; while that is in flight the dialog shows it is working and
cannot be submitted (or closed) again. When TraiTel refuses (110, 115, 116, ...) the dialog
stays open, marks the field concerned (115 concerns no field: it is shown above the form,
saying what to do) and keeps everything typed; on success it closes with ``Accepted`` and
keeps the submit result in :attr:`IvmlDialog.result_value`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from traitel_desktop.api.errors import ApiError
from traitel_desktop.api.text_check import text as checked_text
from traitel_desktop.services.ivml import (
    INBOUND,
    OUTBOUND,
    PARAMS,
    IvmlDraft,
    draft_of,
    is_web_address,
    numbers_text,
)
from traitel_desktop.ui.ivr.ivml_delete import DeleteIvmlDialog
from traitel_desktop.ui.ivr.ivr_model import outbound_words
from traitel_desktop.ui.widgets.record_dialog import RecordDialog

if TYPE_CHECKING:
    from traitel_desktop.api.records import IvmlConfig

__all__ = ["DeleteIvmlDialog", "IvmlDialog"]

Submit = Callable[[IvmlDraft], Awaitable[Any]]

#: Example addresses shown as placeholders.
LAUNCH_EXAMPLE = "https://example.com/ivml/launch.xml"
RESULT_EXAMPLE = "https://example.com/ivml/result"


class IvmlDialog(RecordDialog):
    """Adds an IVML configuration (``config`` None) or edits ``config``; see the module
    docstring."""

    task_name = "ivml-save"

    def __init__(
        self, submit: Submit, parent: QWidget | None = None, *, config: IvmlConfig | None = None
    ) -> None:
        super().__init__(submit, parent)
        self.config = config
        self.setObjectName("ivmlDialog")
        self.setWindowTitle(
            self.tr("Add a call flow")
            if config is None
            else self.tr("Change call flow")
        )
        self.setMinimumWidth(560)

        intro = self.make_intro(
            self.tr(
                "A call flow (IVML) tells TraiTel what to do with a call: TraiTel fetches "
                "the instructions from your start address. Whoever built the call flow can "
                "give you the addresses."
            )
            if config is None
            else self.tr("Change what you need; only the changes are sent to TraiTel.")
        )
        form_box, form, self.ivml_id = self.make_form(
            None if config is None else config.id, self.tr("Call flow ID"), "ivmlid"
        )
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = self.line(form, self.tr("&Name"), self.tr("Name"))
        self.name.setPlaceholderText(self.tr("e.g. Support line"))
        self.type = QComboBox(form_box)
        self.type.addItem(self.tr("Inbound — answers calls to its numbers"), INBOUND)
        self.type.addItem(self.tr("Outbound — runs calls TraiTel places for you"), OUTBOUND)
        self.type.setAccessibleName(self.tr("Type"))
        form.addRow(self.tr("&Type"), self.type)
        self.launch_url = self.line(form, self.tr("St&art address"), self.tr("Start address"))
        self.launch_url.setPlaceholderText(LAUNCH_EXAMPLE)
        self.launch_hint = self.hint(form, self.tr(
            "When a call starts, TraiTel fetches its instructions from this web address "
            "(the launch URL)."
        ))
        self.result_url = self.line(form, self.tr("&Report address"), self.tr("Report address"))
        self.result_url.setPlaceholderText(self.tr("Optional — e.g. {0}").format(RESULT_EXAMPLE))
        self.result_hint = self.hint(form, self.tr(
            "Optional: TraiTel sends how each call went to this web address (the result URL)."
        ))
        self.numbers: QLabel | None = None
        if config is not None:
            text = numbers_text(config.dids, config.outbound, outbound_words=outbound_words())
            self.numbers = QLabel(
                text or self.tr("None yet — assign numbers to it in the Numbers tab."), form_box
            )
            self.numbers.setWordWrap(True)
            self.numbers.setObjectName("" if text else "accountSub")
            self.numbers.setAccessibleName(self.tr("Numbers using this call flow"))
            form.addRow(self.tr("Numbers"), self.numbers)

        self.save_button = self.finish_form(
            intro, form_box, PARAMS, adding=config is None,
            add_name=self.tr("Add the call flow"),
        )

        if config is not None:
            self.set_draft(draft_of(config))
        self.name.setFocus()
        self.name.deselect()

    def hint(self, form: QFormLayout, text: str) -> QLabel:
        """A one-line grey explanation under the field just added to ``form``."""
        label = QLabel(text, self)
        label.setObjectName("accountSub")
        label.setWordWrap(True)
        form.addRow("", label)
        return label

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

    def lock(self, busy: bool) -> None:
        """Make the fields read-only (and the buttons disabled) while sending."""
        for edit in (self.name, self.launch_url, self.result_url):
            edit.setReadOnly(busy)
        self.type.setEnabled(not busy)
        super().lock(busy)

    # --- saving -------------------------------------------------------------------------
    def check(self, draft: IvmlDraft) -> bool:
        """Local checks before anything is sent; marks the field and returns False on a
        problem."""
        problems = self.problems(draft)
        for field, text in problems.items():
            self.field_errors.show_text(field, text)
        return not problems

    def problems(self, draft: IvmlDraft) -> dict[str, str]:
        """Every local problem of ``draft``: request parameter -> plain text."""
        found: dict[str, str] = {}
        for param, value in (
            ("name", draft.name), ("launchurl", draft.launch_url),
            ("resulturl", draft.result_url),
        ):
            try:
                checked_text(value, param, "addivml")  # too long, a line break ...
            except ApiError as exc:
                found[param] = exc.explanation
        d = draft.stripped()
        not_web = self.tr(
            "This is not a web address TraiTel can use. It must start with https:// or "
            "http:// and have no spaces, for example {0}."
        )
        if not d.name:
            found["name"] = self.tr("Give the call flow a name, for example “Support line”.")
        if not d.launch_url:
            found["launchurl"] = self.tr(
                "Enter the start address: the web address TraiTel fetches the call's "
                "instructions from, for example {0}."
            ).format(LAUNCH_EXAMPLE)
        elif "launchurl" not in found and not is_web_address(d.launch_url):
            found["launchurl"] = not_web.format(LAUNCH_EXAMPLE)
        if d.result_url and "resulturl" not in found and not is_web_address(d.result_url):
            found["resulturl"] = not_web.format(RESULT_EXAMPLE) + " " + self.tr(
                "Or leave it empty."
            )
        return {param: found[param] for param in ("name", "launchurl", "resulturl")
                if param in found}

    #: Save (the Save button, Enter): check locally, then send, unless already sending.
    start_save = RecordDialog.start_submit
