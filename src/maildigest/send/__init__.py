"""Send a built newsletter through the user's own SMTP service, one message per recipient.

    send_newsletter(source, recipients, SendOptions(smtp_url=...)) -> SendReport
    dry_run(source, recipients, out_dir) -> written .eml paths

Every outcome is journaled (``send-journal.sqlite`` beside the input) the
moment it happens, so re-running the same command resumes: accepted
recipients are skipped, in-doubt ones are reported and only re-sent with
``resend_in_doubt``. See ``journal.py`` for the states and ``transport.py``
for the TLS policy and reply classification.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from maildigest.errors import ConfigError
from maildigest.message import new_message_id, parse_address
from maildigest.outputs import prepare_folder, write_atomic
from maildigest.send.draft import Draft, load_draft
from maildigest.send.journal import Journal, journal_path
from maildigest.send.recipients import Recipient, RecipientList
from maildigest.send.runner import Event, Run, RunPolicy
from maildigest.send.transport import TlsMode, TransportOptions, parse_smtp_url, tls_context

PASSWORD_ENV = "MAILDIGEST_SMTP_PASSWORD"
DEFAULT_RATE = 10.0
"""Messages per second unless told otherwise: under common provider quotas (SES allows 14/s)."""

__all__ = [
    "DEFAULT_RATE",
    "Event",
    "SendOptions",
    "SendReport",
    "TlsMode",
    "dry_run",
    "load_draft",
    "send_newsletter",
]


@dataclass(frozen=True)
class SendOptions:
    smtp_url: str
    tls: TlsMode = TlsMode.auto
    ca_file: Path | None = None
    password: str | None = None
    """None reads MAILDIGEST_SMTP_PASSWORD; never taken from a command line."""
    sender: str = ""
    """From address; empty means the built message's From."""
    unsubscribe: str = ""
    """https URL and/or mailto: for List-Unsubscribe (placeholders allowed)."""
    rate: float = DEFAULT_RATE
    concurrency: int = 1
    timeout: float = 30.0
    max_attempts: int = 5
    retry_delay: float = 2.0
    resend_in_doubt: bool = False
    journal: Path | None = None
    durable: bool = False
    """fsync every journal commit (survives power loss, not only a killed process)."""


@dataclass(frozen=True)
class SendReport:
    journal: Path
    total: int
    accepted: tuple[str, ...]
    already: int
    """Recipients accepted by an earlier run, skipped this time."""
    failed: tuple[tuple[str, int | None, str], ...]
    in_doubt: tuple[tuple[str, str], ...]
    pending: tuple[str, ...]
    interrupted: bool = False

    @property
    def exit_code(self) -> int:
        """0 all accepted; 1 some failed, in doubt or left pending; 130 interrupted."""
        if self.interrupted:
            return 130
        return 0 if len(self.accepted) == self.total else 1

    def lines(self) -> list[str]:
        """The end-of-run summary: one line per recipient that was not accepted."""
        earlier = f", {self.already} in an earlier run" if self.already else ""
        lines = [f"{len(self.accepted)}/{self.total} accepted{earlier}; journal: {self.journal}"]
        lines += [f"failed: {a}: {code or '-'} {reason}" for a, code, reason in self.failed]
        lines += [
            f"in doubt: {a}: {reason} (check, then re-run with --resend-in-doubt to send again)"
            for a, reason in self.in_doubt
        ]
        if self.pending:
            lines.append(f"{len(self.pending)} not sent yet: re-run the same command to resume")
        return lines


@dataclass
class _Stop:
    event: threading.Event = field(default_factory=threading.Event)
    signalled: bool = False


@contextmanager
def _stop_on_signals() -> Iterator[_Stop]:
    """SIGINT/SIGTERM ask the run to stop after the messages in flight; a second
    signal stops at once (KeyboardInterrupt), leaving those messages in doubt."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        if stop.signalled:
            raise KeyboardInterrupt
        stop.signalled = True
        stop.event.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _sender(draft: Draft, sender: str) -> tuple[str, str]:
    """(From header value, envelope address)."""
    value = sender or draft.sender
    if not value:
        raise ConfigError("no sender: the input has no From header, pass --from")
    return value, parse_address(value, "sender")[1]


def send_newsletter(
    source: Path,
    recipients: RecipientList,
    options: SendOptions,
    on_event: Callable[[Event], None] | None = None,
) -> SendReport:
    """Send ``source`` (build folder or .eml) to every recipient, resuming from the journal."""
    target = parse_smtp_url(options.smtp_url)
    password = os.environ.get(PASSWORD_ENV, "") if options.password is None else options.password
    if target.user and not password:
        raise ConfigError(f"the SMTP URL names user {target.user!r}: set {PASSWORD_ENV}")
    if options.concurrency < 1 or options.max_attempts < 1 or options.rate < 0:
        raise ConfigError("concurrency and max attempts must be >= 1, rate >= 0")
    draft = load_draft(source)
    sender, envelope = _sender(draft, options.sender)
    if not recipients.recipients:
        raise ConfigError("no valid recipients")
    # everything that can be wrong with the settings shows before anything is sent
    draft.message_for(
        recipients.recipients[0], sender=sender, unsubscribe=options.unsubscribe, message_id="<x@y>"
    )
    transport = TransportOptions(
        tls=options.tls,
        context=tls_context(options.ca_file),
        timeout=options.timeout,
        password=password,
    )
    path = options.journal or journal_path(source)
    journal = Journal(path, draft.campaign, durable=options.durable)
    try:
        before = journal.prepare(
            [(r.key, r.address) for r in recipients.recipients],
            lambda: new_message_id(envelope),
            resend_in_doubt=options.resend_in_doubt,
        )
        jobs = [
            (r, before[r.key].message_id)
            for r in recipients.recipients
            if before[r.key].state == "pending"
        ]
        with _stop_on_signals() as stop:
            Run(
                draft,
                jobs,
                sender=sender,
                envelope_sender=envelope,
                unsubscribe=options.unsubscribe,
                journal=journal,
                target=target,
                transport=transport,
                policy=RunPolicy(
                    rate=options.rate,
                    concurrency=options.concurrency,
                    max_attempts=options.max_attempts,
                    retry_delay=options.retry_delay,
                ),
                stop=stop.event,
                on_event=on_event,
            ).execute()
        after = journal.entries()
    finally:
        journal.close()
    mine = [after[r.key] for r in recipients.recipients]
    return SendReport(
        journal=path,
        total=len(mine),
        accepted=tuple(e.address for e in mine if e.state == "accepted"),
        already=sum(1 for r in recipients.recipients if before[r.key].state == "accepted"),
        failed=tuple((e.address, e.code, e.reason) for e in mine if e.state == "failed"),
        in_doubt=tuple((e.address, e.reason) for e in mine if e.state == "in-doubt"),
        pending=tuple(e.address for e in mine if e.state in ("pending", "sending")),
        interrupted=stop.signalled,
    )


def dry_run(
    source: Path,
    recipients: RecipientList,
    out_dir: Path,
    *,
    sender: str = "",
    unsubscribe: str = "",
) -> list[Path]:
    """Write each recipient's message as ``NNNN-address.eml`` instead of sending."""
    draft = load_draft(source)
    sender, envelope = _sender(draft, sender)
    prepare_folder(out_dir)
    written = []
    for number, recipient in enumerate(recipients.recipients, start=1):
        data = draft.message_for(
            recipient, sender=sender, unsubscribe=unsubscribe, message_id=new_message_id(envelope)
        )
        path = out_dir / f"{number:04d}-{_file_safe(recipient)}.eml"
        write_atomic(path, data)
        written.append(path)
    return written


def _file_safe(recipient: Recipient) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", recipient.key)[:80]
