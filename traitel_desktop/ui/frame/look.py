"""The app's look: Fusion, a light palette, a light-touch style sheet and the app icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parents[3] / "resources"  # <package>/../resources
ICON_FILE = RESOURCES / "traitel-desktop.svg"

ACCENT = "#2563eb"

STYLE_SHEET = """
QWidget#header { background: #ffffff; border-bottom: 1px solid #e2e8f0; }
QLabel#accountName { font-size: 15pt; font-weight: 600; color: #0f172a; }
QLabel#accountSub { color: #64748b; }
QLabel#balanceCaption, QLabel#statusCaption { color: #64748b; font-size: 8.5pt; }
QLabel#balanceValue { font-size: 17pt; font-weight: 600; color: #0f172a; }
QLabel#balanceValue[low="true"] { color: #b91c1c; }
QFrame#balanceBox[low="true"] {
    background: #fef2f2; border: 1px solid #fecaca; border-radius: 8px;
}
QFrame#balanceBox { border: 1px solid transparent; border-radius: 8px; }
QLabel#lowBalanceNote { color: #b91c1c; font-size: 8.5pt; }
QLabel#demoBadge { color: #92400e; background: #fef3c7; border: 1px solid #fcd34d;
    border-radius: 9px; padding: 1px 10px; font-weight: 600; }
QLabel#connectionState[online="true"] { color: #15803d; }
QLabel#connectionState[online="false"] { color: #b91c1c; }

QWidget#messageBar { border-radius: 6px; }
QWidget#messageBar[kind="error"] { background: #fef2f2; border: 1px solid #fecaca; }
QWidget#messageBar[kind="info"] { background: #eff6ff; border: 1px solid #bfdbfe; }
QLabel#messageBarDetails { color: #475569; font-family: monospace; }

QLineEdit, QComboBox, QSpinBox { padding: 4px 6px; }
QLineEdit[invalid="true"], QComboBox[invalid="true"], QSpinBox[invalid="true"] {
    border: 2px solid #dc2626; border-radius: 3px;
}
QLabel#fieldError { color: #b91c1c; }
QLabel#keyringNote { color: #92400e; background: #fffbeb; border: 1px solid #fde68a;
    border-radius: 4px; padding: 6px; }
QLabel#zoneNote { color: #475569; }

QLabel#placeholderTitle { font-size: 16pt; font-weight: 600; color: #0f172a; }
QLabel#placeholderText { color: #475569; font-size: 10.5pt; }
QLabel#signinTitle { font-size: 16pt; font-weight: 600; color: #0f172a; }
QLabel#signinSubtitle { color: #64748b; }

QTabWidget::pane { border: none; border-top: 1px solid #e2e8f0; }
QTabBar::tab { padding: 8px 18px; border: none; border-bottom: 2px solid transparent;
    background: transparent; color: #475569; }
QTabBar::tab:selected { color: #0f172a; border-bottom: 2px solid #2563eb; }
QTabBar::tab:hover { color: #0f172a; }
QTabBar::tab:focus { color: #1d4ed8; }
QPushButton#primaryButton { background: #2563eb; color: white; border: 1px solid #1d4ed8;
    border-radius: 4px; padding: 6px 16px; font-weight: 600; }
QPushButton#primaryButton:hover { background: #1d4ed8; }
QPushButton#primaryButton:disabled { background: #93c5fd; border-color: #93c5fd; }
"""


def focus_sheet() -> str:
    """The focus ring: 2 px in the accent colour around whatever the keyboard is on (Fusion's
    own marker is a faint line). A focused button is drawn flat inside its ring. Spin boxes
    with arrows keep Fusion's highlighted frame: a style-sheet border would replace their
    arrows."""
    return f"""
QLineEdit:focus, QComboBox:focus, QDateEdit[calendarPopup="true"]:focus {{
    border: 2px solid {ACCENT}; border-radius: 3px;
}}
QLineEdit:focus {{ padding: 3px 5px; }} /* the ring takes the place of a pixel of padding */
/* Lists, tables and text panes keep one frame width (border + padding) focused or not, so
   their headers and scroll bars never move and never cover the ring. */
QTableView, QListView, QTreeView, QPlainTextEdit, QTextEdit {{
    border: 1px solid #cbd5e1; padding: 1px;
}}
QTableView:focus, QListView:focus, QTreeView:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {ACCENT}; padding: 0px;
}}
QPushButton:focus {{
    border: 2px solid {ACCENT}; border-radius: 4px; background: #eff6ff; padding: 3px 10px;
}}
/* A tool button is often just an icon (the balance's Refresh): no side padding, or the
   icon has no room left inside the ring. */
QToolButton:focus {{
    border: 2px solid {ACCENT}; border-radius: 4px; background: #eff6ff; padding: 1px;
}}
QCheckBox:focus, QRadioButton:focus {{ border: 2px solid {ACCENT}; border-radius: 3px; }}
QPushButton#primaryButton:focus {{ border: 2px solid #0f172a; padding: 5px 15px; }}
"""


def app_icon() -> QIcon:
    """The app icon: resources/traitel-desktop.svg, or a drawn stand-in if it is missing."""
    if ICON_FILE.exists():
        icon = QIcon(str(ICON_FILE))
        if not icon.isNull():
            return icon
    pixmap = QPixmap(256, 256)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(8, 8, 240, 240), 56, 56)
    painter.fillPath(path, QColor(ACCENT))
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(120)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "T")
    painter.end()
    return QIcon(pixmap)


def apply_look(app: QApplication) -> None:
    """Fusion style, a light palette, the style sheet and the window icon."""
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#f8fafc"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f1f5f9"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET + focus_sheet())
    app.setWindowIcon(app_icon())


def repolish(widget: object) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    from PySide6.QtWidgets import QWidget

    if isinstance(widget, QWidget):
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        widget.update()
