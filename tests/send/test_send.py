"""Sending against a real aiosmtpd server, with faults injected by the server."""

from __future__ import annotations

import email
import socket
import sqlite3
from collections import Counter

import pytest

from maildigest.errors import ConfigError, RenderError, SendError
from maildigest.outputs import write_set
from maildigest.send import send_newsletter
from maildigest.send.journal import JOURNAL_NAME
from maildigest.send.recipients import from_addresses


def journal_states(folder) -> dict[str, str]:
    with sqlite3.connect(folder / JOURNAL_NAME) as db:
        return dict(db.execute("SELECT address, state FROM deliveries"))


def test_each_recipient_gets_own_personalised_message(server, newsletter, fast):
    people = from_addresses(["Ann <ann@example.com>", "bob@example.com"])
    report = send_newsletter(
        newsletter,
        people,
        fast(server.url(), unsubscribe="https://example.org/u?e={{ recipient.email }}"),
    )
    assert report.exit_code == 0
    assert sorted(server.sink.received()) == ["ann@example.com", "bob@example.com"]
    ann, bob = server.sink.parsed("ann@example.com"), server.sink.parsed("bob@example.com")
    assert ann["To"] == "Ann <ann@example.com>" and bob["To"] == "bob@example.com"
    assert ann["Subject"] == "Weekly news for Ann" and bob["Subject"] == "Weekly news for you"
    assert ann["Message-ID"] != bob["Message-ID"] and ann["Date"]
    assert ann["List-Unsubscribe"] == "<https://example.org/u?e=ann@example.com>"
    assert ann["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = ann.get_body(("html",)).get_content()
    assert 'href="https://example.org/u?e=ann@example.com"' in html
    assert "Hello reader," in bob.get_body(("plain",)).get_content()


def test_451_then_success_is_retried(server, newsletter, fast):
    server.sink.data_faults = ["451 4.3.0 try again later", "451 4.3.0 still busy"]
    report = send_newsletter(newsletter, from_addresses(["a@example.com"]), fast(server.url()))
    assert report.exit_code == 0
    assert server.sink.received() == ["a@example.com"]
    assert server.sink.data_count == 3


def test_transient_failures_are_bounded_and_retried_on_the_next_run(server, newsletter, fast):
    server.sink.data_faults = ["451 busy"] * 3
    people = from_addresses(["a@example.com"])
    report = send_newsletter(newsletter, people, fast(server.url(), max_attempts=3))
    assert report.failed == (("a@example.com", 451, "gave up after 3 attempts: busy"),)
    again = send_newsletter(newsletter, people, fast(server.url()))
    assert again.exit_code == 0 and server.sink.received() == ["a@example.com"]


def test_550_fails_one_recipient_permanently_and_is_never_retried(server, newsletter, fast):
    server.sink.rcpt_replies = {"gone@example.com": "550 5.1.1 no such user"}
    people = from_addresses(["a@example.com", "gone@example.com", "b@example.com"])
    report = send_newsletter(newsletter, people, fast(server.url()))
    assert report.exit_code == 1
    assert report.failed == (("gone@example.com", 550, "5.1.1 no such user"),)
    assert sorted(server.sink.received()) == ["a@example.com", "b@example.com"]
    again = send_newsletter(newsletter, people, fast(server.url()))
    assert again.failed == report.failed and again.already == 2
    assert len(server.sink.received()) == 2


def test_421_and_disconnect_mid_batch_reconnects_and_loses_nobody(server, newsletter, fast):
    server.sink.data_faults = ["", "", "421 4.7.0 too fast, closing", ""]
    report = send_newsletter(newsletter, from_addresses_n(6), fast(server.url()))
    assert report.exit_code == 0
    assert Counter(server.sink.received()) == {f"u{n}@example.com": 1 for n in range(6)}


def from_addresses_n(count: int):
    return from_addresses([f"u{n}@example.com" for n in range(count)])


def test_connection_dropped_after_final_dot_is_in_doubt_not_failed(server, newsletter, fast):
    server.sink.data_faults = ["", "drop"]
    people = from_addresses_n(3)
    report = send_newsletter(newsletter, people, fast(server.url()))
    assert report.exit_code == 1
    assert [a for a, _ in report.in_doubt] == ["u1@example.com"]
    assert sorted(report.accepted) == ["u0@example.com", "u2@example.com"]
    # the server did store it: resuming must not send it again unless asked
    again = send_newsletter(newsletter, people, fast(server.url()))
    assert [a for a, _ in again.in_doubt] == ["u1@example.com"]
    assert Counter(server.sink.received())["u1@example.com"] == 1
    forced = send_newsletter(newsletter, people, fast(server.url(), resend_in_doubt=True))
    assert forced.exit_code == 0
    assert Counter(server.sink.received())["u1@example.com"] == 2
    first, second = (
        email.message_from_bytes(data)["Message-ID"]
        for address, data in server.sink.messages
        if address == "u1@example.com"
    )
    assert first == second  # a resent message keeps its ID, so receivers can deduplicate


def test_server_hanging_after_data_times_out_into_in_doubt(server, newsletter, fast):
    server.sink.data_faults = ["hang"]
    people = from_addresses_n(2)
    report = send_newsletter(newsletter, people, fast(server.url(), timeout=0.5))
    assert [a for a, _ in report.in_doubt] == ["u0@example.com"]
    assert "timed out" in report.in_doubt[0][1]
    assert report.accepted == ("u1@example.com",)
    assert journal_states(newsletter) == {
        "u0@example.com": "in-doubt",
        "u1@example.com": "accepted",
    }


def test_server_that_never_greets_stops_the_run_with_send_error(newsletter, fast):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # listens, never answers
        port = silent.getsockname()[1]
        with pytest.raises(SendError, match=r"cannot connect .*timed out.*2 attempts"):
            send_newsletter(
                newsletter,
                from_addresses_n(2),
                fast(f"smtp://127.0.0.1:{port}", timeout=0.3, max_attempts=2),
            )
    assert set(journal_states(newsletter).values()) == {"pending"}


def test_refused_connection_is_a_send_error(newsletter, fast):
    with socket.create_server(("127.0.0.1", 0)) as placeholder:
        port = placeholder.getsockname()[1]
    with pytest.raises(SendError, match="cannot connect"):
        send_newsletter(
            newsletter, from_addresses_n(1), fast(f"smtp://127.0.0.1:{port}", max_attempts=2)
        )


def test_resume_skips_accepted_recipients(server, newsletter, fast):
    first = from_addresses_n(3)
    send_newsletter(newsletter, first, fast(server.url()))
    report = send_newsletter(newsletter, from_addresses_n(5), fast(server.url()))
    assert report.already == 3 and len(report.accepted) == 5
    assert Counter(server.sink.received()) == {f"u{n}@example.com": 1 for n in range(5)}


def test_a_changed_newsletter_is_a_new_campaign(server, newsletter, fast):
    people = from_addresses_n(2)
    send_newsletter(newsletter, people, fast(server.url()))
    eml = (newsletter / "newsletter.eml").read_bytes()
    write_set(newsletter, {"newsletter.eml": eml.replace(b"One point.", b"Another point.")})
    report = send_newsletter(newsletter, people, fast(server.url()))
    assert report.already == 0 and len(server.sink.received()) == 4


def test_thousand_recipients_with_concurrency_8(server, newsletter, fast, addresses):
    people = addresses(1000)
    report = send_newsletter(newsletter, people, fast(server.url(), concurrency=8))
    assert report.exit_code == 0 and len(report.accepted) == 1000
    counts = Counter(server.sink.received())
    assert len(counts) == 1000 and set(counts.values()) == {1}
    assert set(journal_states(newsletter).values()) == {"accepted"}
    sample = server.sink.parsed("user0777@example.com")
    assert sample["To"] == "user0777@example.com"


def test_user_without_password_is_a_config_error(server, newsletter, fast):
    with pytest.raises(ConfigError, match="MAILDIGEST_SMTP_PASSWORD"):
        send_newsletter(newsletter, from_addresses_n(1), fast(server.url(user="me")))


def test_sender_refused_stops_the_run(start_server, newsletter, fast):
    class RefuseSender:
        async def handle_MAIL(self, server, session, envelope, address, options):
            return "550 5.7.1 sender not allowed"

    server = start_server(RefuseSender())
    with pytest.raises(SendError, match=r"refused the sender weekly@weekly-news\.net: 550"):
        send_newsletter(newsletter, from_addresses_n(2), fast(server.url()))
    assert set(journal_states(newsletter).values()) == {"pending"}


def test_events_report_progress(server, newsletter, fast):
    server.sink.rcpt_replies = {"u1@example.com": "550 nope"}
    events = []
    send_newsletter(newsletter, from_addresses_n(3), fast(server.url()), on_event=events.append)
    assert sorted((e.kind, e.address) for e in events) == [
        ("accepted", "u0@example.com"),
        ("accepted", "u2@example.com"),
        ("failed", "u1@example.com"),
    ]
    assert {e.todo for e in events} == {3}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"unsubscribe": "javascript:alert(1)"}, "https URL or a mailto"),
        ({"sender": "Bcc: x@example.com"}, "not one email address"),
        ({"ca_file": "/nonexistent/ca.pem"}, "cannot load CA file"),
    ],
)
def test_bad_settings_fail_before_anything_is_written_or_sent(
    server, newsletter, fast, overrides, message
):
    with pytest.raises(ConfigError, match=message):
        send_newsletter(newsletter, from_addresses_n(2), fast(server.url(), **overrides))
    assert not (newsletter / JOURNAL_NAME).exists()
    assert server.sink.received() == []


def test_a_message_that_cannot_be_built_fails_only_its_recipient(
    server, newsletter, fast, monkeypatch
):
    import maildigest.send.draft as draft_module

    real = draft_module.compose_message

    def compose(*args, **kwargs):
        if kwargs["to"][1] == "u1@example.com":
            raise RenderError("header check failed: injected")
        return real(*args, **kwargs)

    monkeypatch.setattr(draft_module, "compose_message", compose)  # the fixture's unsubscribe
    # link holds the address, so every recipient's message is composed afresh
    report = send_newsletter(newsletter, from_addresses_n(3), fast(server.url()))
    assert report.failed == (
        ("u1@example.com", None, "message not built: header check failed: injected"),
    )
    assert sorted(server.sink.received()) == ["u0@example.com", "u2@example.com"]
