"""The Help window: a page list, a search box over every page, and the page itself.

Non-modal, one per main window, remembers its size and place (``AppSettings.help_geometry``).
Pages are Markdown rendered by :class:`QTextBrowser` (see :mod:`.pages`), so help opens
inside the app and works offline. ``help:<page>`` links move between pages; no page links to
the web.

Search (as you type, any case): the page list keeps only the pages that contain the words,
with how many times; the page shown has every match highlighted and the first one scrolled
into view (the first matching page is shown when the current one has none). Enter goes to the
next match, on to the next page; Shift+Enter goes back. Esc clears the search, then closes
the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from traitel_desktop.ui.help.pages import SHORTCUTS, START, HelpPage, pages, read_page

if TYPE_CHECKING:
    from traitel_desktop.services.settings import AppSettings

__all__ = ["HIGHLIGHT", "HelpWindow"]

#: Background of the words found (a soft yellow, readable in light and dark palettes' text).
HIGHLIGHT = QColor("#ffe58a")
KEY_ROLE = Qt.ItemDataRole.UserRole


class HelpWindow(QWidget):
    """The help pages (see the module docstring). ``shortcuts`` builds the Markdown of the
    keyboard shortcuts page when it is first shown (and again on :meth:`show_page`)."""

    def __init__(
        self,
        shortcuts: Callable[[], str],
        settings: AppSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("TraiTel Desktop Help"))
        self.setAccessibleName(self.tr("Help"))
        self.settings = settings
        self._shortcuts = shortcuts
        self.pages: list[HelpPage] = pages()
        self._markdown: dict[str, str] = {}
        self._plain: dict[str, str] = {}
        self._matches: list[QTextCursor] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("helpSearch")
        self.search.setPlaceholderText(self.tr("Search help, e.g. “SIP” or “flag fall”"))
        self.search.setAccessibleName(self.tr("Search help"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.next_match)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("helpSearchResult")
        self.result_label.setAccessibleName(self.tr("Search result"))

        self.page_list = QListWidget(self)
        self.page_list.setObjectName("helpPages")
        self.page_list.setAccessibleName(self.tr("Help pages"))
        for page in self.pages:
            item = QListWidgetItem(page.title, self.page_list)
            item.setData(KEY_ROLE, page.key)
        self.page_list.setSpacing(3)
        self.page_list.currentItemChanged.connect(self._item_changed)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpPage")
        self.browser.setAccessibleName(self.tr("Help page"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.result_label)
        splitter = QSplitter(self)
        splitter.addWidget(self.page_list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 600])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        back = QShortcut(QKeySequence("Shift+Return"), self.search)
        back.activated.connect(self.previous_match)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.escape)
        self._restore_geometry()
        self.show_page(START)

    # --- pages ----------------------------------------------------------------------------
    def markdown(self, key: str) -> str:
        """The Markdown of page ``key`` (the shortcuts page is built fresh each time it is
        asked for by :meth:`show_page`)."""
        if key not in self._markdown:
            page = next(p for p in self.pages if p.key == key)
            self._markdown[key] = self._shortcuts() if key == SHORTCUTS else read_page(page)
        return self._markdown[key]

    def page_text(self, key: str) -> str:
        """The plain text of page ``key`` (what the search looks in)."""
        if key not in self._plain:
            document = QTextDocument()
            document.setMarkdown(self.markdown(key))
            self._plain[key] = document.toPlainText()
        return self._plain[key]

    def current_key(self) -> str:
        """The key of the page shown."""
        item = self.page_list.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else START

    def show_page(self, key: str) -> None:
        """Show page ``key`` (and make sure the page list shows it too)."""
        if key == SHORTCUTS:
            self._markdown.pop(SHORTCUTS, None)  # the actions may have changed
            self._plain.pop(SHORTCUTS, None)
        item = self._item(key)
        item.setHidden(False)
        if self.page_list.currentItem() is item:
            self._render(key)
        else:
            self.page_list.setCurrentItem(item)  # renders through _item_changed

    def _item(self, key: str) -> QListWidgetItem:
        for row in range(self.page_list.count()):
            item = self.page_list.item(row)
            if item.data(KEY_ROLE) == key:
                return item
        raise KeyError(key)

    def _item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self._render(str(current.data(KEY_ROLE)))

    def _render(self, key: str) -> None:
        self.browser.setMarkdown(self.markdown(key))
        self.browser.document().setDocumentMargin(12)
        self._highlight()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "help" and url.path() in {p.key for p in self.pages}:
            self.show_page(url.path())

    # --- search ---------------------------------------------------------------------------
    def query(self) -> str:
        """The words searched for (trimmed)."""
        return self.search.text().strip()

    def _search_changed(self) -> None:
        words = self.query().casefold()
        first_hit = ""
        for page in self.pages:
            item = self._item(page.key)
            if not words:
                item.setText(page.title)
                item.setHidden(False)
                continue
            count = self.page_text(page.key).casefold().count(words)
            item.setText(self.tr("{0} ({1})").format(page.title, count) if count else page.title)
            item.setHidden(count == 0)
            first_hit = first_hit or (page.key if count else "")
        if words and first_hit and self._item(self.current_key()).isHidden():
            self.show_page(first_hit)
        else:
            self._highlight()
        self._say_result(words, bool(first_hit))

    def _say_result(self, words: str, found: bool) -> None:
        if not words:
            self.result_label.clear()
        elif not found:
            self.result_label.setText(
                self.tr("Nothing in Help matches “{0}”. Try another word.").format(self.query())
            )
        else:
            shown = [p.title for p in self.pages if not self._item(p.key).isHidden()]
            self.result_label.setText(self.tr("Found in: {0}").format(", ".join(shown)))

    def _highlight(self) -> None:
        """Mark every match of the query on the page shown; go to the first one."""
        self._matches = self._find_all(self.query())
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setForeground(QColor("#1f2328"))
        selections = []
        for cursor in self._matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        if self._matches:
            self._go_to(self._matches[0])
        else:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)

    def _find_all(self, words: str) -> list[QTextCursor]:
        if not words:
            return []
        document = self.browser.document()
        found: list[QTextCursor] = []
        cursor = document.find(words, 0)
        while not cursor.isNull():
            found.append(cursor)
            cursor = document.find(words, cursor)
        return found

    def _go_to(self, match: QTextCursor) -> None:
        """Select ``match`` and scroll it to a quarter of the way down (not the very bottom
        edge, where the eye does not look)."""
        self.browser.setTextCursor(match)
        self.browser.ensureCursorVisible()
        bar = self.browser.verticalScrollBar()
        top = self.browser.cursorRect().top()
        bar.setValue(bar.value() + top - self.browser.viewport().height() // 4)

    def matches(self) -> Sequence[QTextCursor]:
        """The matches on the page shown, in reading order."""
        return list(self._matches)

    def next_match(self) -> None:
        """Enter in the search box: the next match, on this page or the next one."""
        self._step(+1)

    def previous_match(self) -> None:
        """Shift+Enter in the search box: the match before."""
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.query():
            return
        position = self.browser.textCursor().selectionStart()
        ahead = [m for m in self._matches if (m.selectionStart() - position) * direction > 0]
        if ahead:
            self._go_to(ahead[0] if direction > 0 else ahead[-1])
            return
        shown = [p.key for p in self.pages if not self._item(p.key).isHidden()]
        if not shown:
            return
        here = shown.index(self.current_key()) if self.current_key() in shown else 0
        self.show_page(shown[(here + direction) % len(shown)])
        if direction < 0 and self._matches:
            self._go_to(self._matches[-1])

    def escape(self) -> None:
        """Esc: clear the search, or close the window when there is none."""
        if self.search.text():
            self.search.clear()
        else:
            self.close()

    # --- window state ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.help_geometry if self.settings is not None else QByteArray()
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(860, 620)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the window's size and place."""
        if self.settings is not None:
            self.settings.help_geometry = self.saveGeometry()
        super().closeEvent(event)
