"""Task d: "why did the fax I sent not go through?" The owner opens Activity, picks the faxes
sent, types the first day: the day of the latest failed fax (the sandbox's own, found by the
test over HTTP), clicks that fax's row once (or moves to it with the arrow keys) and reads in
the details why it failed: the reason TraiTel's result table (contract/fax_codes.py) gives for
its ErrorCode. The shared sandbox: nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QDateTimeEdit

from tests.helpers.owner import Key, Mod, Owner
from tests.helpers.owner_sight import task_params
from traitel_desktop.api import TraiTelClient
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.ui.activity.tab import ActivityTab
from traitel_desktop.ui.frame.main_window import MainWindow

#: How far back the owner looks for a failed fax (the demo has several a month).
LOOK_BACK = 60


def latest_failure(eyes: TraiTelClient, today: dt.date) -> tuple[int, dt.date, int]:
    """(ID, day, ErrorCode) of the latest fax sent that failed, by the sandbox."""
    rows = eyes.log("logfaxout", today - dt.timedelta(days=LOOK_BACK), today)
    spec = rows.spec
    failed = [r for r in rows.rows() if r[spec.index("ErrorCode")] != 0]
    assert failed, f"no failed fax in the demo's last {LOOK_BACK} days"
    last = max(failed, key=lambda r: (r[spec.index("Date")], r[spec.index("Time")]))
    day = last[spec.index("Date")]
    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return int(last[spec.index("ID")]), day, int(last[spec.index("ErrorCode")])


def pick_log(owner: Owner, box: QComboBox, name: str) -> None:
    """Choose ``name`` in the log chooser: open it and click the entry, or Alt+L and the
    arrow keys."""
    wanted = box.findData(name)
    assert wanted >= 0
    if owner.by_keyboard:
        owner.shortcut("Alt+L")
        assert owner.focus() is box
        key = Key.Key_Down if wanted > box.currentIndex() else Key.Key_Up
        owner.press(key, times=abs(wanted - box.currentIndex()))
    else:
        owner.click(box)
        owner.wait_for(lambda: box.view().isVisible(), "the list of logs to open")
        owner.click_item(box.view(), wanted)
    assert box.currentIndex() == wanted


def set_first_day(owner: Owner, tab: ActivityTab, day: dt.date) -> None:
    """Put ``day`` in the From date: reach its day part (a click on it, or Alt+F), then type
    day 1, the year, the month and the day, each in its part (Tab and Shift+Tab move between them),
    then Enter. The To date stays."""
    edit, end = tab.start_edit, tab.date_range()[1]
    if owner.by_keyboard:
        owner.shortcut("Alt+F")
        assert owner.focus() is edit
    else:
        text = edit.lineEdit()  # a double-click on the day's digits selects them
        first = text.fontMetrics().horizontalAdvance(edit.text().split()[0])
        owner.click(text, QPoint(text.textMargins().left() + 2 + first // 2,
                                 text.height() // 2), double=True)
    sections = QDateTimeEdit.Section
    assert edit.currentSection() is sections.DaySection
    # Day 1 first, then year, month and day: each step gives a date that exists and is not
    # after today (the field refuses one that is: on the 1st of a month, typing the month
    # before the day would have asked for a day of that month still to come).
    for part, section in (("1", sections.DaySection), (str(day.year), sections.YearSection),
                          (f"{day:%b}", sections.MonthSection),
                          (str(day.day), sections.DaySection)):
        for _ in range(3):
            if edit.currentSection() is section:
                break
            order = (sections.DaySection, sections.MonthSection, sections.YearSection)
            forward = order.index(section) > order.index(edit.currentSection())
            if forward:
                owner.press(Key.Key_Tab)
            else:
                owner.press(Key.Key_Backtab, Mod.ShiftModifier)
        assert edit.currentSection() is section
        owner.type(part)
    owner.press(Key.Key_Return)
    assert tab.date_range() == (day, end)


@task_params
def test_find_why_a_sent_fax_failed(
    owner: Owner, window: MainWindow, eyes: TraiTelClient, size: Any, mode: str
) -> None:
    owner.tab("Activity")
    tab = window.tab("activity")
    assert isinstance(tab, ActivityTab)
    owner.wait_quiet()
    fax_id, day, code = latest_failure(eyes, tab.history.today())

    pick_log(owner, tab.log_box, "logfaxout")
    owner.wait_quiet()
    set_first_day(owner, tab, day)
    owner.wait_quiet()

    ids = tab.model.table.columns[tab.model.table.spec.index("ID")]
    row = tab.model.model_row(list(ids).index(fax_id))
    assert row >= 0, "the failed fax is not in the table"
    if owner.by_keyboard:
        owner.tab_to(tab.view)
        owner.press(Key.Key_Home, Mod.ControlModifier)
        owner.press(Key.Key_Down, times=row - tab.view.currentIndex().row())
        assert tab.view.currentIndex().row() == row
    else:
        owner.click_row(tab.view, row)
    owner.wait_quiet()

    details = tab.body.details_text()
    name, what = FAX_ERRORS[code % 100]
    assert name in details and what in details, details
    assert FAX_STATES[code // 100 * 100] in details, details
    assert str(fax_id) in details
    owner.shot("d-failed-fax", window)
