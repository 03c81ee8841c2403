"""The default name of an export file: the log's plain name and the dates shown, safe as a
file name on every system."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pathvalidate import is_valid_filename

from tests.helpers.log_titles import TITLES
from traitel_desktop.core.export_name import export_file_name

START, END = dt.date(2026, 11, 30), dt.date(2026, 12, 6)
#: The plain names the Activity tab shows for the six logs (tests/ui/activity checks that
#: these are still its words).
WINDOWS_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_every_log_gets_the_name_a_person_would_give(title: str, suffix: str) -> None:
    name = export_file_name(title, START, END, suffix)
    assert name == f"{title} 2026-11-30 to 2026-12-06.{suffix}"
    assert is_valid_filename(name, platform="windows")
    assert not WINDOWS_ILLEGAL.search(name)


def test_the_example_of_the_issue() -> None:
    assert export_file_name("Faxes sent", START, END, "xlsx") == (
        "Faxes sent 2026-11-30 to 2026-12-06.xlsx")


def test_one_day_reversed_dates_a_note_and_a_dotted_suffix() -> None:
    assert export_file_name("Calls made", END, END, ".csv") == "Calls made 2026-12-06.csv"
    assert export_file_name("Calls made", END, START, "csv") == (
        "Calls made 2026-11-30 to 2026-12-06.csv")
    assert export_file_name("Calls made", START, END, "csv", "as sent by TraiTel") == (
        "Calls made 2026-11-30 to 2026-12-06 (as sent by TraiTel).csv")


@pytest.mark.parametrize(
    "title",
    ['Fax: sent/received?', 'a<b>c|d*"e"\\f', "tab\there\nnew line", "CON", "trailing. ",
     "\x00\x1f", "", "   ", "x" * 400, "\U0001f4e0" * 100],
)
def test_no_character_windows_refuses_whatever_the_title(title: str) -> None:
    name = export_file_name(title, START, END, "xlsx")
    assert is_valid_filename(name, platform="windows"), name
    assert not WINDOWS_ILLEGAL.search(name)
    assert name.endswith(".xlsx") and "2026-11-30" in name
    assert len(name.encode()) <= 255
