"""The message stage: per-recipient headers, List-Unsubscribe, and header injection."""

from __future__ import annotations

import email
import email.policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maildigest.errors import ConfigError
from maildigest.message import (
    compose_message,
    message_bytes,
    readdress,
    split_message,
    unsubscribe_headers,
)

SENDER = "The Weekly <weekly@example.org>"
BASE = ["content-type", "date", "from", "message-id", "mime-version", "subject", "to"]


def reparse(message) -> email.message.EmailMessage:
    return email.message_from_bytes(message_bytes(message), policy=email.policy.default)


def test_per_recipient_headers_and_unique_message_ids():
    first = reparse(
        compose_message("S", "t", "<p>h</p>", sender=SENDER, to=("Ann", "ann@example.com"))
    )
    second = reparse(
        compose_message("S", "t", "<p>h</p>", sender=SENDER, to=("", "bob@example.com"))
    )
    assert first["To"] == "Ann <ann@example.com>" and second["To"] == "bob@example.com"
    assert first["Message-ID"] != second["Message-ID"]
    assert first["Message-ID"].endswith("@example.org>")
    assert first.get_content_type() == "multipart/alternative"
    given_id = reparse(compose_message("S", "t", "", sender=SENDER, message_id="<x.1@example.org>"))
    assert given_id["Message-ID"] == "<x.1@example.org>"
    assert given_id.get_content_type() == "text/plain"


@pytest.mark.parametrize(
    "subject",
    [
        "Hello\r\nBcc: victim@example.com",
        "Hello\nBcc: victim@example.com",
        "Hello\rBcc: victim@example.com",
        "Hello\u2028Bcc: victim@example.com",
        "Hello\x00\r\n\r\n<html>body</html>",
    ],
)
def test_line_breaks_in_subject_never_make_headers(subject):
    parsed = reparse(
        compose_message(subject, "t", "<p>h</p>", sender=SENDER, to=("", "a@example.com"))
    )
    assert sorted(k.lower() for k in parsed) == BASE
    assert "\n" not in parsed["Subject"] and "\r" not in parsed["Subject"]


def test_line_breaks_in_recipient_name_never_make_headers():
    message = compose_message(
        "S", "t", "h", sender=SENDER, to=("Ann\r\nBcc: victim@example.com", "ann@example.com")
    )
    parsed = reparse(message)
    assert sorted(k.lower() for k in parsed) == BASE
    assert parsed["To"].addresses[0].addr_spec == "ann@example.com"


@pytest.mark.parametrize(
    "address",
    ["ann@example.com\r\nBcc: victim@example.com", "ann@example.com\nX: y", "a@b.com, c@d.com"],
)
def test_line_breaks_or_lists_in_addresses_are_refused(address):
    with pytest.raises(ConfigError):
        compose_message("S", "t", "h", sender=SENDER, to=("", address))
    with pytest.raises(ConfigError):
        compose_message("S", "t", "h", sender=address)


@settings(max_examples=150, deadline=None)
@given(
    subject=st.text(alphabet=st.sampled_from("aZ: \r\n\t\x00\x0b\u2028é<>\"'"), max_size=40),
    name=st.text(alphabet=st.sampled_from("aZ: \r\n\x00,;<>\"'@é"), max_size=30),
)
def test_no_input_adds_a_header(subject, name):
    parsed = reparse(compose_message(subject, "t", "h", sender=SENDER, to=(name, "a@example.com")))
    assert sorted(k.lower() for k in parsed) == BASE
    assert parsed["To"].addresses[0].addr_spec == "a@example.com"
    assert not any(c in parsed["Subject"] for c in "\r\n")


def test_one_click_unsubscribe_for_https():
    headers = unsubscribe_headers(
        "https://example.org/u?id=1, mailto:u@example.org?subject=unsubscribe"
    )
    assert headers == {
        "List-Unsubscribe": "<https://example.org/u?id=1>, <mailto:u@example.org?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    parsed = reparse(compose_message("S", "t", "h", sender=SENDER, extra_headers=headers))
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_mailto_only_gets_no_one_click_header():
    assert unsubscribe_headers("mailto:u@example.org") == {
        "List-Unsubscribe": "<mailto:u@example.org>"
    }
    assert unsubscribe_headers("") == {}


@pytest.mark.parametrize("target", ["javascript:alert(1)", "https://x.org/a>b", "ftp://x.org"])
def test_bad_unsubscribe_targets(target):
    with pytest.raises(ConfigError, match="https URL or a mailto"):
        unsubscribe_headers(target)


def test_quoted_printable_lines_stay_within_76_characters():
    text = "word " * 400 + "\n.dot at line start é\n"
    html = "<p>" + "Lorem ipsum dolor sit amet é. " * 300 + "</p>"
    raw = message_bytes(compose_message("S", text, html, sender=SENDER))
    body = raw.split(b"\r\n\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed.get_body(("plain",)).get_content().replace("\r\n", "\n") == text


def test_readdress_reuses_the_body_with_new_recipient_headers():
    headers = {"List-Unsubscribe": "<https://x.org/u?a>"}
    message = compose_message(
        "For Ann", "t " * 200, "<p>h</p>", sender=SENDER, to=("Ann", "ann@example.com"),
        message_id="<1@example.org>", extra_headers=headers,
    )  # fmt: skip
    body = split_message(message_bytes(message))[1]
    raw = readdress(
        message,
        body,
        "For Bob\r\nBcc: x@y.z",
        to=("", "bob@example.com"),
        message_id="<2@example.org>",
    )
    assert raw == message_bytes(message)  # the fast path writes what the generator writes
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["To"] == "bob@example.com" and parsed["Message-ID"] == "<2@example.org>"
    assert parsed["Subject"] == "For Bob Bcc: x@y.z" and "List-Unsubscribe" not in parsed
    assert sorted(k.lower() for k in parsed) == BASE
    assert parsed.get_body(("plain",)).get_content() == "t " * 200 + "\r\n"
