"""The journal on its own: states, recovery of a killed run, one run at a time."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from maildigest.errors import SendError
from maildigest.send.journal import Journal

ROWS = [("a@example.com", "a@example.com"), ("b@example.com", "b@example.com")]


def ids():
    counter = itertools.count()
    return lambda: f"<{next(counter)}@example.org>"


def test_a_second_run_on_the_same_journal_is_refused(tmp_path):
    path = tmp_path / "send-journal.sqlite"
    first = Journal(path, "c1")
    with pytest.raises(SendError, match="another maildigest send is using"):
        Journal(path, "c1")
    first.close()
    Journal(path, "c1").close()  # free again once the first run has finished


def test_recovery_rules_of_prepare(tmp_path):
    path = tmp_path / "send-journal.sqlite"
    journal = Journal(path, "c1")
    journal.prepare(ROWS, ids())
    journal.sending("a@example.com")  # died after the final dot: in doubt
    journal.settle("b@example.com", "failed", 451, "gave up after 5 attempts: busy")
    journal.close()

    journal = Journal(path, "c1")
    entries = journal.prepare([*ROWS, ("c@example.com", "c@example.com")], ids())
    assert {k: e.state for k, e in entries.items()} == {
        "a@example.com": "in-doubt",
        "b@example.com": "pending",  # transient failures are retried by the next run
        "c@example.com": "pending",  # new rows join
    }
    assert entries["a@example.com"].message_id == "<0@example.org>"  # kept, not renewed
    journal.settle("b@example.com", "failed", 550, "no such user")
    entries = journal.prepare(ROWS, ids(), resend_in_doubt=True)
    assert entries["a@example.com"].state == "pending"
    assert entries["b@example.com"].state == "failed"  # permanent: never retried
    journal.close()


def test_campaigns_are_separate(tmp_path):
    path = tmp_path / "send-journal.sqlite"
    journal = Journal(path, "c1")
    journal.prepare(ROWS, ids())
    journal.settle("a@example.com", "accepted", 250, "OK")
    journal.close()
    other = Journal(path, "c2")
    assert {e.state for e in other.prepare(ROWS, ids()).values()} == {"pending"}
    other.close()


def test_journal_is_in_wal_mode(tmp_path):
    path = tmp_path / "send-journal.sqlite"
    Journal(path, "c1").close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
