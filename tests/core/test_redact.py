"""Masking private details for the diagnostics file (core/redact.py): no e-mail address, no
phone number or other run of six digits, no password-like value and no given secret survives;
dates and ordinary words do."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from traitel_desktop.core.redact import EMAIL_MASK, HIDDEN, NUMBER_MASK, redact, safe_url

SIX_DIGITS = re.compile(r"\d{6}")
#: Text around the planted values: words, digits, the separators numbers are written with.
NOISE = st.text(st.sampled_from("ab xyz01234 5-().+@:=\n/é٣"), max_size=30)


def phone_numbers() -> st.SearchStrategy[str]:
    """Numbers as people write them: +61 2 9999 1234, (02) 9999-1234, 0061.2.9999.1234 ..."""
    digits = st.text(st.sampled_from("0123456789"), min_size=1, max_size=4)
    sep = st.sampled_from(["", " ", "-", ".", " - ", ") ", "(", " ("])
    return st.builds(
        lambda plus, parts, seps: plus + "".join(p + s for p, s in zip(parts, seps, strict=False)),
        st.sampled_from(["", "+", "("]),
        st.lists(digits, min_size=3, max_size=6).filter(lambda ps: sum(map(len, ps)) >= 7),
        st.lists(sep, min_size=6, max_size=6),
    )


@given(st.text())
@example("order 1234567 at 2026-12-06 14:03:11 from 0061299991234")
@example("١٢٣٤٥٦٧")  # digits of other scripts count as digits too
def test_no_run_of_six_digits_survives(text: str) -> None:
    assert not SIX_DIGITS.search(redact(text))


@given(NOISE, phone_numbers(), NOISE)
@example("sent to ", "+61 2 9999 1234", " ok")
@example("call ", "(02) 9999-1234", "")
def test_no_phone_number_survives(before: str, number: str, after: str) -> None:
    assert number not in redact(before + number + after)


@given(NOISE, st.emails(), NOISE)
@example("from ", "owner@example.com", ".")
@example("2026-12-06", "a.b+c@mail.example.co.uk", "")
def test_no_email_survives(before: str, email: str, after: str) -> None:
    assert email not in redact(before + email + after)


@given(
    st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s),
    st.lists(st.text(max_size=20), min_size=1, max_size=4),
)
@example("hunter2", ["sign in with hunter2", "pass=hunter2&x=1"])
@example("]", ["[hidden]"])  # a secret made of the mask's own characters
@example("ab[hi", ["ab", ""])  # a secret that the mask and its neighbours could spell
def test_a_known_secret_never_appears(secret: str, pieces: list[str]) -> None:
    text = secret.join(pieces) + secret
    assert secret not in redact(text, [secret])


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12), st.text(max_size=30))
def test_two_secrets_never_appear(first: str, second: str, text: str) -> None:
    out = redact(f"{text}{first}{text}{second}{first}{second}", [first, second])
    assert first not in out and second not in out


def test_password_like_values_are_hidden_whatever_their_shape() -> None:
    lines = {
        "POST https://bob:Tr0ub4dor@api.traitel.com/accountmanager.pl": "Tr0ub4dor",
        "?user=bob&pass=Tr0ub4dor&mode=querybalance": "Tr0ub4dor",
        '{"password": "correct horse", "mode": "x"}': "correct horse",
        "password: s3cr3t! and more": "s3cr3t!",
        "PWD=abc;next": "abc",
        "Authorization: Basic dXNlcjpwYXNz": "dXNlcjpwYXNz",
        "'pass': 'q'": "'q'",
    }
    for line, secret in lines.items():
        out = redact(line)
        assert secret not in out, (line, out)
        assert HIDDEN in out
    assert "bob" not in redact("?user=bob&pass=x") and "user=" in redact("?user=bob&pass=x")


def test_dates_words_and_short_numbers_stay_readable() -> None:
    line = ("logsmsin: the gateway's today is still 2026-12-05; 31 rows, 12345 bytes; "
            "history moved from Australia/Sydney to Europe/London at 2026-12-06 14:03:11,512")
    assert redact(line) == line
    assert redact("activity 2026-01-01..2026-02-01 kept") == "activity 2026-01-01..2026-02-01 kept"


def test_a_date_joined_to_more_digits_is_a_number() -> None:
    assert redact("call 2026-12-06-1234") == f"call {NUMBER_MASK}"
    assert redact("+2026-12-06") == NUMBER_MASK
    assert redact("x 2026-12-06 1234567") == f"x {NUMBER_MASK}"


def test_masks_say_what_was_there() -> None:
    assert redact("owner@example.com rang +61 2 9999 1234") == (
        f"{EMAIL_MASK} rang {NUMBER_MASK}")


def test_safe_url_keeps_scheme_host_port_and_path_only() -> None:
    assert safe_url("https://bob:pw@gw.example.com:8443/am.pl?pass=1#x") == (
        "https://gw.example.com:8443/am.pl")
    assert safe_url("http://[::1]:8080/x") == "http://[::1]:8080/x"
    assert safe_url("not an address 0299991234") == f"not an address {NUMBER_MASK}"
    assert safe_url("https://host:notaport/x") == "https://host:notaport/x"
