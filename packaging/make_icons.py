#!/usr/bin/env python3
"""Generate the app icon set from resources/traitel-desktop.svg.

    .venv/bin/python packaging/make_icons.py            # write resources/icons/
    .venv/bin/python packaging/make_icons.py --check    # fail if the committed set is stale

Writes ``resources/icons/traitel-desktop-<N>.png`` for every hicolor size (16 ... 512), the
Windows ``traitel-desktop.ico`` and the macOS ``traitel-desktop.icns``. The SVG is rendered with
Qt's QSvgRenderer (PySide6-Essentials ships QtSvg); Pillow writes the .ico and .icns. The result
is committed so that building an installer never needs the renderer.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "traitel-desktop.svg"
OUT = ROOT / "resources" / "icons"
NAME = "traitel-desktop"

#: The freedesktop hicolor sizes (the .deb installs each one, plus the SVG as "scalable").
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(size: int) -> Image.Image:
    """The SVG rendered at ``size`` x ``size`` on a transparent background."""
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = bytes(rgba.constBits())[: rgba.bytesPerLine() * size]
    return Image.frombytes("RGBA", (size, size), raw, "raw", "RGBA", rgba.bytesPerLine())


def build(out: Path) -> list[Path]:
    """Write the whole set into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    images = {size: render(size) for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written = []
    for size in PNG_SIZES:
        path = out / f"{NAME}-{size}.png"
        # Re-encode with Pillow: no timestamps, so the output is the same on every run.
        images[size].save(path, format="PNG", optimize=True)
        written.append(path)
    ico = out / f"{NAME}.ico"
    largest = images[max(ICO_SIZES)]
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico)
    icns = out / f"{NAME}.icns"
    images[max(ICNS_SIZES)].save(
        icns, format="ICNS", append_images=[images[s] for s in ICNS_SIZES[:-1]]
    )
    written.append(icns)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with resources/icons/")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keep alive
    if not args.check:
        for path in build(OUT):
            print(path.relative_to(ROOT))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = build(Path(tmp))
        stale = [p.name for p in fresh if (OUT / p.name).read_bytes() != p.read_bytes()]
    if stale:
        print("stale icons (run packaging/make_icons.py):", ", ".join(stale), file=sys.stderr)
        return 1
    print(f"{len(fresh)} icons up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
