"""The Assign dialog: what one number is used for, chosen from pick lists.

Fax is a single choice. Voice sends calls to an IVR menu, an IVML flow or SIP (the main account
or a sub-account), each picked from a list built from ``listivr``, ``listivml`` and
``querysubaccounts`` — nobody types an ID. Shown with ``open()`` (never ``exec()``); while the
request is in flight nothing can be changed, sent again or closed. When TraiTel refuses (105,
107, 108, 109, 110, 113, ...) the dialog stays open with every choice kept and says why in
plain words, on the choice concerned; on success it closes with ``Accepted``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from traitel_desktop.services.numbers import (
    IVML,
    IVR,
    SIP,
    AssignChoice,
    NumberRow,
    NumbersData,
    Target,
)
from traitel_desktop.ui.widgets.errors import plain_message
from traitel_desktop.ui.widgets.number_words import assignment_words, service_words
from traitel_desktop.ui.widgets.record_dialog import RecordDialog

Submit = Callable[[AssignChoice], Awaitable[Any]]

KINDS = (IVR, IVML, SIP)


def pick_words(target: Target) -> str:
    """A pick-list entry: the name with its number for menus and flows ("Sales (#3)"), the
    person for a sub-account, "Main account" for SIP 0 (the kind is chosen beside it)."""
    from PySide6.QtCore import QCoreApplication

    if target.kind == SIP:
        if target.id == 0:
            return QCoreApplication.translate("AssignDialog", "Main account")
        return target.name or QCoreApplication.translate("AssignDialog", "Sub-account #{0}").format(
            target.id
        )
    if target.name:
        return f"{target.name} (#{target.id})"
    return f"#{target.id}"


class AssignDialog(RecordDialog):
    """Assigns ``row``'s number (see the module docstring); ``submit(choice)`` sends it."""

    task_name = "number-assign"

    def __init__(
        self, row: NumberRow, data: NumbersData, submit: Submit, parent: QWidget | None = None
    ) -> None:
        super().__init__(submit, parent)
        self.row = row
        self.data = data
        self._picked: dict[str, int] = {}  # kind -> target ID last picked (kept across kinds)
        self.setObjectName("assignDialog")
        self.setWindowTitle(self.tr("Assign {0}").format(row.formatted))
        self.setMinimumWidth(560)

        title = QLabel(row.formatted, self)
        title.setObjectName("assignNumber")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        title.setFont(font)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        facts = [service_words(row.service) + self.tr(" number")]
        if row.country:
            facts.append(row.country)
        #: What the number is used for now, as ``querynumbers`` says: the same words the
        #: purchase wizard's done page shows for it.
        self.routing = assignment_words(row)
        facts.append(self.tr("now: {0}").format(self.routing))
        self.current = QLabel(" · ".join(facts), self)
        self.current.setObjectName("accountSub")
        self.current.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("zoneNote")
        self.note.setWordWrap(True)
        if row.service == "sms":
            self.note.setText(
                self.tr(
                    "This number was bought for text messages. TraiTel may not let it take "
                    "faxes or calls; if so, it will say so when you assign it."
                )
            )
        self.note.setVisible(bool(self.note.text()))

        # -- service: fax or voice -------------------------------------------------------
        self.service_box = QWidget(self)
        service_row = QHBoxLayout(self.service_box)
        service_row.setContentsMargins(0, 0, 0, 0)
        self.fax_radio = QRadioButton(self.tr("&Fax — receive faxes on this number"), self)
        self.voice_radio = QRadioButton(self.tr("&Voice — answer calls"), self)
        self.services = QButtonGroup(self)
        self.services.addButton(self.fax_radio)
        self.services.addButton(self.voice_radio)
        service_row.addWidget(self.fax_radio)
        service_row.addWidget(self.voice_radio)
        service_row.addStretch(1)
        self.service_box.setAccessibleName(self.tr("Use this number for"))

        # -- voice: where calls go -------------------------------------------------------
        self.kind_box = QWidget(self)
        kind_row = QHBoxLayout(self.kind_box)
        kind_row.setContentsMargins(0, 0, 0, 0)
        self.kind_radios: dict[str, QRadioButton] = {
            IVR: QRadioButton(self.tr("Voice m&enu (IVR)"), self),
            IVML: QRadioButton(self.tr("Call f&low (IVML)"), self),
            SIP: QRadioButton(self.tr("Internet &phone (SIP)"), self),
        }
        self.kinds = QButtonGroup(self)
        for kind, radio in self.kind_radios.items():
            self.kinds.addButton(radio)
            kind_row.addWidget(radio)
            radio.setEnabled(bool(data.targets(kind)))
            if not data.targets(kind):
                radio.setToolTip(self.tr("None is set up on your account."))
        kind_row.addStretch(1)
        self.kind_box.setAccessibleName(self.tr("Send calls to"))
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Menu, flow or phone that takes the calls"))
        self.target.setMinimumContentsLength(30)
        self.target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.target.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        form_box = QWidget(self)
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Use for"), self.service_box)
        form.addRow(self.tr("Calls go to"), self.kind_box)
        self.target_label = QLabel(self.tr("&Which one"), self)
        self.target_label.setBuddy(self.target)
        form.addRow(self.target_label, self.target)

        self.field_errors.bind("service", self.service_box)
        self.field_errors.bind("servicetype", self.kind_box)
        self.field_errors.bind("serviceid", self.target)

        self.assign_button = self.make_footer(
            QDialogButtonBox.StandardButton.Ok, self.tr("&Assign"), self.tr("Assign the number")
        )

        layout = self.start_layout()
        layout.addWidget(title)
        layout.addWidget(self.current)
        layout.addWidget(self.note)
        layout.addSpacing(4)
        layout.addWidget(form_box)
        self.finish_layout(layout)

        self._preselect()
        self.services.buttonToggled.connect(lambda *_: self._update())
        self.kinds.buttonToggled.connect(lambda *_: self._kind_changed())
        self.target.currentIndexChanged.connect(self._target_changed)

    # --- choices ------------------------------------------------------------------------
    def _preselect(self) -> None:
        """Start from what the number does now."""
        row = self.row
        if row.target is not None:
            self._picked[row.target.kind] = row.target.id
        if row.service == "fax":
            self.fax_radio.setChecked(True)
        elif row.service == "voice":
            self.voice_radio.setChecked(True)
        kind = row.target.kind if row.target is not None else None
        if kind is None:
            kind = next((k for k in KINDS if self.kind_radios[k].isEnabled()), None)
        if kind is not None:
            self.kind_radios[kind].setChecked(True)
        self._fill_targets()
        self._update()

    def kind(self) -> str | None:
        """The voice kind picked (IVR, IVML, SIP), if any."""
        return next((k for k, r in self.kind_radios.items() if r.isChecked()), None)

    def _fill_targets(self) -> None:
        kind = self.kind()
        self.target.blockSignals(True)
        self.target.clear()
        targets: list[Target] = self.data.targets(kind) if kind else []
        for target in targets:
            self.target.addItem(pick_words(target), target.id)
        wanted = self._picked.get(kind or "")
        position = self.target.findData(wanted) if wanted is not None else -1
        if position < 0 and wanted is not None and kind:
            # Assigned to something not in the pick list (e.g. deleted): show it, chosen.
            self.target.insertItem(0, pick_words(self.data.target(kind, wanted)), wanted)
            position = 0
        self.target.setCurrentIndex(max(position, 0) if targets or position >= 0 else -1)
        self.target.blockSignals(False)
        self._target_changed()

    def _kind_changed(self) -> None:
        self._fill_targets()
        self._update()

    def _target_changed(self, *_: object) -> None:
        kind = self.kind()
        value = self.target.currentData()
        if kind and isinstance(value, int):
            self._picked[kind] = value
        self._update()

    def _update(self) -> None:
        voice = self.voice_radio.isChecked()
        busy = self._busy
        self.kind_box.setEnabled(voice and not busy)
        self.target.setEnabled(voice and not busy and self.target.count() > 0)
        self.target_label.setEnabled(self.target.isEnabled())
        self.service_box.setEnabled(not busy)
        self.assign_button.setEnabled(not busy and self.choice() is not None)
        self.cancel_button.setEnabled(not busy)

    def choice(self) -> AssignChoice | None:
        """What is chosen now (None while the choice is incomplete)."""
        if self.fax_radio.isChecked():
            return AssignChoice("fax")
        if not self.voice_radio.isChecked():
            return None
        kind = self.kind()
        value = self.target.currentData()
        if kind is None or not isinstance(value, int):
            return None
        return AssignChoice("voice", kind, value)

    def set_choice(self, choice: AssignChoice) -> None:
        """Select ``choice`` (as a user would click it)."""
        (self.fax_radio if choice.service == "fax" else self.voice_radio).setChecked(True)
        if choice.kind is not None:
            if choice.target_id is not None:
                self._picked[choice.kind] = choice.target_id
            self.kind_radios[choice.kind].setChecked(True)
            self._fill_targets()
        self._update()

    # --- sending ------------------------------------------------------------------------
    def lock(self, busy: bool) -> None:
        """Lock the choices and the buttons while sending (see :meth:`_update`)."""
        self._update()

    def start_submit(self) -> None:
        """Assign (the Assign button, Enter), unless already sending or incomplete."""
        choice = self.choice()
        if self._busy or choice is None:
            return
        self.field_errors.clear()
        self.message_bar.clear()
        self.send(choice)

    #: Assign (the Assign button, Enter), unless already sending or incomplete.
    start_assign = start_submit

    def explanation(self, exc: BaseException, choice: AssignChoice) -> str:
        """The plain words for a refusal; 107 and 108 get this dialog's own sentence."""
        code = getattr(exc, "code", None)
        if code == 108:
            what = self.tr("faxes") if choice.service == "fax" else self.tr("voice calls")
            return self.tr(
                "This number cannot carry {0}: TraiTel sells each number for certain services "
                "only (a number bought for text messages, for example, cannot take faxes or "
                "calls). Choose the other service, or use a different number."
            ).format(what)
        if code == 107:
            return self.tr(
                "TraiTel does not offer that service for numbers. Choose Fax, or Voice with an "
                "voice menu (IVR), a call flow (IVML) or an internet phone (SIP) from the lists."
            )
        return plain_message(exc)

    def show_refusal(self, exc: Exception, value: Any) -> None:
        """Say why TraiTel refused, on the choice concerned, else in the message bar."""
        text = self.explanation(exc, value)
        field = getattr(exc, "field", None)
        if field == "servicetype" and not self.voice_radio.isChecked():
            field = "service"
        if not (isinstance(field, str) and self.field_errors.show_text(field, text)):
            self.message_bar.show_error(exc)
            self.message_bar.text_label.setText(text)
        self.fit_to_contents()
