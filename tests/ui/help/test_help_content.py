"""The help pages shipped with the app: every content file is package data (in the built
package and the frozen bundle's spec) and read through importlib.resources; the pages work
offline; the glossary covers the terms the app shows, plain name first."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from traitel_desktop.api.decode import fax_result
from traitel_desktop.contract.fax_codes import FAX_ERRORS, FAX_STATES
from traitel_desktop.ui.help.pages import GLOSSARY, content_dir, pages, read_page

ROOT = Path(__file__).resolve().parents[3]


def content_files() -> list[str]:
    return sorted(entry.name for entry in content_dir().iterdir() if entry.is_file())


def glossary() -> str:
    """The glossary with every run of white space as one space (lines wrap anywhere)."""
    return " ".join(read_page(next(p for p in pages() if p.key == GLOSSARY)).split())


def test_every_content_file_is_a_page_and_reads_through_importlib_resources() -> None:
    files = content_files()
    assert files == sorted(p.file for p in pages() if p.file)
    for page in pages():
        if page.file:
            text = read_page(page)
            assert text.startswith("# ") and len(text) > 300, page.file
            assert "$" not in text, page.file  # every placeholder filled in


def test_every_content_file_is_in_the_built_package(tmp_path: Path) -> None:
    """setuptools' own build (the files a wheel gets) holds every content file, and the
    built package reads them through importlib.resources."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "traitel_desktop", tree / "traitel_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, tree / name)
    built = tmp_path / "built"
    subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py",
         "--build-lib", str(built)],
        cwd=tree, check=True, capture_output=True, timeout=120,
    )
    shipped = sorted(p.name for p in (built / "traitel_desktop/ui/help/content").iterdir())
    assert shipped == content_files()
    read = subprocess.run(
        [sys.executable, "-c",
         "from importlib.resources import files\n"
         "d = files('traitel_desktop.ui.help') / 'content'\n"
         "print(d, sorted(p.name for p in d.iterdir()))"],
        cwd=tmp_path, env={"PYTHONPATH": str(built)}, check=True, capture_output=True,
        text=True, timeout=60,
    )
    assert str(built) in read.stdout and str(content_files()) in read.stdout


def test_the_frozen_bundle_collects_the_help_package_data() -> None:
    spec = (ROOT / "packaging" / "traitel-desktop.spec").read_text(encoding="utf-8")
    assert re.search(r'^\s*\*collect_data_files\("traitel_desktop\.ui\.help"\),', spec, re.M)


def test_the_pages_work_offline() -> None:
    for page in pages():
        if page.file:
            links = re.findall(r"\]\(([^)]*)\)", read_page(page))
            assert all(link.startswith("help:") for link in links), (page.file, links)
            assert "http" not in read_page(page), page.file


#: Plain name first, the technical term second (as the app will label them).
PLAIN_FIRST = [
    "Voice menu (IVR", "Call flow (IVML", "Internet phone (SIP", "Connection fee (flag fall)",
    "Start address (launch URL)", "Report address (result URL)",
    "Phone number (DID", "Sub-account number (Sub-ID)", "Short name (alias)",
    "How long your balance lasts (runway)", "Days of history (log-days)",
    "Server (gateway)", "Can reply (Replies)", "Your name as sender (masking)",
    "Delivery receipt (tracking)", "Fax result (ErrorCode)", "Per second, per minute",
    "Balance (credit balance)", "Practice data (sandbox, demo)",
]
#: Words the app shows (its tabs, columns, dialogs; see ui/) that an owner may not know.
SHOWN_TERMS = [
    "Sub-account", "Main account", "Alias", "Fax headline", "Balance", "Low-balance",
    "Time zone", "Change history", "Number", "Unassigned", "Assigned", "Owner",
    "Numbers on offer", "Monthly charge", "Country code", "International network",
    "Voice menus (IVR)", "Call flows (IVML)", "Internet phone (SIP)", "Start address",
    "Report address", "Inbound", "Outbound", "Answered", "Not answered", "Duration",
    "Fax pages", "Fax machine name", "Speed", "bit/s", "Try (attempt)", "Parts", "Can reply",
    "Your name", "Delivery receipt", "Your name + receipt", "Delivered", "Not delivered",
    "Waiting for the network", "Not tracked", "Connection fee", "Per second", "Per minute",
    "Per page", "per page + line time", "Billed", "Estimate", "Plan total", "Before tax",
    "Cost", "Destination", "Faxes received", "Faxes sent", "Calls received", "Calls made",
    "Text messages received", "Text messages sent", "days of activity", "Offline", "Online",
    "CSV", "XLSX", "Period", "Stack by", "Unusual day", "Numbers nobody used", "Server",
    "Main server", "Backup server", "Other server addresses", "Practice data", "Refresh",
    "Remember me", "keyring", "Error code", "Sub-ID", "DID", "runway", "SMS", "Menus & flows",
]


def test_the_glossary_names_the_plain_word_first() -> None:
    text = glossary()
    assert [term for term in PLAIN_FIRST if f"**{term}" not in text] == []


def test_the_glossary_explains_what_the_app_shows() -> None:
    text = glossary().casefold()
    assert [term for term in SHOWN_TERMS if term.casefold() not in text] == []


def test_the_glossary_explains_every_fax_result_the_app_can_show() -> None:
    text = glossary()
    for state in FAX_STATES:
        for error in FAX_ERRORS:
            if state + error == 0:  # 000 is "Delivered"
                continue
            what, when = fax_result(state + error).text.rsplit(", ", 1)
            assert f"**{what}**" in text, what
            assert f"*{when}*" in text, when
    assert "Unknown result code" in text and "Delivered" in text


def test_the_glossary_explains_every_term_of_the_word_table() -> None:
    """``ui.widgets.terms`` is the one list of plain names the screens use: each of its
    concepts is in the glossary, plain name first, TraiTel's word in brackets."""
    from traitel_desktop.ui.widgets.terms import TERMS

    text = glossary()
    missing = [f"{t.plain} ({t.technical})" for t in TERMS.values()
               if f"**{t.plain} ({t.technical}" not in text]
    assert missing == []


def _ui_texts() -> str:
    """Every string literal of the ui package's source, mnemonics (&) removed."""
    source = ROOT / "traitel_desktop" / "ui"
    return "\n".join(path.read_text(encoding="utf-8").replace("&", "")
                     for path in source.rglob("*.py"))


def test_what_the_glossary_says_is_shown_is_shown() -> None:
    """A renamed label must not leave the glossary naming a screen that no longer exists:
    every 'Shown as "..."' quote is a text of the app's screens."""
    texts = _ui_texts()
    quoted: list[str] = []
    for sentence in re.findall(r"Shown as (.*?)\.(?:\s|$)", glossary()):
        quoted += re.findall(r'"([^"]+)"', sentence)
    assert quoted, "the glossary names no shown text any more: is the pattern stale?"
    assert [q for q in quoted if q not in texts] == []
