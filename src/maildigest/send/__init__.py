"""Send a built newsletter through the user's own SMTP service, one message per recipient.

    send_newsletter(source, recipients, SendOptions(smtp_url=...)) -> SendReport
    dry_run(source, recipients, options, out_dir) -> DryRun (the .eml files written)

A dry run goes through every check a real send makes (recipients, sender,
unsubscribe target, the defaults refusal in ``options.py``), so it fails, and
exits, exactly where the real send would.

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
from maildigest.send.options import DEFAULT_RATE, SendOptions, check_identity, send_options
from maildigest.send.recipients import Recipient, RecipientList
from maildigest.send.runner import Event, Run, RunPolicy
from maildigest.send.transport import TlsMode, TransportOptions, parse_smtp_url, tls_context

PASSWORD_ENV = "MAILDIGEST_SMTP_PASSWORD"

__all__ = [
    "DEFAULT_RATE",
    "DryRun",
    "Event",
    "SendOptions",
    "SendReport",
    "TlsMode",
    "dry_run",
    "load_draft",
    "send_newsletter",
    "send_options",
]


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


@dataclass(frozen=True)
class _Prepared:
    draft: Draft
    sender: str
    """The From header value."""
    envelope: str
    """The envelope sender (the From address)."""


def _prepare(source: Path, recipients: RecipientList, options: SendOptions) -> _Prepared:
    """Every check a send makes before its first message, shared by the dry run:
    the options, the newsletter, its sender and unsubscribe target, the recipients."""
    if options.concurrency < 1 or options.max_attempts < 1 or options.rate < 0:
        raise ConfigError("concurrency and max attempts must be >= 1, rate >= 0")
    if options.smtp_url:
        parse_smtp_url(options.smtp_url)
    draft = load_draft(source)
    sender, envelope = _sender(draft, options.sender)
    check_identity(envelope, options)
    if not recipients.recipients:
        raise ConfigError("no valid recipients")
    # everything that can be wrong with the settings shows before anything is sent
    draft.message_for(
        recipients.recipients[0], sender=sender, unsubscribe=options.unsubscribe, message_id="<x@y>"
    )
    return _Prepared(draft, sender, envelope)


def send_newsletter(
    source: Path,
    recipients: RecipientList,
    options: SendOptions,
    on_event: Callable[[Event], None] | None = None,
) -> SendReport:
    """Send ``source`` (build folder or .eml) to every recipient, resuming from the journal."""
    if not options.smtp_url:
        raise ConfigError("no SMTP server: pass --smtp-url or set MAILDIGEST_SMTP_URL")
    target = parse_smtp_url(options.smtp_url)
    password = os.environ.get(PASSWORD_ENV, "") if options.password is None else options.password
    if target.user and not password:
        raise ConfigError(f"the SMTP URL names user {target.user!r}: set {PASSWORD_ENV}")
    prepared = _prepare(source, recipients, options)
    draft, sender, envelope = prepared.draft, prepared.sender, prepared.envelope
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


@dataclass(frozen=True)
class DryRun:
    folder: Path
    written: tuple[Path, ...]
    replaced: tuple[Path, ...]
    """Files of an earlier dry run overwritten by this one."""
    removed: tuple[Path, ...]
    """Files of an earlier dry run this one had no recipient for, deleted."""

    def lines(self) -> list[str]:
        lines = [f"Wrote {len(self.written)} message(s) into {self.folder}/ (nothing sent)"]
        done = [
            f"{verb} {len(paths)}"
            for verb, paths in (("replaced", self.replaced), ("removed", self.removed))
            if paths
        ]
        if done:
            lines.append(f"{' and '.join(done)} file(s) of an earlier dry run there")
        return lines


_DRY_RUN_FILE = re.compile(r"^\d{4,}-.*\.eml$")


def dry_run(source: Path, recipients: RecipientList, options: SendOptions, out_dir: Path) -> DryRun:
    """Write each recipient's message as ``NNNN-address.eml`` instead of sending,
    after the same checks as a real send. The folder then holds this run's
    messages only: files of an earlier dry run are replaced or removed (and counted)."""
    prepared = _prepare(source, recipients, options)
    prepare_folder(out_dir)
    earlier = {path for path in out_dir.iterdir() if _DRY_RUN_FILE.match(path.name)}
    written = []
    for number, recipient in enumerate(recipients.recipients, start=1):
        data = prepared.draft.message_for(
            recipient,
            sender=prepared.sender,
            unsubscribe=options.unsubscribe,
            message_id=new_message_id(prepared.envelope),
        )
        path = out_dir / f"{number:04d}-{_file_safe(recipient)}.eml"
        write_atomic(path, data)
        written.append(path)
    removed = sorted(earlier - set(written))
    for path in removed:
        path.unlink(missing_ok=True)
    return DryRun(
        folder=out_dir,
        written=tuple(written),
        replaced=tuple(sorted(earlier & set(written))),
        removed=tuple(removed),
    )


def _file_safe(recipient: Recipient) -> str:
    return re.sub(r"[^A-Za-z0-9@._-]+", "_", recipient.key)[:80]
