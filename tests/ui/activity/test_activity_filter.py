"""The Activity text filter (column by column over distinct display texts) finds exactly the
rows whose displayed text, in any column, contains the words (or a number's raw digits)."""

from __future__ import annotations

from typing import Any

import pytest

from traitel_desktop.api.logs import parse_log
from traitel_desktop.ui.activity.columns import Fmt
from traitel_desktop.ui.activity.table import LogTable

ROWS = [
    (1, 0, "2026-05-01", "09:00:00", "61299991234", "61412345678", 1, "delivered", 90000),
    (22, 3, "2026-05-01", "10:00:00", "61299991234", "447400123456", 2, "failed", 100000),
    (303, 0, "2026-05-02", "08:30:00", "61299991234", "61412345678", 10, "", 1050000),
    (4044, 3, "2026-05-03", "23:59:59", "61299991234", "15062321644", 1, "pending", 10),
    (50, 0, "2026-06-10", "10:10:10", "6129999", "61412345678", 3, "delivered", 2026),
    (6, 1, "2025-12-31", "10:59:00", "6129999", "61412345678", 1, "failed", 5),
]
BODY = b"Ok\nID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n" + b"".join(
    ",".join(str(v) for v in r[:8]).encode() + f",{r[8] / 1_000_000:.6f}\n".encode()
    for r in ROWS
)


def expected(table: LogTable, needle: str) -> list[int]:
    """The plain reading: lower-cased display text of every column, raw digits of numbers."""
    out = []
    for r in range(table.count):
        parts = [table.text(c, r) for c in range(len(table.view))]
        parts += [str(table.columns[v.sources[0]][r]) for v in table.view if v.fmt is Fmt.NUMBER]
        if needle.lower() in "\x1f".join(parts).lower():
            out.append(r)
    return out


NEEDLES = [
    "2026", "fri", "1 may", "2026  0", "6  1", " 10:", "  23", "may 2026  10:00:00",
    "10:00", "deliv", "not DELIVERED", "+61 4", "61412", "+44", "4044", "22", "0.0900",
    "1:00:00", "ID 3", "main", "0:0", "zzz", "-", ":", " ", "5  1", "6  0", "5  10:5",
    "dec 2025", "  1", "0:5",
]


@pytest.mark.parametrize("source", ["rows", "body"])
def test_the_filter_matches_the_displayed_text_of_every_column(source: str) -> None:
    table: Any = (LogTable.from_rows("logsmsout", ROWS) if source == "rows"
                  else LogTable.from_log(parse_log("logsmsout", BODY)))
    every = list(range(table.count))
    seen = set()
    for needle in NEEDLES:
        found = table.matching(every, needle)
        assert found == expected(table, needle.strip()), needle
        seen.add(len(found))
    assert {0, table.count} < seen  # some needles find nothing, some everything, some a part
    # Order is kept; the sub-account narrows as well.
    assert table.matching([4, 2, 0], "2026") == [4, 2, 0]
    assert table.matching(every, "2026", 3) == [1, 3]
    assert table.matching(every, "5  1") == [5]
