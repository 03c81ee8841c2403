"""Dates and times as the app writes them (today in the account's zone is
:func:`traitel_desktop.contract.zones.today_in`)."""

from __future__ import annotations

from datetime import datetime

__all__ = ["local_time_text"]


def local_time_text(at: datetime) -> str:
    """``at`` in this computer's local time, e.g. ``"3 Mar 2025, 14:05:09"``."""
    local = at.astimezone()
    return f"{local.day} {local:%b %Y, %H:%M:%S}"
