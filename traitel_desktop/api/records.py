"""Typed records, one per CSV table the TraiTel API returns (names fixed in docs/interfaces.md).

All are frozen dataclasses with slots. Money is ``Decimal``, dates ``datetime.date``, times
``datetime.time``, counts and IDs ``int``; phone numbers stay as the gateway sends them
(international digits without ``+``). Building them from a table is in
:mod:`traitel_desktop.api.tables`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from traitel_desktop.api.decode import FaxResult, fax_result, sms_text

__all__ = [
    "DidCity",
    "DidOffer",
    "FaxCost",
    "FaxIn",
    "FaxOut",
    "IvmlConfig",
    "IvrMenu",
    "Number",
    "SmsIn",
    "SmsOut",
    "SubAccount",
    "VoiceCall",
    "VoiceCost",
]


@dataclass(frozen=True, slots=True)
class SubAccount:
    """A row of ``querysubaccounts``; ``extra`` keeps columns the document does not list
    (for example an ``Alias`` column some gateways may add)."""

    sub_id: int
    email: str
    first_name: str
    last_name: str
    company: str
    fax_headline: str
    extra: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Number:
    """A row of ``querynumbers``: a DID of the account and what it is assigned to.

    ``assigned_service`` is ``"IVR"``, ``"IVML"``, ``"SIP"`` or ``""`` (unassigned);
    ``assigned_id`` is ``None`` when unassigned (for SIP, 0 is the main account).
    """

    number: str
    service: str
    assigned_service: str
    assigned_id: int | None


@dataclass(frozen=True, slots=True)
class DidCity:
    """A row of ``querydidcities``."""

    country: str
    city: str


@dataclass(frozen=True, slots=True)
class DidOffer:
    """A row of ``querydids``: a number offered for subscription (not yet bought)."""

    country: str
    city: str
    did: str


@dataclass(frozen=True, slots=True)
class IvrMenu:
    """A row of ``listivr``. ``outbound`` is true when ``DIDs`` said ``outbound``."""

    id: int
    name: str
    dids: tuple[str, ...]
    outbound: bool


@dataclass(frozen=True, slots=True)
class IvmlConfig:
    """A row of ``listivml``. ``outbound`` is true when ``DIDs`` said ``outbound``."""

    id: int
    name: str
    launch_url: str
    result_url: str
    dids: tuple[str, ...]
    outbound: bool


@dataclass(frozen=True, slots=True)
class FaxIn:
    """A row of ``logfaxin``. ``speed`` in bit/s, ``duration`` in seconds."""

    id: int
    sub_id: int
    date: dt.date
    time: dt.time
    from_: str
    to: str
    station_id: str
    pages: int
    speed: int
    duration: int


@dataclass(frozen=True, slots=True)
class FaxOut:
    """A row of ``logfaxout``. ``cost`` is pre-tax; ``error_code`` 0 means delivered."""

    id: int
    sub_id: int
    date: dt.date
    time: dt.time
    from_: str
    to: str
    pages: int
    speed: int
    duration: int
    cost: Decimal
    attempt: int
    error_code: int

    @property
    def result(self) -> FaxResult:
        """The decoded ``error_code``."""
        return fax_result(self.error_code)


@dataclass(frozen=True, slots=True)
class VoiceCall:
    """A row of ``logvoicein`` or ``logvoiceout``. ``result`` is ``answered`` or ``failed``;
    ``ivml_id`` is ``None`` when the call did not go through IVML."""

    id: int
    sub_id: int
    date: dt.date
    time: dt.time
    from_: str
    to: str
    duration: int
    result: str
    cost: Decimal
    ivml_id: int | None


@dataclass(frozen=True, slots=True)
class SmsIn:
    """A row of ``logsmsin``; ``message`` as sent (escaped or hex), ``text`` decoded."""

    id: int
    sub_id: int
    date: dt.date
    time: dt.time
    from_: str
    to: str
    message_type: str
    message: str

    @property
    def text(self) -> str:
        """The message as readable text (see :func:`decode.sms_text`)."""
        return sms_text(self.message_type, self.message)


@dataclass(frozen=True, slots=True)
class SmsOut:
    """A row of ``logsmsout``. ``sent`` is the number of message parts; ``tracking`` is
    ``delivered``, ``failed``, ``pending`` or ``""`` (no tracking asked for)."""

    id: int
    sub_id: int
    date: dt.date
    time: dt.time
    from_: str
    to: str
    sent: int
    tracking: str
    cost: Decimal


@dataclass(frozen=True, slots=True)
class VoiceCost:
    """The answer of ``queryvoicecost`` (pre-tax)."""

    flag_fall: Decimal
    per_second: Decimal
    per_minute: Decimal
    billing_type: str
    cost: Decimal


@dataclass(frozen=True, slots=True)
class FaxCost:
    """The answer of ``queryfaxcost`` (pre-tax)."""

    flag_fall: Decimal
    per_second: Decimal
    per_minute: Decimal
    per_page: Decimal
    billing_type: str
    cost: Decimal
