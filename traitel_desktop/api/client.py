"""``TraiTelClient``: one method per API mode, with arguments checked before sending.

A bad argument raises the same ``ApiError`` subclass the gateway would have answered (with
``field`` set and ``local=True``) and sends nothing; when several arguments of one call are bad,
the error raised carries them all (``ApiError.problems``). A gateway's ``Error 200`` that names
no field says in plain words which fields the request carried (``ApiError.sent_fields``).
Transport, failover and the password's secrecy are in :mod:`traitel_desktop.api.transport`.

A client is used from one thread at a time; ``client.copy()`` makes a cheap twin with its own
HTTP session for another thread.

Example::

    client = TraiTelClient("demo", "secret", gateways=(PRIMARY_URL, ALTERNATE_URL))
    print(client.query_balance())
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from traitel_desktop.api import logs, records, tables
from traitel_desktop.api import validate as check
from traitel_desktop.api.body import Table
from traitel_desktop.api.errors import IncompleteRequest
from traitel_desktop.api.explanations import unnamed_field_explanation
from traitel_desktop.api.form_checks import ivml_fields, sub_account_fields
from traitel_desktop.api.transport import ALTERNATE_URL, PRIMARY_URL, Connection, Response
from traitel_desktop.contract.logs import LogColumns
from traitel_desktop.contract.modes import (
    ASSIGN_SERVICES,
    LOG_MODES,
    SERVICES,
    SMS_COST_ALT_SPELLING,
    SMS_COST_TYPES,
    VOICE_SERVICE_TYPES,
)

__all__ = ["TraiTelClient"]

T = TypeVar("T")
DateLike = dt.date | str

_SMS_COST_MODE = "querysmscost"


class TraiTelClient(Connection):
    """The TraiTel Account Management API, one method per mode (see docs/interfaces.md).

    ``time_zone`` is the account's time zone when known (``query_time_zone`` and
    ``set_time_zone`` keep it up to date); dates are checked against today there, or,
    while it is unknown, against the latest today anywhere on Earth.
    """

    def __init__(
        self,
        username: str,
        password: str,
        *,
        gateways: Sequence[str] = (PRIMARY_URL, ALTERNATE_URL),
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        verify: bool | str = True,
        time_zone: str | None = None,
        deadline: float | None = None,
        max_bytes: int | None = None,
    ) -> None:
        super().__init__(
            username,
            password,
            gateways=gateways,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            verify=verify,
            deadline=deadline,
            max_bytes=max_bytes,
        )
        self.time_zone = time_zone
        #: The spelling of the SMS cost mode that worked, once one has.
        self.sms_cost_mode: str | None = None

    # --- helpers ---------------------------------------------------------------------------

    def request(self, mode: str, **params: str | None) -> Response:
        """See :meth:`Connection.request`; an ``Error 200`` naming no field is given the
        parameters the request carried (``sent_fields``) and says them in plain words."""
        try:
            return super().request(mode, **params)
        except IncompleteRequest as exc:
            sent = tuple(name for name, value in params.items() if value is not None)
            if exc.field is None and not exc.local and sent:
                exc.sent_fields = sent
                exc.explanation = unnamed_field_explanation(sent)
            raise

    def _table(self, mode: str, build: Callable[[Table], T], **params: str | None) -> T:
        return build(self.request(mode, **params).parsed.table())

    def _change(self, mode: str, **params: str | None) -> None:
        self.request(mode, **params)

    def today(self) -> dt.date:
        """Today as the date checks see it (account time zone, or the latest on Earth)."""
        return check.today_in(self.time_zone)

    # --- balance and sub-accounts ----------------------------------------------------------

    def query_balance(self) -> Decimal:
        """The account's credit balance."""
        return tables.balance(self.request("querybalance").parsed)

    def query_sub_accounts(self) -> list[records.SubAccount]:
        """All sub-accounts."""
        return self._table("querysubaccounts", tables.sub_accounts)

    def add_sub_account(
        self,
        alias: str,
        email: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        company: str | None = None,
        fax_headline: str | None = None,
    ) -> int:
        """Create a sub-account; returns its ID."""
        mode = "addsubaccount"
        with check.Problems() as p:
            params = sub_account_fields(
                mode, p, alias=alias or "", email=email, first_name=first_name,
                last_name=last_name, company=company, fax_headline=fax_headline,
            )
        # Nothing to clear in a new sub-account: empty fields are not sent.
        return tables.new_id(self.request(mode, **{k: v or None for k, v in params.items()})
                             .parsed)

    def del_sub_account(self, sub_id: int) -> None:
        """Delete a sub-account (its numbers go back to the main account)."""
        mode = "delsubaccount"
        self._change(mode, subid=check.id_number(sub_id, "subid", mode, 105))

    def update_sub_account(
        self,
        sub_id: int,
        *,
        email: str | None = None,
        alias: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        company: str | None = None,
        fax_headline: str | None = None,
    ) -> None:
        """Change the given details of a sub-account (``None`` leaves one unchanged; an
        empty string clears it, except the alias, which cannot be empty)."""
        mode = "updatesubaccount"
        with check.Problems() as p:
            subid = p.check(check.id_number, sub_id, "subid", mode, 105)
            params = sub_account_fields(
                mode, p, email=email, alias=alias, first_name=first_name, last_name=last_name,
                company=company, fax_headline=fax_headline,
            )
        self._change(mode, subid=subid, **params)

    # --- numbers (DIDs) --------------------------------------------------------------------

    def query_numbers(
        self, sub_id: int | None = None, service: str | None = None
    ) -> list[records.Number]:
        """The account's numbers, optionally only a sub-account's or one service's."""
        mode = "querynumbers"
        return self._table(
            mode,
            tables.numbers,
            subid=None if sub_id is None else check.id_number(sub_id, "subid", mode, 105,
                                                              minimum=0),
            service=None if service is None else check.choice(service, SERVICES, "service",
                                                              mode),
        )

    def assign_number(
        self,
        number: str,
        service: str,
        service_type: str | None = None,
        service_id: int | None = None,
    ) -> None:
        """Send a number's calls to fax, or for voice to an IVR menu, IVML configuration or
        SIP (``service_id`` 0 = the main account, else a sub-account ID)."""
        mode = "assignnumber"
        params: dict[str, str | None] = {
            "number": check.did(number, "number", mode),
            "service": check.choice(service, ASSIGN_SERVICES, "service", mode, code=107),
        }
        if params["service"] == "voice":
            # Missing is an incomplete request (200); present but unknown is an invalid
            # service type (107, as the document's error table words it).
            kind = check.choice(service_type, VOICE_SERVICE_TYPES, "servicetype", mode,
                                code=200 if not (service_type or "").strip() else 107)
            code, minimum = {"IVR": (109, 1), "IVML": (110, 1), "SIP": (105, 0)}[kind]
            if service_id is None:
                raise IncompleteRequest(200, "Incomplete request.", field="serviceid",
                                        mode=mode, local=True)
            params["servicetype"] = kind
            params["serviceid"] = check.id_number(service_id, "serviceid", mode, code,
                                                  minimum=minimum)
        self._change(mode, **params)

    def query_did_countries(self, service: str) -> list[str]:
        """Countries with numbers for sale for ``service``."""
        mode = "querydidcountries"
        return self._table(
            mode, tables.countries, service=check.choice(service, SERVICES, "service", mode, 107)
        )

    def query_did_cities(self, service: str, country: str) -> list[records.DidCity]:
        """Cities of ``country`` with numbers for sale for ``service``."""
        mode = "querydidcities"
        return self._table(
            mode,
            tables.did_cities,
            service=check.choice(service, SERVICES, "service", mode, 107),
            country=check.required(country, "country", mode),
        )

    def query_dids(
        self, service: str, country: str, city: str, quantity: int = 1
    ) -> list[records.DidOffer]:
        """Up to ``quantity`` (1-10) numbers offered for sale (not bought yet)."""
        mode = "querydids"
        with check.Problems() as p:
            params = {
                "service": p.check(check.choice, service, SERVICES, "service", mode, 107),
                "country": p.check(check.required, country, "country", mode),
                "city": p.check(check.required, city, "city", mode),
                "quantity": p.check(check.positive_int, quantity, "quantity", mode, maximum=10),
            }
        return self._table(mode, tables.did_offers, **params)

    def subscribe_did(self, service: str, country: str, city: str, did: str) -> None:
        """Buy an offered number (monthly charges may apply)."""
        mode = "subscribedid"
        with check.Problems() as p:
            params = {
                "service": p.check(check.choice, service, SERVICES, "service", mode, 107),
                "country": p.check(check.required, country, "country", mode),
                "city": p.check(check.required, city, "city", mode),
                "did": p.check(check.did, did, "did", mode),
            }
        self._change(mode, **params)

    # --- IVR / IVML ------------------------------------------------------------------------

    def list_ivr(self) -> list[records.IvrMenu]:
        """The IVR menus."""
        return self._table("listivr", tables.ivr_menus)

    def list_ivml(self) -> list[records.IvmlConfig]:
        """The IVML configurations."""
        return self._table("listivml", tables.ivml_configs)

    def add_ivml(
        self, name: str, launch_url: str, type: str, result_url: str | None = None
    ) -> int:
        """Create an IVML configuration (``type`` inbound or outbound); returns its ID."""
        mode = "addivml"
        with check.Problems() as p:
            params = ivml_fields(
                mode, p, name=name or "", launch_url=launch_url or "",
                result_url=result_url or None, type=type or "",
            )
        return tables.new_id(self.request(mode, **params).parsed)

    def update_ivml(
        self,
        ivml_id: int,
        *,
        name: str | None = None,
        launch_url: str | None = None,
        result_url: str | None = None,
        type: str | None = None,
    ) -> None:
        """Change the given settings of an IVML configuration (``result_url=""`` clears it)."""
        mode = "updateivml"
        with check.Problems() as p:
            ivmlid = p.check(check.id_number, ivml_id, "ivmlid", mode, 110)
            params = ivml_fields(
                mode, p, name=name, launch_url=launch_url, result_url=result_url, type=type
            )
        self._change(mode, ivmlid=ivmlid, **params)

    def delete_ivml(self, ivml_id: int) -> None:
        """Delete an IVML configuration (its numbers go back to the main account)."""
        mode = "deleteivml"
        self._change(mode, ivmlid=check.id_number(ivml_id, "ivmlid", mode, 110))

    # --- activity logs ---------------------------------------------------------------------

    def log(
        self, mode: str, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> LogColumns:
        """The rows of log ``mode`` (``logfaxin`` ... ``logsmsout``) from ``start`` to ``end``
        (inclusive; at most ``limit`` rows, of one sub-account with ``sub_id``, 0 = main),
        as typed columns (``contract.logs.LogColumns``) in the order the gateway sent them."""
        if mode not in LOG_MODES:
            raise ValueError(f"not a log mode: {mode!r}")
        first, last = check.date_range(start, end, mode, self.today())
        response = self.request(
            mode,
            startdate=first,
            enddate=last,
            limit=None if limit is None else check.positive_int(limit, "limit", mode),
            subid=None if sub_id is None else check.id_number(sub_id, "subid", mode, 105,
                                                              minimum=0),
        )
        return logs.log_columns(mode, response.parsed)

    def log_fax_in(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.FaxIn]:
        """Faxes received from ``start`` to ``end`` (inclusive), one record per fax."""
        return logs.to_records(self.log("logfaxin", start, end, limit, sub_id))

    def log_fax_out(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.FaxOut]:
        """Faxes sent from ``start`` to ``end`` (inclusive), with costs and results."""
        return logs.to_records(self.log("logfaxout", start, end, limit, sub_id))

    def log_voice_in(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.VoiceCall]:
        """Calls received from ``start`` to ``end`` (inclusive)."""
        return logs.to_records(self.log("logvoicein", start, end, limit, sub_id))

    def log_voice_out(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.VoiceCall]:
        """Calls made from ``start`` to ``end`` (inclusive)."""
        return logs.to_records(self.log("logvoiceout", start, end, limit, sub_id))

    def log_sms_in(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.SmsIn]:
        """Text messages received from ``start`` to ``end`` (inclusive)."""
        return logs.to_records(self.log("logsmsin", start, end, limit, sub_id))

    def log_sms_out(
        self, start: DateLike, end: DateLike, limit: int | None = None,
        sub_id: int | None = None,
    ) -> list[records.SmsOut]:
        """Text messages sent from ``start`` to ``end`` (inclusive)."""
        return logs.to_records(self.log("logsmsout", start, end, limit, sub_id))

    # --- time zone -------------------------------------------------------------------------

    def set_time_zone(self, tz: str) -> str:
        """Set the account's time zone; returns the name the gateway stored."""
        mode = "settimezone"
        name = check.zone(tz, mode)
        response = self.request(mode, tz=name)
        stored = name if response.parsed.empty else response.parsed.value()
        self.time_zone = stored
        return stored

    def query_time_zone(self) -> str:
        """The account's time zone (also remembered for date checks)."""
        name = self.request("querytimezone").parsed.value()
        self.time_zone = name
        return name

    # --- prices ----------------------------------------------------------------------------

    def query_sms_cost(self, number: str, type: str) -> Decimal:
        """Price of one SMS to ``number``; ``type`` replies, masking, tracking or masktrack.

        Sends ``querysmscost``; if the gateway answers Error 200 it tries ``querysmcost``
        (the document's other spelling) once and remembers the spelling that worked.
        """
        mode = _SMS_COST_MODE
        params = {
            "number": check.destination(number, mode),
            "type": check.choice(type, SMS_COST_TYPES, "type", mode),
        }
        if self.sms_cost_mode is not None:
            return tables.balance(self.request(self.sms_cost_mode, **params).parsed, "SMS cost")
        try:
            response = self.request(mode, **params)
        except IncompleteRequest:
            response = self.request(SMS_COST_ALT_SPELLING, **params)
        self.sms_cost_mode = response.mode
        return tables.balance(response.parsed, "SMS cost")

    def query_voice_cost(self, number: str) -> records.VoiceCost:
        """Price breakdown of a call to ``number``."""
        mode = "queryvoicecost"
        return self._table(mode, tables.voice_cost, number=check.destination(number, mode))

    def query_fax_cost(self, number: str) -> records.FaxCost:
        """Price breakdown of a fax to ``number``."""
        mode = "queryfaxcost"
        return self._table(mode, tables.fax_cost, number=check.destination(number, mode))
