"""SMTP connections: URL parsing, the TLS policy, login, and one message's transaction.

Facts this module is built around: ``smtplib`` verifies no certificate unless
given a context, and ``login()`` will send a password in clear text to any
server offering AUTH — so every connection gets ``ssl.create_default_context()``
and ``check_auth_allowed`` refuses AUTH without TLS to a non-loopback host.
``sendmail()`` reports refused recipients as a return value; we run MAIL /
RCPT / DATA ourselves, one recipient per transaction, and classify each
reply, so a refusal can never be mistaken for a delivery. Only a connection
lost after the final ``.`` is "in doubt": the server may have the message.
"""

from __future__ import annotations

import enum
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from maildigest.errors import ConfigError, SendError
from maildigest.hosts import is_loopback
from maildigest.text import single_line

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
IMPLICIT_TLS_PORT = 465


class TlsMode(enum.StrEnum):
    auto = "auto"
    starttls = "starttls"
    ssl = "ssl"
    none = "none"


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    user: str = ""
    scheme: str = "smtp"

    def __str__(self) -> str:
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp[s]://[user@]host[:port]``; a password in the URL is refused (it would leak)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"invalid SMTP URL: {exc}") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ConfigError("the SMTP URL must look like smtp://[user@]host[:port] or smtps://…")
    if parts.password is not None:
        raise ConfigError(
            "the SMTP URL must not contain a password: set MAILDIGEST_SMTP_PASSWORD instead"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError("the SMTP URL takes no path, query or fragment")
    return SmtpTarget(
        host=parts.hostname,
        port=port or DEFAULT_PORTS[parts.scheme],
        user=unquote(parts.username or ""),
        scheme=parts.scheme,
    )


def uses_implicit_tls(target: SmtpTarget, mode: TlsMode) -> bool:
    """TLS from the first byte: ``--tls ssl``, or ``auto`` with smtps:// or port 465."""
    if mode is TlsMode.ssl:
        return True
    return mode is TlsMode.auto and (target.scheme == "smtps" or target.port == IMPLICIT_TLS_PORT)


def wants_starttls(mode: TlsMode, host: str, offered: bool) -> bool:
    """Whether to upgrade a plain connection; SendError when the policy forbids going on.

    ``auto`` upgrades when offered and refuses clear text to any non-loopback
    host (a stripped STARTTLS is the classic downgrade attack); ``starttls``
    always requires it; ``none`` never upgrades.
    """
    if mode is TlsMode.none:
        return False
    if offered:
        return True
    if mode is TlsMode.starttls or not is_loopback(host):
        raise SendError(
            f"{host} does not offer STARTTLS: refusing to send in clear text "
            "(use --tls ssl for port 465, or --tls none to allow clear text)"
        )
    return False


def check_auth_allowed(host: str, encrypted: bool) -> None:
    """A password is only ever sent over TLS, or to this machine."""
    if not encrypted and not is_loopback(host):
        raise SendError(f"refusing to send the SMTP password to {host} without TLS")


def tls_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """The system trust store, plus ``ca_file`` (e.g. a private or test CA) when given."""
    context = ssl.create_default_context()
    if ca_file is not None:
        try:
            context.load_verify_locations(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"cannot load CA file {ca_file}: {exc}") from None
    return context


class Kind(enum.Enum):
    ACCEPTED = "accepted"
    PERMANENT = "permanent"
    TRANSIENT = "transient"
    IN_DOUBT = "in-doubt"


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    code: int | None
    reply: str
    reconnect: bool = False
    """The connection is gone or unusable (421, lost connection): open a new one."""

    @property
    def slow_down(self) -> bool:
        """421: the server asks us to back off before reconnecting."""
        return self.code == 421


def classify(code: int, reply: bytes | str) -> Outcome:
    text = single_line(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply)
    if 200 <= code < 300:
        return Outcome(Kind.ACCEPTED, code, text)
    if 500 <= code < 600:
        return Outcome(Kind.PERMANENT, code, text)
    if 400 <= code < 500:
        return Outcome(Kind.TRANSIENT, code, text, reconnect=code == 421)
    return Outcome(Kind.TRANSIENT, None, text or "connection lost", reconnect=True)


class ConnectFailed(Exception):
    """Opening a connection failed in a way that may pass (refused, timeout, 4xx)."""


@dataclass(frozen=True)
class TransportOptions:
    tls: TlsMode = TlsMode.auto
    context: ssl.SSLContext = field(default_factory=tls_context)
    """Made once and shared by every connection: loading the trust store is slow."""
    timeout: float = 30.0
    password: str = ""
    local_hostname: str | None = None


class Connection:
    """One SMTP session, reused for many messages (one recipient per transaction)."""

    def __init__(self, target: SmtpTarget, options: TransportOptions) -> None:
        self.target = target
        self.options = options
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect, upgrade to TLS, log in. SendError for TLS/auth/policy failures."""
        target, options = self.target, self.options
        context = options.context
        try:
            if uses_implicit_tls(target, options.tls):
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    target.host,
                    target.port,
                    local_hostname=options.local_hostname,
                    timeout=options.timeout,
                    context=context,
                )
                encrypted = True
            else:
                smtp = smtplib.SMTP(
                    target.host,
                    target.port,
                    local_hostname=options.local_hostname,
                    timeout=options.timeout,
                )
                encrypted = False
            self._smtp = smtp
            smtp.ehlo_or_helo_if_needed()  # raises SMTPHeloError on a refusal
            if not encrypted and wants_starttls(
                options.tls, target.host, smtp.has_extn("starttls")
            ):
                smtp.starttls(context=context)  # raises unless the server says 220
                smtp.ehlo_or_helo_if_needed()
                encrypted = True
            if target.user:
                check_auth_allowed(target.host, encrypted)
                _login(smtp, target, options.password)
            if smtp.sock is not None:
                # the final "." is sent on its own (see deliver): don't let Nagle delay it
                smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except ssl.SSLCertVerificationError as exc:
            self.close()
            raise SendError(
                f"TLS certificate of {target.host} not trusted: {exc.verify_message} "
                "(use --ca-file to trust a private CA)"
            ) from None
        except ssl.SSLError as exc:
            self.close()
            raise SendError(f"TLS with {target.host} failed: {exc.reason or exc}") from None
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            if 400 <= exc.smtp_code < 500:
                raise ConnectFailed(f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
            raise SendError(
                f"authentication as {target.user} failed: {exc.smtp_code} {_text(exc.smtp_error)}"
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            self.close()
            raise SendError(f"{target.host}: {exc}") from None
        except smtplib.SMTPConnectError as exc:
            self.close()
            raise ConnectFailed(f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
        except smtplib.SMTPResponseException as exc:
            self.close()
            if 500 <= exc.smtp_code < 600:
                raise SendError(
                    f"{target.host} refused the session: {exc.smtp_code} {_text(exc.smtp_error)}"
                ) from None
            raise ConnectFailed(f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
        except SendError:
            self.close()
            raise
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise ConnectFailed(_describe(exc)) from None

    @property
    def is_open(self) -> bool:
        return self._smtp is not None

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def deliver(
        self, sender: str, recipient: str, message: bytes, before_final_dot: Callable[[], None]
    ) -> Outcome:
        """One transaction. ``before_final_dot`` runs after the body, before the final ``.``.

        A 5xx to MAIL FROM means the sender itself is refused: SendError, as
        no other recipient would get through either.
        """
        smtp = self._smtp
        if smtp is None:
            raise RuntimeError("connection is not open")
        try:
            options = []
            if not (sender + recipient).isascii():
                if not smtp.has_extn("smtputf8"):
                    return Outcome(
                        Kind.PERMANENT, None, "the server does not support SMTPUTF8 addresses"
                    )
                options.append("SMTPUTF8")
                smtp.command_encoding = "utf-8"
            if smtp.has_extn("size"):
                options.append(f"SIZE={len(message)}")
            outcome = classify(*smtp.mail(sender, options))
            if outcome.kind is Kind.PERMANENT:
                raise SendError(
                    f"the server refused the sender {sender}: {outcome.code} {outcome.reply}"
                )
            if outcome.kind is Kind.ACCEPTED:
                outcome = classify(*smtp.rcpt(recipient))
            if outcome.kind is Kind.ACCEPTED:
                code, reply = smtp.docmd("DATA")
                outcome = classify(code, reply) if code != 354 else None
                if outcome is None:
                    smtp.send(_dot_stuffed(message))
                    before_final_dot()
                    return self._final_reply(smtp)
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            return Outcome(Kind.TRANSIENT, None, _describe(exc), reconnect=True)
        finally:
            smtp.command_encoding = "ascii"
        if outcome.reconnect:
            self.close()
        else:
            self._reset()
        return outcome

    def _final_reply(self, smtp: smtplib.SMTP) -> Outcome:
        try:
            smtp.send(b".\r\n")
            outcome = classify(*smtp.getreply())
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self.close()
            return Outcome(
                Kind.IN_DOUBT, None, f"no reply after the message was sent ({_describe(exc)})"
            )
        if outcome.reconnect:
            self.close()
        return outcome

    def _reset(self) -> None:
        try:
            smtp = self._smtp
            if smtp is not None and smtp.rset()[0] != 250:
                self.close()
        except (OSError, smtplib.SMTPException):
            self.close()


def _login(smtp: smtplib.SMTP, target: SmtpTarget, password: str) -> None:
    """AUTH with one mechanism, PLAIN preferred, then LOGIN.

    ``smtplib.login()`` would retry a refused password with every other
    mechanism offered; one clear 535 is what the user needs.
    """
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    smtp.user, smtp.password = target.user, password
    for mechanism, method in (("PLAIN", smtp.auth_plain), ("LOGIN", smtp.auth_login)):
        if mechanism in offered:
            smtp.auth(mechanism, method)
            return
    raise SendError(
        f"{target.host} offers no AUTH PLAIN or LOGIN (offered: {' '.join(offered) or 'none'})"
    )


def _dot_stuffed(message: bytes) -> bytes:
    """The DATA body without its final ``.``: CRLF line ends, leading dots doubled."""
    body = message.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", b"\r\n")
    body = body.replace(b"\r\n.", b"\r\n..")
    if body.startswith(b"."):
        body = b"." + body
    return body if body.endswith(b"\r\n") else body + b"\r\n"


def _text(reply: bytes | str) -> str:
    return single_line(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | socket.timeout):
        return "timed out"
    return single_line(str(exc)) or type(exc).__name__
