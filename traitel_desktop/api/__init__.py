"""The TraiTel Account Management API client: pure Python, no Qt.

``TraiTelClient`` has one method per API mode; it checks arguments, POSTs form data over
HTTPS, fails over between the primary and alternate gateways, and returns typed records from
:mod:`records` or raises an error from :mod:`errors`. :mod:`decode` reads the coded fax result
and SMS text columns. Usable on its own from a script or a REPL.
"""

from __future__ import annotations

from traitel_desktop.api import decode, errors, records
from traitel_desktop.api.client import TraiTelClient
from traitel_desktop.api.transport import ALTERNATE_URL, PRIMARY_URL, Gateway, Response

__all__ = [
    "ALTERNATE_URL",
    "PRIMARY_URL",
    "Gateway",
    "Response",
    "TraiTelClient",
    "decode",
    "errors",
    "records",
]
