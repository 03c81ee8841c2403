"""IANA time zones from zoneinfo + tzdata: the canonical list to offer, and validation."""

from __future__ import annotations

import functools
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@functools.lru_cache(maxsize=1)
def canonical_zones() -> tuple[str, ...]:
    """The canonical zones of tzdata's ``zone1970.tab`` (plus ``UTC``), sorted."""
    names = {"UTC"}
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone1970.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - tzdata is a dependency
        text = ""
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) >= 3:
            names.add(columns[2].strip())
    return tuple(sorted(names))


def is_valid_zone(name: str) -> bool:
    """Whether ``name`` is a valid IANA zone name (canonical or not, e.g. ``Australia/NSW``)."""
    name = name.strip()
    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
