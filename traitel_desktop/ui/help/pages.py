"""The help pages: their keys and titles, and the Markdown shipped with the app.

The written pages live in ``content/`` next to this module (package data: pyproject's
``[tool.setuptools.package-data]`` and ``packaging/traitel-desktop.spec`` ship them) and are
read with :mod:`importlib.resources`, so they work from a wheel or a frozen bundle, offline.
The keyboard shortcuts page is not a file: it is built from the main window's real actions
(:mod:`traitel_desktop.ui.help.shortcuts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from string import Template

from PySide6.QtCore import QCoreApplication

from traitel_desktop import __version__

__all__ = ["ABOUT", "GLOSSARY", "SHORTCUTS", "START", "HelpPage", "content_dir", "pages",
           "read_page"]

START = "start"
GLOSSARY = "glossary"
SHORTCUTS = "shortcuts"
ABOUT = "about"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


@dataclass(frozen=True, slots=True)
class HelpPage:
    """One page: ``key`` (used in ``help:`` links), its title, and its file under
    ``content/`` (empty for a page built at run time)."""

    key: str
    title: str
    file: str


def pages() -> list[HelpPage]:
    """Every page, in the order of the page list."""
    return [
        HelpPage(START, _tr("Getting started"), "getting-started.md"),
        HelpPage(GLOSSARY, _tr("Glossary"), "glossary.md"),
        HelpPage(SHORTCUTS, _tr("Keyboard shortcuts"), ""),
        HelpPage(ABOUT, _tr("About TraiTel Desktop"), "about.md"),
    ]


def content_dir() -> Traversable:
    """The ``content/`` folder shipped with the package."""
    return files("traitel_desktop.ui.help") / "content"


def read_page(page: HelpPage) -> str:
    """The Markdown of a written page (``$version`` becomes the app's version)."""
    text = (content_dir() / page.file).read_text(encoding="utf-8")
    return Template(text).safe_substitute(version=__version__)
