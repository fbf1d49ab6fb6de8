"""The send run: workers, each with its own reused SMTP connection, taking
recipients from one queue, under one rate limit, journaling every outcome.

Retries happen inside the worker that holds the recipient (exponential
back-off with jitter, bounded attempts). A 421 also pauses every worker for
the back-off, since "slow down" is about the whole client, not one message.
A stop request (SIGINT/SIGTERM) lets each worker finish its transaction in
flight; recipients not started stay ``pending`` for the next run.
"""

from __future__ import annotations

import collections
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from maildigest.errors import MaildigestError, SendError
from maildigest.send.draft import Draft
from maildigest.send.journal import Journal
from maildigest.send.ratelimit import RateLimiter
from maildigest.send.recipients import Recipient
from maildigest.send.transport import (
    ConnectFailed,
    Connection,
    Kind,
    Outcome,
    SmtpTarget,
    TransportOptions,
)

MAX_BACKOFF = 300.0


@dataclass(frozen=True)
class Event:
    """One step of progress, for a progress bar or a log line."""

    kind: str
    """accepted, failed, in-doubt or retry."""
    address: str
    detail: str = ""
    todo: int = 0
    """How many recipients this run set out to send to."""


@dataclass(frozen=True)
class RunPolicy:
    rate: float
    concurrency: int
    max_attempts: int
    retry_delay: float
    """Base back-off in seconds: attempt n waits about retry_delay * 2**(n-1)."""


def backoff(attempt: int, base: float, slow_down: bool = False) -> float:
    """Exponential back-off with ±50% jitter (so parallel workers don't retry in step)."""
    delay = min(base * 2 ** (attempt - 1) * (2 if slow_down else 1), MAX_BACKOFF)
    return delay * random.uniform(0.5, 1.5)


class Run:
    def __init__(
        self,
        draft: Draft,
        jobs: Sequence[tuple[Recipient, str]],
        *,
        sender: str,
        envelope_sender: str,
        unsubscribe: str,
        journal: Journal,
        target: SmtpTarget,
        transport: TransportOptions,
        policy: RunPolicy,
        stop: threading.Event,
        on_event: Callable[[Event], None] | None = None,
    ) -> None:
        self.draft = draft
        self.queue = collections.deque(jobs)
        self.todo = len(jobs)
        self.sender = sender
        self.envelope_sender = envelope_sender
        self.unsubscribe = unsubscribe
        self.journal = journal
        self.target = target
        self.transport = transport
        self.policy = policy
        self.stop = stop
        self.limiter = RateLimiter(policy.rate)
        self._on_event = on_event
        self._lock = threading.Lock()
        self._resume_at = 0.0
        self.error: BaseException | None = None

    def execute(self) -> None:
        """Run the workers to completion (or stop); re-raise the first fatal error."""
        count = max(1, min(self.policy.concurrency, len(self.queue)))
        workers = [
            threading.Thread(target=self._worker, name=f"send-{n}", daemon=True)
            for n in range(count)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            while worker.is_alive():
                worker.join(0.2)  # a timed join lets the main thread take signals
        if self.error is not None:
            raise self.error

    def _emit(self, event: Event) -> None:
        if self._on_event is not None:
            with self._lock:
                self._on_event(replace(event, todo=self.todo))

    def _next(self) -> tuple[Recipient, str] | None:
        with self._lock:
            return self.queue.popleft() if self.queue and not self.stop.is_set() else None

    def _worker(self) -> None:
        connection = Connection(self.target, self.transport)
        try:
            while (job := self._next()) is not None:
                self._deliver(connection, *job)
        except BaseException as exc:
            with self._lock:
                self.error = self.error or exc
            self.stop.set()
        finally:
            connection.close()

    def _wait(self, seconds: float) -> bool:
        """Sleep unless stopped; False when a stop was requested."""
        return not self.stop.wait(max(0.0, seconds))

    def _open(self, connection: Connection) -> bool:
        failures = 0
        while not connection.is_open:
            if not self._wait(self._resume_at - time.monotonic()):
                return False
            try:
                connection.open()
            except ConnectFailed as exc:
                failures += 1
                if failures >= self.policy.max_attempts:
                    raise SendError(
                        f"cannot connect to {self.target.host}:{self.target.port}: {exc} "
                        f"({failures} attempts)"
                    ) from None
                if not self._wait(backoff(failures, self.policy.retry_delay)):
                    return False
        return True

    def _deliver(self, connection: Connection, recipient: Recipient, message_id: str) -> None:
        key = recipient.key
        try:
            data = self.draft.message_for(
                recipient, sender=self.sender, unsubscribe=self.unsubscribe, message_id=message_id
            )
        except MaildigestError as exc:  # this recipient's data cannot make a valid message
            self.journal.settle(key, "failed", None, f"message not built: {exc}")
            self._emit(Event("failed", recipient.address, f"message not built: {exc}"))
            return
        outcome: Outcome | None = None
        for attempt in range(1, self.policy.max_attempts + 1):
            if not self._open(connection) or not self.limiter.acquire(self.stop):
                return
            outcome = connection.deliver(
                self.envelope_sender, recipient.address, data, lambda: self.journal.sending(key)
            )
            if outcome.kind is Kind.ACCEPTED:
                self.journal.settle(key, "accepted", outcome.code, outcome.reply)
                self._emit(Event("accepted", recipient.address))
                return
            if outcome.kind is Kind.PERMANENT:
                self.journal.settle(key, "failed", outcome.code, outcome.reply)
                self._emit(Event("failed", recipient.address, _reply(outcome)))
                return
            if outcome.kind is Kind.IN_DOUBT:
                self.journal.settle(key, "in-doubt", outcome.code, outcome.reply)
                self._emit(Event("in-doubt", recipient.address, outcome.reply))
                return
            self.journal.settle(key, "pending", outcome.code, outcome.reply)
            if attempt == self.policy.max_attempts:
                break
            delay = backoff(attempt, self.policy.retry_delay, outcome.slow_down)
            if outcome.slow_down:
                with self._lock:
                    self._resume_at = max(self._resume_at, time.monotonic() + delay)
            self._emit(
                Event("retry", recipient.address, f"{_reply(outcome)}; retrying in {delay:.1f}s")
            )
            if not self._wait(delay):
                return
        assert outcome is not None
        reason = f"gave up after {self.policy.max_attempts} attempts: {outcome.reply}"
        self.journal.settle(key, "failed", outcome.code, reason)
        self._emit(Event("failed", recipient.address, _reply(outcome, reason)))


def _reply(outcome: Outcome, text: str | None = None) -> str:
    code = f"{outcome.code} " if outcome.code else ""
    return f"{code}{text or outcome.reply}"
