"""What the numbers just bought are used for, read from ``querynumbers``.

The done page shows each new number with what it does now ("Receives faxes", "Unassigned",
"Voice menu: Sales (#3)"), read from the gateway as the Numbers tab reads it
(:meth:`Numbers.load`) and put in the same words
(:func:`~traitel_desktop.ui.widgets.number_words.assignment_words`), so the done page and the
Assign dialog always agree. It is read again whenever the account's numbers change (after a
buying pass, and after "Assign these numbers now" assigned one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from traitel_desktop.runtime.widget_guard import alive
from traitel_desktop.services import Superseded
from traitel_desktop.services.numbers import Numbers
from traitel_desktop.ui.widgets.number_words import assignment_words

if TYPE_CHECKING:
    from traitel_desktop.services import Session

#: The wizard's own keys for ``Session.call``: its reading never supersedes the Numbers tab's.
VIEW = "didwizard"


class Routing(QObject):
    """Digits -> what the number is used for, in words (signal ``changed`` after each read)."""

    changed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._numbers = Numbers(session)
        self._words: dict[str, str] = {}
        #: True while ``querynumbers`` (and the names it needs) is being read.
        self.reading = False
        #: True when the last reading failed (the words last read, if any, are kept).
        self.failed = False

    def words(self, digits: str) -> str | None:
        """What ``digits`` is used for now; None when not known (yet)."""
        return self._words.get(digits)

    async def read(self) -> None:
        """Read every number's use again (a newer reading supersedes this one)."""
        from traitel_desktop.api.errors import TraiTelError

        self.reading = True
        self.changed.emit()
        try:
            data = await self._numbers.load(VIEW)
        except Superseded:
            return  # the newer reading reports
        except (TraiTelError, TimeoutError):
            self.failed = True
        except BaseException:
            self.reading = False
            raise
        else:
            self.failed = False
            self._words = {row.digits: assignment_words(row) for row in data.rows}
        self.reading = False
        if alive(self):  # the wizard may have been closed and deleted meanwhile
            self.changed.emit()

