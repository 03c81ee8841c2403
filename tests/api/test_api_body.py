"""Reading bodies: line endings, BOM, CSV quoting, headers by name, and everything unexpected."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.helpers.bodies import SUCCESS
from tests.helpers.fake_gateway import FakeGateway, Reply
from traitel_desktop.api import TraiTelClient, errors, logs, records, tables
from traitel_desktop.api.body import parse_body
from traitel_desktop.contract.logs import LogColumns

HTML = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    "<body><h1>Bad Gateway</h1></body></html>\n"
)


@pytest.mark.parametrize(
    "body",
    [
        SUCCESS["querysubaccounts"],
        SUCCESS["querysubaccounts"].replace("\n", "\r\n"),
        "\ufeff" + SUCCESS["querysubaccounts"],
        ("\ufeff" + SUCCESS["querysubaccounts"]).replace("\n", "\r\n").rstrip("\r\n"),
        SUCCESS["querysubaccounts"].rstrip("\n"),
    ],
    ids=["lf", "crlf", "bom", "bom-crlf-no-final-newline", "no-final-newline"],
)
def test_line_endings_and_bom(client: TraiTelClient, primary: FakeGateway, body: str) -> None:
    primary.reply(body)
    accounts = client.query_sub_accounts()
    assert [a.sub_id for a in accounts] == [11, 12]
    assert accounts[0].company == "Lee, Smith & Co"
    assert accounts[1].fax_headline == ""


@pytest.mark.parametrize("body", ["Ok\r\n42.10\r\n", "\ufeffOk\n42.10", "Ok \n 42.10 \n\n"])
def test_single_value_variants(client: TraiTelClient, primary: FakeGateway, body: str) -> None:
    primary.reply(body)
    assert client.query_balance() == Decimal("42.10")


def test_bom_and_crlf_as_bytes(client: TraiTelClient, primary: FakeGateway) -> None:
    primary.reply(Reply(b"\xef\xbb\xbfError 002: Authentication failed.\r\n"))
    with pytest.raises(errors.AuthenticationFailed):
        client.query_balance()


@pytest.mark.parametrize(
    "reply",
    [
        Reply(HTML, content_type="text/html"),
        Reply(HTML, status=404, content_type="text/html"),
        Reply(""),
        Reply("Okay then\n1\n"),
        Reply(b"\x00\x01\x02garbage\xff"),
        Reply("Error: something\n"),
        Reply("Ok\n"),  # a value was expected
        Reply("Ok\n12.50\n13.00\n"),  # one value expected, two given
        Reply("Ok\nlots\n"),  # not money
        Reply("Ok\nNaN\n"),
        Reply("Ok\n1e5\n"),
    ],
    ids=["html", "html-404", "empty", "okay", "binary", "error-without-code", "no-value",
         "two-values", "words", "nan", "exponent"],
)
def test_unexpected_bodies_are_protocol_errors(
    client: TraiTelClient, primary: FakeGateway, alternate: FakeGateway, reply: Reply
) -> None:
    primary.reply(reply)
    with pytest.raises(errors.ProtocolError) as info:
        client.query_balance()
    assert "unexpected" in str(info.value).lower()
    assert "does not understand" in info.value.explanation
    assert alternate.requests == []  # a readable but wrong answer is not a failover trigger


def test_quoted_fields_may_hold_newlines_quotes_and_commas() -> None:
    body = (
        'Ok\r\nID,Sub-ID,Date,Time,From,To,MessageType,Message\r\n'
        '1,0,2024-01-01,00:00:00,61400000001,61400000002,ASCII,"line one\r\nline ""two"", end"\r\n'
    )
    [sms] = logs.to_records(logs.parse_log("logsmsin", body))
    assert sms.message == 'line one\nline "two", end'


def test_columns_matched_by_name_with_spaces_and_any_order() -> None:
    body = "Ok\n DID , CityName,CountryName ,Rate\n61280001111, Sydney ,Australia,9.95\n"
    [offer] = tables.did_offers(parse_body(body).table())
    assert offer == records.DidOffer("Australia", "Sydney", "61280001111")


def test_extra_sub_account_columns_are_kept() -> None:
    body = (
        "Ok\nSub-ID,Alias,Email,First Name,Last Name,Company,Fax Headline,Created\n"
        "7,sales,s@example.com,Sam,Ng,ACME,ACME fax,2024-01-01\n"
    )
    [account] = tables.sub_accounts(parse_body(body).table())
    assert account.sub_id == 7 and account.email == "s@example.com"
    assert account.extra == {"Alias": "sales", "Created": "2024-01-01"}
    hash(account)  # still usable as a key


def test_empty_table_and_header_only() -> None:
    assert tables.sub_accounts(parse_body("Ok\n").table()) == []
    header_only = "Ok\nID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"
    assert logs.parse_log("logsmsout", header_only) == LogColumns.empty("logsmsout")
    assert logs.parse_log("logsmsout", "Ok\n") == LogColumns.empty("logsmsout")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Ok\nID,Name\n1,menu\n", "'DIDs'"),
        ("Ok\nID,Name,DIDs\nx,menu,\n", "row 1, column 'ID'"),
        ("Ok\nID,Name,DIDs\n1,menu,\n2,cut", "row 2 is cut short"),
    ],
)
def test_broken_tables_say_where(body: str, message: str) -> None:
    with pytest.raises(errors.ProtocolError) as info:
        tables.ivr_menus(parse_body(body).table())
    assert message in str(info.value)


@pytest.mark.parametrize(
    "cell", ["12,50", "$1.00", "1.0.0", "Infinity", "", "0x10", "1 000"]
)
def test_money_is_strict(cell: str) -> None:
    head = "Ok\nID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"
    body = f'{head}1,0,2024-01-01,00:00:00,1,2,1,,"{cell}"\n'
    with pytest.raises(errors.ProtocolError):
        logs.parse_log("logsmsout", body)


def test_bad_dates_and_times_are_protocol_errors() -> None:
    head = "Ok\nID,Sub-ID,Date,Time,From,To,Sent,Tracking,Cost\n"
    for row in ("1,0,2024-02-30,00:00:00,1,2,1,,0.1", "1,0,2024-01-01,25:00:00,1,2,1,,0.1"):
        with pytest.raises(errors.ProtocolError):
            logs.parse_log("logsmsout", head + row)


def test_cost_queries_need_exactly_one_row() -> None:
    head = "Ok\nFlagFall,PerSecond,PerMinute,BillingType,Cost\n"
    with pytest.raises(errors.ProtocolError):
        tables.voice_cost(parse_body(head).table())
    row = "0.1,0.001,0.06,PerSecond,0.16\n"
    with pytest.raises(errors.ProtocolError):
        tables.voice_cost(parse_body(head + row + row).table())


def test_latin1_body_does_not_crash() -> None:
    body = "Ok\nSub-ID,Email,First Name,Last Name,Company,Fax Headline\n3,,Zoë,,Café,\n"
    [account] = tables.sub_accounts(parse_body(body.encode("latin-1")).table())
    assert (account.first_name, account.company) == ("Zoë", "Café")


def test_stray_byte_in_utf8_spoils_one_character_not_the_answer(
    client: TraiTelClient, primary: FakeGateway, caplog: pytest.LogCaptureFixture
) -> None:
    # UTF-8 throughout, but one Windows-1252 byte (0x92, a curly apostrophe) slipped in.
    body = ("Ok\nSub-ID,Email,First Name,Last Name,Company,Fax Headline\n"
            "3,,Zoë,Ng,Café X,\n4,,Ann,O\x00Neil,Björk & Co,\n").encode()
    primary.reply(Reply(body.replace(b"\x00", b"\x92")))
    with caplog.at_level("WARNING", logger="traitel_desktop.api.body"):
        first, second = client.query_sub_accounts()
    assert (first.first_name, first.company) == ("Zoë", "Café X")
    assert (second.last_name, second.company) == ("O\u2019Neil", "Björk & Co")
    [record] = caplog.records
    assert "not valid UTF-8" in record.getMessage()
    assert "Neil" not in record.getMessage()  # where, not what


def test_valid_utf8_is_not_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="traitel_desktop.api.body"):
        assert parse_body("Ok\nZoë\n".encode()).value() == "Zoë"
    assert caplog.records == []


def test_windows_1252_letters_read_as_such() -> None:
    raw = "Ok\n€5 – “quoted” Œuvre\n".encode("cp1252") + b"\x81"
    assert parse_body(raw).payload == "€5 – “quoted” Œuvre\n\x81"
