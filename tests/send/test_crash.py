"""A sender killed with SIGKILL mid-run, or stopped with SIGTERM, then resumed:
nobody lost, nobody mailed twice (at most the one in-flight message in doubt)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest

from maildigest.send import send_newsletter
from maildigest.send.journal import JOURNAL_NAME
from maildigest.send.recipients import load_csv

COUNT = 40
UNSUBSCRIBE = "mailto:leave@weekly-news.net"  # the set-up is finished: no defaults refusal


def start_sender(newsletter, csv, server, concurrency: int = 1) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "maildigest", "send", str(newsletter), "--recipients", str(csv),
        "--smtp-url", server.url(), "--rate", "0", "--retry-delay", "0.01",
        "--concurrency", str(concurrency),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILDIGEST_")}
    env["MAILDIGEST_UNSUBSCRIBE_URL"] = UNSUBSCRIBE
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def wait_for(predicate, what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.005)


def recipients_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("email\n" + "".join(f"r{n:02d}@example.com\n" for n in range(COUNT)))
    return path


@pytest.mark.parametrize("concurrency", [1, 4])
def test_kill_9_mid_run_then_resume_delivers_each_exactly_once(
    server, newsletter, tmp_path, fast, concurrency
):
    server.sink.delay = 0.02
    csv = recipients_file(tmp_path)
    sender = start_sender(newsletter, csv, server, concurrency)
    wait_for(lambda: len(server.sink.received()) >= 10, "10 deliveries")
    sender.send_signal(signal.SIGKILL)
    sender.wait(10)
    assert len(server.sink.received()) < COUNT  # killed mid-run
    time.sleep(0.1)  # let the server finish a transaction that was in flight
    report = send_newsletter(newsletter, load_csv(csv), fast(server.url()))
    counts = Counter(server.sink.received())
    doubtful = {address for address, _ in report.in_doubt}
    assert len(doubtful) <= concurrency  # at most the message in flight on each connection
    assert set(report.accepted) | doubtful == {f"r{n:02d}@example.com" for n in range(COUNT)}
    for n in range(COUNT):
        address = f"r{n:02d}@example.com"
        assert counts[address] <= 1 if address in doubtful else counts[address] == 1, address


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_finishes_the_message_in_flight_and_exits(server, newsletter, tmp_path, signum):
    server.sink.delay = 0.02
    csv = recipients_file(tmp_path)
    sender = start_sender(newsletter, csv, server)
    wait_for(lambda: len(server.sink.received()) >= 5, "5 deliveries")
    sender.send_signal(signum)
    out, err = sender.communicate(timeout=20)
    assert sender.returncode == 130, err
    assert b"re-run the same command to resume" in err
    with sqlite3.connect(newsletter / JOURNAL_NAME) as db:
        states = dict(db.execute("SELECT address, state FROM deliveries"))
    accepted = {a for a, s in states.items() if s == "accepted"}
    assert set(states.values()) <= {"accepted", "pending"}  # nothing left half-done
    assert accepted == set(server.sink.received())  # the in-flight message was recorded
    assert len(accepted) < COUNT
    assert f"{len(accepted)}/{COUNT} accepted".encode() in out


def test_a_second_signal_stops_at_once_leaving_the_message_in_doubt(
    server, newsletter, tmp_path, fast
):
    server.sink.data_faults = ["hang"]  # the first message never gets its reply
    csv = recipients_file(tmp_path)
    sender = start_sender(newsletter, csv, server)
    wait_for(lambda: server.sink.data_count >= 1, "the first message")
    sender.send_signal(signal.SIGTERM)  # would wait for the reply (30 s timeout)...
    time.sleep(0.2)
    sender.send_signal(signal.SIGTERM)  # ...so the user insists
    _, err = sender.communicate(timeout=20)
    assert sender.returncode == 130, err
    assert b"Traceback" not in err
    server.sink.data_faults = []
    report = send_newsletter(newsletter, load_csv(csv), fast(server.url()))
    assert [address for address, _ in report.in_doubt] == ["r00@example.com"]
    assert len(report.accepted) == COUNT - 1
