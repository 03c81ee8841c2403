"""The Spend chart: stacked bars drawn by matplotlib in a Qt widget.

``matplotlib.figure.Figure`` + ``FigureCanvasQTAgg``, never pyplot. Importing this module
imports matplotlib (about a second), so the Spend tab imports it only when it is first shown.
Floats appear only here, at the plotting call; every amount the user reads (hover text,
totals) comes from the exact ``Decimal`` of the ``SpendSeries``.
Colours come from the widget's ``QPalette`` (light or dark), text sizes from the app font.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget

from traitel_desktop.core.money import exact_money, format_tick
from traitel_desktop.core.spend import Key, SpendSeries

ANOMALY_COLOR = "#dc2626"
BAR_WIDTH = 0.8
BAR_GID = "spend-bar"


def _blend(a: QColor, b: QColor, share: float) -> str:
    """``share`` of ``b`` over ``a``, as #rrggbb."""
    mix = QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )
    return str(mix.name())


@dataclass(frozen=True, slots=True)
class ChartStyle:
    """Colours and text size of the chart, read from Qt."""

    background: str
    text: str
    muted: str
    grid: str
    font_size: float

    @classmethod
    def from_widget(cls, widget: QWidget) -> ChartStyle:
        """The widget's palette (light or dark) and the app font's point size."""
        palette = widget.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        font = QApplication.font() if QApplication.instance() is not None else QFont()
        size = font.pointSizeF()
        if size <= 0:  # a font set in pixels
            size = font.pixelSize() * 0.75
        return cls(base.name(), text.name(), _blend(base, text, 0.6), _blend(base, text, 0.14),
                   max(size, 6.0))

    def rc(self) -> dict[str, Any]:
        """matplotlib rcParams for this style (applied while the figure is built)."""
        return {
            "font.size": self.font_size,
            "axes.labelsize": self.font_size,
            "xtick.labelsize": self.font_size * 0.92,
            "ytick.labelsize": self.font_size * 0.92,
            "legend.fontsize": self.font_size,
            "text.color": self.text,
            "axes.labelcolor": self.muted,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "axes.edgecolor": self.grid,
            "svg.fonttype": "none",
        }


@dataclass(frozen=True)
class ChartData:
    """What to draw: the series, and the words and colours the tab chose for it.

    ``tick_labels`` and ``bucket_names`` have one entry per bucket (short for the axis, long
    for the hover text); ``marked`` holds the bucket indices to highlight as unusual days.
    """

    series: SpendSeries
    labels: dict[Key, str]
    colors: dict[Key, str]
    tick_labels: list[str]
    bucket_names: list[str]
    marked: frozenset[int] = frozenset()
    axis_label: str = "Spend"
    empty_text: str = "Nothing was spent in this period."
    marked_label: str = "Unusual day"
    hover_template: str = "{bucket} · {name}: {amount} (bar total {total})"


class SpendChart(QWidget):
    """Stacked bars of a :class:`ChartData`; hovering a bar shows its exact amount.

    Signal ``hovered(text)``: the text for the bar under the mouse (or chosen with the
    arrow keys), "" when none. :meth:`save` writes PNG or SVG.
    """

    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendChart")
        self.figure = Figure(figsize=(8, 4), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setObjectName("spendCanvas")
        self.canvas.setMinimumHeight(240)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setAccessibleName(self.tr("Spend chart"))
        self.canvas.setAccessibleDescription(
            self.tr("Use the left and right arrow keys to read each bar's amounts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.data: ChartData | None = None
        self.axes: Any = None
        self.bars: dict[Key, BarContainer] = {}
        self.outlines: list[Rectangle] = []
        self.draws = 0
        self.hover_text = ""
        self._focus_index: int | None = None
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)
        self.canvas.mpl_connect("figure_leave_event", lambda _event: self._set_hover(""))
        self.canvas.mpl_connect("draw_event", self._on_draw)
        self.canvas.keyPressEvent = self._key_press  # type: ignore[method-assign]

    # --- drawing ------------------------------------------------------------------------
    @contextmanager
    def _styled(self, style: ChartStyle) -> Iterator[None]:
        params: Any = style.rc()
        with matplotlib.rc_context(params):
            yield

    def show_data(self, data: ChartData, style: ChartStyle | None = None) -> None:
        """Draw ``data`` (replacing what was drawn); synchronous, then painted."""
        style = style or ChartStyle.from_widget(self)
        self.data = data
        self._focus_index = None
        with self._styled(style):
            self._build(data, style)
        self.canvas.draw()

    def _build(self, data: ChartData, style: ChartStyle) -> None:
        fig = self.figure
        fig.clear()
        fig.set_facecolor(style.background)
        ax = fig.add_subplot()
        self.axes = ax
        ax.set_facecolor(style.background)
        series = data.series
        count = len(series.buckets)
        positions = list(range(count))
        bottoms = [0.0] * count
        self.bars = {}
        self.outlines = []
        linewidth = 0.0 if count > 60 else 0.6
        for key in series.keys:
            heights = [float(v) for v in series.values[key]]  # floats only for plotting
            container = ax.bar(
                positions, heights, BAR_WIDTH, bottom=bottoms, label=data.labels[key],
                color=data.colors[key], edgecolor=style.background, linewidth=linewidth,
                gid=BAR_GID, zorder=2,
            )
            self.bars[key] = container
            bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        top = max(bottoms, default=0.0)
        for index in sorted(data.marked):
            if not 0 <= index < count:
                continue
            outline = Rectangle(
                (index - BAR_WIDTH / 2 - 0.08, 0), BAR_WIDTH + 0.16, bottoms[index],
                fill=False, edgecolor=ANOMALY_COLOR, linewidth=1.6, zorder=3,
            )
            ax.add_patch(outline)
            self.outlines.append(outline)
        if self.outlines:
            ax.plot([i for i in sorted(data.marked) if 0 <= i < count],
                    [bottoms[i] + top * 0.035 for i in sorted(data.marked) if 0 <= i < count],
                    linestyle="none", marker="v", markersize=style.font_size * 0.8,
                    color=ANOMALY_COLOR, label=data.marked_label, zorder=4)

        ax.set_xlim(-0.6, max(count, 1) - 0.4)
        ax.set_ylim(0, top * 1.1 if top > 0 else 1.0)
        self._ticks(ax, data, count)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: format_tick(value)))
        ax.set_ylabel(data.axis_label)
        ax.grid(axis="y", color=style.grid, linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(style.grid)
        ax.tick_params(axis="both", length=0, pad=6)
        if series.empty:
            ax.text(0.5, 0.5, data.empty_text, transform=ax.transAxes, ha="center",
                    va="center", color=style.muted, fontsize=style.font_size * 1.1)
        else:
            handles, labels = ax.get_legend_handles_labels()
            # The bars in stacking order first, the unusual-day marker last.
            order = sorted(range(len(labels)), key=lambda i: labels[i] == data.marked_label)
            handles, labels = [handles[i] for i in order], [labels[i] for i in order]
            fig.legend(handles, labels, loc="outside upper left", frameon=False,
                       ncols=self._legend_columns(labels, style), handlelength=1.0,
                       columnspacing=1.4)

    def _ticks(self, ax: Any, data: ChartData, count: int) -> None:
        width_px = max(self.canvas.width(), 400)
        label_px = max((len(line) for t in data.tick_labels for line in t.split("\n")),
                       default=5)
        room = max(3, int(width_px / ((label_px + 3) * self._char_px())))
        step = max(1, math.ceil(count / room))
        # Anchor the labels at the newest bar, so "today" always has one.
        ticks = list(range(count - 1, -1, -step))[::-1]
        ax.set_xticks(ticks, [data.tick_labels[i] for i in ticks])

    def _legend_columns(self, labels: list[str], style: ChartStyle) -> int:
        """As many legend columns as fit the canvas's width (the legend must not be cut)."""
        char_px = style.font_size * 0.62 * self.figure.dpi / 72
        entry_px = (max(len(t) for t in labels) + 5) * char_px
        fit = int(max(self.canvas.width(), 300) * 0.95 // entry_px)
        return max(1, min(len(labels), fit))

    def _char_px(self) -> float:
        return max(self.fontMetrics().averageCharWidth(), 5) * 1.0

    def _on_draw(self, _event: Any) -> None:
        self.draws += 1

    # --- reading the bars ---------------------------------------------------------------
    def bar_patches(self) -> list[Rectangle]:
        """Every bar segment drawn (one per key and bucket, zero-high ones included)."""
        return [p for c in self.bars.values() for p in c.patches]

    def text_for(self, index: int, key: Key | None = None) -> str:
        """The hover text of bucket ``index`` (one key's segment, or the whole bar), with
        exact amounts (the axis has them to the cent)."""
        data = self.data
        if data is None:
            return ""
        series = data.series
        total = series.bucket_total(index)
        bucket = data.bucket_names[index]
        if key is None:
            parts = [f"{data.labels[k]} {exact_money(series.amount(k, index))}"
                     for k in series.keys if series.amount(k, index)]
            return f"{bucket}: {exact_money(total)}" + (
                f" ({', '.join(parts)})" if parts else "")
        return data.hover_template.format(
            bucket=bucket, name=data.labels[key],
            amount=exact_money(series.amount(key, index)), total=exact_money(total))

    def segment_at(self, x: float, y: float) -> tuple[int, Key | None] | None:
        """The (bucket index, key) under data coordinates ``x``, ``y`` (key None above the
        stack's segments but still over the bar's column), or None."""
        data = self.data
        if data is None:
            return None
        index = round(x)
        if not 0 <= index < len(data.series.buckets) or abs(x - index) > BAR_WIDTH / 2:
            return None
        level = Decimal(0)
        for key in data.series.keys:
            amount = data.series.amount(key, index)
            if amount and float(level) <= y <= float(level + amount):
                return index, key
            level += amount
        return index, None

    def _on_motion(self, event: Any) -> None:
        if event.inaxes is not self.axes or event.xdata is None or self.data is None:
            self._set_hover("")
            return
        found = self.segment_at(event.xdata, event.ydata)
        if found is None or (found[1] is None and not self.data.series.bucket_total(found[0])):
            self._set_hover("")
            return
        self._set_hover(self.text_for(*found), tooltip=True)

    def _set_hover(self, text: str, tooltip: bool = False) -> None:
        if text == self.hover_text:
            return
        self.hover_text = text
        if tooltip and text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        elif not text:
            QToolTip.hideText()
        self.hovered.emit(text)

    def _key_press(self, event: QKeyEvent) -> None:
        """Left/Right (Home/End) walk the bars and show each one's amounts."""
        if self.data is None or not self.data.series.buckets:
            return
        last = len(self.data.series.buckets) - 1
        current = self._focus_index
        moves = {
            Qt.Key.Key_Left: (last if current is None else max(current - 1, 0)),
            Qt.Key.Key_Right: (last if current is None else min(current + 1, last)),
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: last,
        }
        target = moves.get(Qt.Key(event.key()))
        if target is None:
            FigureCanvasQTAgg.keyPressEvent(self.canvas, event)
            return
        self._focus_index = target
        self._set_hover(self.text_for(target))

    # --- saving -------------------------------------------------------------------------
    def save(self, path: Path | str) -> Path:
        """Write the chart as PNG or SVG (by the file's suffix; PNG when it has none)."""
        target = Path(path)
        kind = target.suffix.lower().lstrip(".")
        if kind not in ("png", "svg"):
            target = target.with_name(target.name + ".png")
            kind = "png"
        self.figure.savefig(target, format=kind, facecolor=self.figure.get_facecolor(),
                            dpi=150 if kind == "png" else "figure")
        return target

