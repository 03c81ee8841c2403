"""``packaging/linux/test-deb`` finds the Python it checks screenshots with.

After ``build-deb`` on a fresh clone there is no developer ``.venv``: the script must use the
build's own environment (``build/deb/venv``), which has Pillow, and say plainly what to do when
neither exists. Runs the real script in a copy of the tree layout with stand-in interpreters.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "linux" / "test-deb"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="a Linux packaging script")


def _tree(tmp_path: Path) -> Path:
    tree = tmp_path / "clone"
    (tree / "packaging" / "linux").mkdir(parents=True)
    shutil.copy2(SCRIPT, tree / "packaging" / "linux" / "test-deb")
    return tree


def _stand_in_python(path: Path, log: Path) -> None:
    """A 'python' that records that it ran and succeeds (as ``python -c 'import PIL'`` would)."""
    path.parent.mkdir(parents=True)
    path.write_text(f'#!/bin/sh\necho "$0" >> "{log}"\nexit 0\n')
    path.chmod(0o755)


def _run(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["bash", str(tree / "packaging" / "linux" / "test-deb")],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )


def test_a_fresh_clone_after_build_deb_uses_the_build_environment(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    log = tmp_path / "ran.txt"
    build_python = tree / "build" / "deb" / "venv" / "bin" / "python"
    _stand_in_python(build_python, log)

    result = _run(tree)

    assert log.read_text().split() == [str(build_python)]
    # It went on to the next check (the missing .deb), not stopped on a missing .venv.
    assert result.returncode == 2
    assert "no .deb" in result.stderr


def test_without_any_environment_it_says_to_run_build_deb(tmp_path: Path) -> None:
    tree = _tree(tmp_path)

    result = _run(tree)

    assert result.returncode == 2
    assert "run packaging/linux/build-deb first" in result.stderr
