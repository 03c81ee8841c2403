#!/usr/bin/env python3
"""Check the PNGs that ``--screenshots DIR`` wrote: enough of them, none blank.

    python packaging/check_screenshots.py DIR [--min-count 5] [--require main-*.png ...]

A shot passes when it is a readable PNG of at least 200 x 150 pixels, at least 5 KB, and shows
some variety: at least 16 distinct colours and no single colour covering more than 97 % of it
(a window that failed to paint is one flat colour). Prints one line per file; exits 1 on any
failure. Needs Pillow (the project's "packaging" extra).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MIN_BYTES = 5_000
MIN_SIZE = (200, 150)
MIN_COLOURS = 16
MAX_FLAT_SHARE = 0.97


def problem(path: Path) -> str | None:
    """Why ``path`` is not a usable screenshot, or None when it is."""
    from PIL import Image, UnidentifiedImageError

    size = path.stat().st_size
    if size < MIN_BYTES:
        return f"only {size} bytes"
    try:
        with Image.open(path) as image:
            image.load()
            rgb = image.convert("RGB")
    except (OSError, UnidentifiedImageError) as exc:
        return f"unreadable: {exc}"
    if rgb.width < MIN_SIZE[0] or rgb.height < MIN_SIZE[1]:
        return f"too small: {rgb.width}x{rgb.height}"
    colours = rgb.getcolors(maxcolors=rgb.width * rgb.height) or []
    if len(colours) < MIN_COLOURS:
        return f"blank: {len(colours)} colours"
    top = max(count for count, _ in colours)
    if top > MAX_FLAT_SHARE * rgb.width * rgb.height:
        return f"blank: one colour covers {100 * top / (rgb.width * rgb.height):.1f} %"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--min-count", type=int, default=5, help="at least this many PNGs")
    parser.add_argument(
        "--require", nargs="*", default=[], metavar="GLOB", help="each glob matches some file"
    )
    args = parser.parse_args(argv)
    files = sorted(args.directory.glob("*.png"))
    failures = 0
    for path in files:
        why = problem(path)
        failures += why is not None
        print(f"{'FAIL' if why else 'ok  '} {path.name}" + (f": {why}" if why else ""))
    if len(files) < args.min_count:
        print(f"FAIL only {len(files)} screenshots in {args.directory}, want {args.min_count}+")
        failures += 1
    for pattern in args.require:
        if not list(args.directory.glob(pattern)):
            print(f"FAIL nothing matches {pattern}")
            failures += 1
    print(f"{len(files) - min(failures, len(files))} of {len(files)} screenshots look right")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
