"""Local SQLite storage: the app's own records (aliases, change log) and the history archive.

No Qt here; the service layer opens these stores and the UI reaches them through services.
"""

from traitel_desktop.store.account_record import AccountRecord, Change
from traitel_desktop.store.errors import DamagedDatabase, StorageError

__all__ = ["AccountRecord", "Change", "DamagedDatabase", "StorageError"]
