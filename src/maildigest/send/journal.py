"""The send journal: one SQLite row per recipient, so a run can always resume.

States: ``pending`` -> ``sending`` -> ``accepted`` | ``failed`` | ``in-doubt``.

``sending`` is committed just before the message's final ``.`` goes out and
``accepted`` as soon as the server's 250 comes back — per message, never per
batch. A row still ``sending`` when a run starts therefore means the previous
run died between the final ``.`` and the reply: the server may have stored the
message, so it becomes ``in-doubt`` and is only re-sent when asked. A process
killed before the final ``.`` leaves ``pending`` (servers drop incomplete
transactions), so nothing is lost and nothing is sent twice.

WAL mode keeps each commit to an append; ``synchronous=NORMAL`` survives a
killed process (the OS has the WAL), ``FULL`` (``durable=True``) a power loss.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from maildigest.errors import OutputError, SendError

JOURNAL_NAME = "send-journal.sqlite"
STATES = ("pending", "sending", "accepted", "failed", "in-doubt")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    campaign TEXT NOT NULL,
    key TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'accepted', 'failed', 'in-doubt')),
    attempts INTEGER NOT NULL DEFAULT 0,
    code INTEGER,
    reason TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (campaign, key)
)
"""


@dataclass(frozen=True)
class Entry:
    key: str
    address: str
    state: str
    attempts: int
    code: int | None
    reason: str
    message_id: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class Journal:
    """Thread-safe: the send workers share one connection behind a lock.

    One run at a time: a second ``send`` on the same journal would turn the
    first one's ``sending`` rows into in-doubt ones and mail its pending
    recipients too, so the file is locked (``flock``) for the whole run.
    """

    def __init__(self, path: Path, campaign: str, *, durable: bool = False) -> None:
        self.path = path
        self.campaign = campaign
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._run_lock = _lock_run(path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.execute(_SCHEMA)
        except sqlite3.Error as exc:
            raise OutputError(f"cannot open the send journal {path}: {exc}") from None
        except SendError:
            self._db.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._run_lock is not None:
                self._run_lock.close()

    def _write(self, sql: str, *args: object) -> None:
        with self._lock:
            self._db.execute(sql, args)

    def prepare(
        self,
        recipients: Sequence[tuple[str, str]],
        new_message_id: Callable[[], str],
        *,
        resend_in_doubt: bool = False,
    ) -> dict[str, Entry]:
        """Add new (key, address) rows as pending and recover the last run's leftovers.

        ``sending`` rows become ``in-doubt``; failures without a permanent 5xx
        reply (attempts ran out on 4xx or lost connections) go back to pending.
        """
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "UPDATE deliveries SET state='in-doubt', reason='the previous run stopped after "
                "the message was sent, before the server replied', updated=? "
                "WHERE campaign=? AND state='sending'",
                (_now(), self.campaign),
            )
            self._db.execute(
                "UPDATE deliveries SET state='pending', attempts=0 WHERE campaign=? AND "
                "state='failed' AND (code IS NULL OR code < 500)",
                (self.campaign,),
            )
            if resend_in_doubt:
                self._db.execute(
                    "UPDATE deliveries SET state='pending', attempts=0 WHERE campaign=? "
                    "AND state='in-doubt'",
                    (self.campaign,),
                )
            now = _now()
            self._db.executemany(
                "INSERT OR IGNORE INTO deliveries (campaign, key, address, state, message_id, "
                "updated) VALUES (?, ?, ?, 'pending', ?, ?)",
                [
                    (self.campaign, key, address, new_message_id(), now)
                    for key, address in recipients
                ],
            )
        return self.entries()

    def entries(self) -> dict[str, Entry]:
        with self._lock:
            rows = self._db.execute(
                "SELECT key, address, state, attempts, code, reason, message_id FROM deliveries "
                "WHERE campaign=? ORDER BY rowid",
                (self.campaign,),
            ).fetchall()
        return {row[0]: Entry(*row) for row in rows}

    def sending(self, key: str) -> None:
        self._write(
            "UPDATE deliveries SET state='sending', attempts=attempts+1, updated=? "
            "WHERE campaign=? AND key=?",
            _now(),
            self.campaign,
            key,
        )

    def settle(self, key: str, state: str, code: int | None, reason: str) -> None:
        """Record an outcome: accepted, failed, in-doubt, or pending again (to retry)."""
        if state not in STATES:
            raise ValueError(state)
        self._write(
            "UPDATE deliveries SET state=?, code=?, reason=?, updated=? WHERE campaign=? AND key=?",
            state,
            code,
            reason,
            _now(),
            self.campaign,
            key,
        )


def _lock_run(path: Path) -> BinaryIO | None:
    """An exclusive ``flock`` on the journal file, held until ``close``.

    (BSD ``flock`` locks are separate from the POSIX locks SQLite itself
    takes, so the two do not interfere.) None where ``fcntl`` is missing.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no protection against two concurrent runs
        return None
    handle = path.open("rb")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SendError(f"another maildigest send is using {path}: wait for it to finish") from None
    return handle


def journal_path(source: Path) -> Path:
    """``send-journal.sqlite`` beside the input (inside it when it is a folder)."""
    return (source if source.is_dir() else source.parent) / JOURNAL_NAME
