"""The pure parts of sending: URL parsing, the TLS/AUTH policy, reply classification,
back-off, the rate limiter's interruptibility."""

from __future__ import annotations

import threading

import pytest

from maildigest.errors import ConfigError, SendError
from maildigest.hosts import is_loopback
from maildigest.send.ratelimit import RateLimiter
from maildigest.send.runner import MAX_BACKOFF, backoff
from maildigest.send.transport import (
    Kind,
    SmtpTarget,
    TlsMode,
    check_auth_allowed,
    classify,
    parse_smtp_url,
    uses_implicit_tls,
    wants_starttls,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://smtp.example.com", SmtpTarget("smtp.example.com", 587)),
        ("smtps://me@smtp.example.com", SmtpTarget("smtp.example.com", 465, "me", "smtps")),
        (
            "smtp://AKIA%2Fx@email-smtp.eu-west-1.amazonaws.com:2587",
            SmtpTarget("email-smtp.eu-west-1.amazonaws.com", 2587, "AKIA/x"),
        ),
        ("smtp://[::1]:2525", SmtpTarget("::1", 2525)),
        (
            "smtp://postmaster@mg.example.com@smtp.mailgun.org",
            SmtpTarget("smtp.mailgun.org", 587, "postmaster@mg.example.com"),
        ),
    ],
)
def test_parse_smtp_url(url, expected):
    assert parse_smtp_url(url) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("smtp://me:hunter2@smtp.example.com", "must not contain a password"),
        ("http://smtp.example.com", "must look like"),
        ("smtp://", "must look like"),
        ("smtp://host:99999", "invalid SMTP URL"),
        ("smtp://host/path", "no path"),
    ],
)
def test_bad_smtp_urls(url, message):
    with pytest.raises(ConfigError, match=message) as caught:
        parse_smtp_url(url)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("localhost", True),
        ("LocalHost.", True),
        ("[::1]", True),
        ("localhost.evil.com", False),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("smtp.example.com", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_password_is_never_sent_without_tls_to_a_remote_host():
    with pytest.raises(
        SendError, match=r"refusing to send the SMTP password to smtp\.example\.com"
    ):
        check_auth_allowed("smtp.example.com", encrypted=False)
    check_auth_allowed("smtp.example.com", encrypted=True)
    check_auth_allowed("127.0.0.1", encrypted=False)


def test_auto_requires_starttls_off_loopback():
    assert wants_starttls(TlsMode.auto, "smtp.example.com", offered=True) is True
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        wants_starttls(TlsMode.auto, "smtp.example.com", offered=False)
    assert wants_starttls(TlsMode.auto, "127.0.0.1", offered=False) is False


def test_starttls_mode_requires_it_everywhere_and_none_never_upgrades():
    with pytest.raises(SendError):
        wants_starttls(TlsMode.starttls, "127.0.0.1", offered=False)
    assert wants_starttls(TlsMode.none, "smtp.example.com", offered=True) is False


def test_implicit_tls_for_smtps_port_465_and_ssl_mode():
    assert uses_implicit_tls(SmtpTarget("h", 465), TlsMode.auto)
    assert uses_implicit_tls(SmtpTarget("h", 2465, scheme="smtps"), TlsMode.auto)
    assert uses_implicit_tls(SmtpTarget("h", 587), TlsMode.ssl)
    assert not uses_implicit_tls(SmtpTarget("h", 587), TlsMode.auto)
    assert not uses_implicit_tls(SmtpTarget("h", 465), TlsMode.starttls)


@pytest.mark.parametrize(
    ("code", "kind", "reconnect"),
    [
        (250, Kind.ACCEPTED, False),
        (451, Kind.TRANSIENT, False),
        (421, Kind.TRANSIENT, True),
        (550, Kind.PERMANENT, False),
        (554, Kind.PERMANENT, False),
        (-1, Kind.TRANSIENT, True),
    ],
)
def test_classify(code, kind, reconnect):
    outcome = classify(code, b"some\r\ntext")
    assert (outcome.kind, outcome.reconnect) == (kind, reconnect)
    assert outcome.reply == "some text"


def test_backoff_grows_is_jittered_and_capped():
    first = [backoff(1, 1.0) for _ in range(50)]
    third = [backoff(3, 1.0) for _ in range(50)]
    assert all(0.5 <= d <= 1.5 for d in first) and len(set(first)) > 1
    assert all(2.0 <= d <= 6.0 for d in third)
    assert all(d <= MAX_BACKOFF * 1.5 for d in (backoff(40, 1.0) for _ in range(20)))
    assert min(backoff(2, 1.0, slow_down=True) for _ in range(50)) >= 2.0


def test_rate_limiter_wait_is_cut_short_by_a_stop():
    limiter = RateLimiter(0.001)  # one message every 1000 s
    stop = threading.Event()
    assert limiter.acquire(stop) is True  # the first slot is immediate
    threading.Timer(0.05, stop.set).start()
    assert limiter.acquire(stop) is False


def test_unlimited_rate_never_waits_but_honours_stop():
    limiter = RateLimiter(0)
    stop = threading.Event()
    assert all(limiter.acquire(stop) for _ in range(1000))
    stop.set()
    assert limiter.acquire(stop) is False


class FakeClock:
    """time.monotonic and Event.wait for the rate limiter, without real waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def is_set(self) -> bool:
        return False

    def wait(self, seconds: float) -> bool:
        self.now += seconds
        return False


def test_rate_limiter_spaces_messages_evenly(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr("maildigest.send.ratelimit.time.monotonic", clock.monotonic)
    limiter = RateLimiter(4)  # 4 per second: one slot every 0.25 s, no burst
    granted = []
    for _ in range(6):
        assert limiter.acquire(clock)  # type: ignore[arg-type]
        granted.append(clock.now - 1000.0)
    assert granted == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25]
    clock.now += 10  # idle time is not saved up into a burst
    limiter.acquire(clock)  # type: ignore[arg-type]
    limiter.acquire(clock)  # type: ignore[arg-type]
    assert clock.now - 1000.0 == 11.5


@pytest.mark.parametrize(
    ("domain", "example"),
    [
        ("example.com", True),
        ("news.example.org", True),
        ("EXAMPLE.NET.", True),
        ("mail.example", True),
        ("a.test", True),
        ("x.invalid", True),
        ("box.localhost", True),
        ("example.co.uk", False),
        ("myexample.com", False),
        ("news.example-weekly.net", False),
        ("testing.dev", False),
    ],
)
def test_example_domains_are_the_reserved_names(domain, example):
    from maildigest.send.options import is_example_domain

    assert is_example_domain(domain) is example
