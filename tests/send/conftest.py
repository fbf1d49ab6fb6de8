"""A real SMTP server (aiosmtpd on 127.0.0.1, free port) with fault injection,
and a small built newsletter to send."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from maildigest.message import compose_message, message_bytes
from maildigest.outputs import write_set
from maildigest.send import SendOptions
from maildigest.send.recipients import RecipientList, from_addresses

USER, PASSWORD = "mailer", "s3cret-Pa55"
SENDER = "The Weekly <weekly@weekly-news.net>"
UNSUBSCRIBE = "mailto:leave@weekly-news.net"


@dataclass
class Sink:
    """The handler: records accepted messages; replies can be scripted per address."""

    rcpt_replies: dict[str, str] = field(default_factory=dict)
    """address -> RCPT reply (e.g. '550 no such user')."""
    data_faults: list[str] = field(default_factory=list)
    """Replies for the next DATA commands, in order: '' (normal), '451 …', '421 …' (then
    hang up), 'hang' (never reply), 'drop' (store the message, hang up without a reply)."""
    delay: float = 0.0
    messages: list[tuple[str, bytes]] = field(default_factory=list)
    data_count: int = 0
    encrypted: list[bool] = field(default_factory=list)
    """Per stored message: was the session under TLS?"""
    mechanisms: list[str] = field(default_factory=list)
    """AUTH mechanisms clients used."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.data_count += 1
            fault = self.data_faults.pop(0) if self.data_faults else ""
        if self.delay:
            await asyncio.sleep(self.delay)
        if fault == "hang":
            await asyncio.sleep(3600)
        if fault and fault != "drop":
            if fault.startswith("421"):
                asyncio.get_running_loop().call_later(0.01, server.transport.close)
            return fault
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt.lower(), envelope.original_content))
                self.encrypted.append(server.transport.get_extra_info("ssl_object") is not None)
        if fault == "drop":
            server.transport.close()
            return "250 never seen"
        return "250 OK queued"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.mechanisms.append(mechanism)
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
        )
        return AuthResult(success=ok, handled=False)

    def received(self) -> list[str]:
        with self.lock:
            return [address for address, _ in self.messages]

    def parsed(self, address: str) -> email.message.EmailMessage:
        with self.lock:
            raw = next(data for rcpt, data in self.messages if rcpt == address.lower())
        return email.message_from_bytes(raw, policy=email.policy.default)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    sink: Sink
    port: int
    controller: Controller

    def url(self, user: str = "", scheme: str = "smtp") -> str:
        return f"{scheme}://{user + '@' if user else ''}127.0.0.1:{self.port}"


@pytest.fixture
def start_server() -> Iterator[Callable[..., Server]]:
    """Start servers with options (auth, TLS); all are stopped after the test."""
    started: list[Controller] = []

    def start(sink: Sink | None = None, **kwargs: object) -> Server:
        sink = sink or Sink()
        port = free_port()
        if kwargs.pop("auth", False):
            kwargs.update(authenticator=sink.authenticate, auth_require_tls=False)
        controller = Controller(
            sink, hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs
        )
        controller.start()
        started.append(controller)
        return Server(sink, port, controller)

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def server(start_server) -> Server:
    return start_server()


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="session")
def certificate(self_signed) -> Certificate:
    """A self-signed certificate for localhost / 127.0.0.1."""
    return Certificate(*self_signed("DNS:localhost,IP:127.0.0.1"))


@pytest.fixture
def newsletter(tmp_path: Path) -> Path:
    """A build folder holding a small newsletter.eml with recipient placeholders,
    from a sender who finished the set-up (own domain; tests add an unsubscribe target)."""
    folder = tmp_path / "out"
    message = compose_message(
        'Weekly news for {{ recipient.name | default("you") }}',
        'Hello {{ recipient.name | default("reader") }},\n\n* One point.\n',
        '<p>Hello {{ recipient.name | default("reader") }}</p>'
        '<a href="https://example.org/u?e={{%20recipient.email%20}}">Unsubscribe</a>',
        sender=SENDER,
    )
    write_set(folder, {"newsletter.eml": message_bytes(message)})
    return folder


def _fast(url: str, **overrides: object) -> SendOptions:
    """Options for tests: no rate limit, tiny back-offs, short timeouts."""
    values: dict[str, object] = {
        "smtp_url": url,
        "rate": 0,
        "retry_delay": 0.01,
        "timeout": 2.0,
        "password": "",
        "unsubscribe": UNSUBSCRIBE,
    }
    values.update(overrides)
    return SendOptions(**values)  # type: ignore[arg-type]


def _addresses(count: int, domain: str = "example.com") -> RecipientList:
    return from_addresses([f"user{n:04d}@{domain}" for n in range(count)])


@pytest.fixture
def credentials() -> tuple[str, str]:
    """(user, password) the test server accepts."""
    return USER, PASSWORD


@pytest.fixture
def fast() -> Callable[..., SendOptions]:
    return _fast


@pytest.fixture
def addresses() -> Callable[..., RecipientList]:
    return _addresses
