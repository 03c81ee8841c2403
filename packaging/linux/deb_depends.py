#!/usr/bin/env python3
"""The .deb's Depends line, computed from the PyInstaller bundle.

    python3 packaging/linux/deb_depends.py dist/traitel-desktop [--explain]

Reads every ELF file of the bundle with ``objdump`` (binutils):
- each NEEDED library that the bundle does not carry itself is mapped to the Debian package
  that provides it (SONAME_PACKAGES); an unknown one is an error, so a new dependency can never
  slip into the bundle unnoticed;
- libc6's minimum version is the highest GLIBC_x.y symbol version the files reference
  (``objdump -T``, undefined symbols only).
Then adds what the app needs at run time without linking to it (a font). Prints the Depends
value on stdout; with ``--explain`` also which file asks for what, on stderr. Standard library
only, so any python3 can run it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

LIBC = "libc6"
#: Shared libraries the system provides -> the Debian package (Debian 12 / Ubuntu 22.04 names;
#: "a | b" lets the same .deb install where the package was renamed for 64-bit time_t).
SONAME_PACKAGES = {
    "ld-linux-x86-64.so.2": LIBC,
    "ld-linux-aarch64.so.1": LIBC,
    "libc.so.6": LIBC,
    "libdl.so.2": LIBC,
    "libm.so.6": LIBC,
    "libpthread.so.0": LIBC,
    "librt.so.1": LIBC,
    "libutil.so.1": LIBC,
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0t64 | libglib2.0-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}
#: Needed at run time without a link: Qt draws text with whatever fontconfig finds.
EXTRA_PACKAGES = ["fonts-dejavu-core"]

GLIBC_VERSION = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")


def elf_files(bundle: Path) -> list[Path]:
    """Every regular ELF file under ``bundle``."""
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def objdump(*args: str) -> str:
    """``objdump`` output (empty for a file it cannot read)."""
    result = subprocess.run(["objdump", *args], capture_output=True, text=True, check=False)
    return result.stdout


def needed(path: Path) -> list[str]:
    """The file's DT_NEEDED entries."""
    return re.findall(r"^\s*NEEDED\s+(\S+)", objdump("-p", str(path)), re.MULTILINE)


def glibc_versions(path: Path) -> set[tuple[int, ...]]:
    """The GLIBC_x.y versions of the symbols the file takes from elsewhere."""
    versions = set()
    for line in objdump("-T", str(path)).splitlines():
        if "*UND*" not in line:
            continue
        for match in GLIBC_VERSION.finditer(line):
            versions.add(tuple(int(part) for part in match.groups() if part is not None))
    return versions


def depends(bundle: Path, explain: bool = False) -> str:
    """The Depends value for ``bundle``; raises SystemExit naming any unknown library."""
    files = elf_files(bundle)
    carried = {p.name for p in bundle.rglob("*.so*")}
    wanted_by: dict[str, set[str]] = defaultdict(set)
    glibc: tuple[int, ...] = (2, 17)
    glibc_file = ""
    for path in files:
        relative = str(path.relative_to(bundle))
        for soname in needed(path):
            if soname not in carried:
                wanted_by[soname].add(relative)
        for version in glibc_versions(path):
            if version > glibc:
                glibc, glibc_file = version, relative
    unknown = sorted(set(wanted_by) - set(SONAME_PACKAGES))
    if unknown:
        for soname in unknown:
            print(f"unknown system library {soname}, needed by {sorted(wanted_by[soname])[:3]}",
                  file=sys.stderr)
        raise SystemExit("add it to SONAME_PACKAGES in packaging/linux/deb_depends.py")
    packages: list[str] = []
    for soname in sorted(wanted_by):
        package = SONAME_PACKAGES[soname]
        if package != LIBC and package not in packages:
            packages.append(package)
    glibc_text = ".".join(str(part) for part in glibc)
    line = ", ".join([f"{LIBC} (>= {glibc_text})", *sorted(packages), *EXTRA_PACKAGES])
    if explain:
        print(f"{len(files)} ELF files; highest GLIBC symbol version {glibc_text} "
              f"(first needed by {glibc_file})", file=sys.stderr)
        for soname in sorted(wanted_by):
            users = sorted(wanted_by[soname])
            more = f" and {len(users) - 2} more" if len(users) > 2 else ""
            print(f"  {soname:28} {SONAME_PACKAGES[soname]:32} {', '.join(users[:2])}{more}",
                  file=sys.stderr)
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the onedir bundle, e.g. dist/traitel-desktop")
    parser.add_argument("--explain", action="store_true", help="say who needs what (stderr)")
    args = parser.parse_args()
    print(depends(args.bundle, args.explain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
