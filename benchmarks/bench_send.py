"""Sending throughput and journaling cost, against a local aiosmtpd sink.

    .venv/bin/python benchmarks/bench_send.py [--messages 96]

Targets (issue 8): with a sink that takes 50 ms per message, ``--concurrency
16`` is >= 10x the messages/s of a serial run; journaling costs <= 2 ms per
message. The journal figure is the two commits each message makes
(``sending`` before the final dot, then ``accepted``), timed directly, with
the default ``synchronous=NORMAL`` and with ``--durable`` (fsync, FULL).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import statistics
import tempfile
import time
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

from aiosmtpd.controller import Controller

from maildigest.message import compose_message, message_bytes, new_message_id
from maildigest.outputs import write_set
from maildigest.send import SendOptions, send_newsletter
from maildigest.send.journal import Journal
from maildigest.send.recipients import from_addresses

SINK_DELAY = 0.050


class SlowSink:
    """Accepts every message after SINK_DELAY, like a provider's queueing latency."""

    def __init__(self, counter: Synchronized) -> None:
        self.counter = counter

    async def handle_DATA(self, server, session, envelope) -> str:
        await asyncio.sleep(SINK_DELAY)
        with self.counter.get_lock():
            self.counter.value += len(envelope.rcpt_tos)
        return "250 OK"


def _serve(port: int, counter: Synchronized, ready: Event, stop: Event) -> None:
    """The sink runs in its own process, as a real provider would: it must not
    compete with the sender for the GIL."""
    controller = Controller(SlowSink(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _newsletter(folder: Path) -> Path:
    """A newsletter of typical size (~14 KB of HTML) with a personalised greeting."""
    paragraph = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 8 + "</p>"
    message = compose_message(
        "Bench digest",
        "Hello {{ recipient.name | default('reader') }}\n\n" + "Some text. " * 300,
        "<html><body><p>Hello {{ recipient.name }}</p>" + paragraph * 30 + "</body></html>",
        sender="Bench <bench@bench-news.net>",  # not an example domain: send would refuse it
    )
    write_set(folder, {"newsletter.eml": message_bytes(message)})
    return folder


def throughput(concurrency: int, messages: int | None = None) -> float:
    """Messages per second sending ``messages`` through a 50 ms sink.

    By default 32 messages per connection (at least 64), so each run is long
    enough for the start-up (connections, journal) to be amortised alike.
    """
    messages = messages or max(64, 32 * concurrency)
    port = _free_port()
    counter = multiprocessing.Value("i", 0)
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    sink = multiprocessing.Process(target=_serve, args=(port, counter, ready, stop), daemon=True)
    sink.start()
    try:
        if not ready.wait(30):
            raise RuntimeError("the SMTP sink did not start")
        with tempfile.TemporaryDirectory() as tmp:
            folder = _newsletter(Path(tmp) / "out")
            people = from_addresses([f"r{n:05d}@example.com" for n in range(messages)])
            options = SendOptions(
                smtp_url=f"smtp://127.0.0.1:{port}",
                rate=0,
                concurrency=concurrency,
                password="",
                unsubscribe="mailto:leave@bench-news.net",
            )
            start = time.perf_counter()
            report = send_newsletter(folder, people, options)
            elapsed = time.perf_counter() - start
    finally:
        stop.set()
        sink.join(10)
    if report.exit_code != 0 or counter.value != messages:
        raise RuntimeError(f"benchmark run failed: {report.lines()}")
    return messages / elapsed


def journal_cost(messages: int = 2000, durable: bool = False) -> tuple[float, float]:
    """(mean, p95) milliseconds of journaling per message: the two commits of a send."""
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal(Path(tmp) / "send-journal.sqlite", "bench", durable=durable)
        keys = [(f"r{n}@example.com", f"r{n}@example.com") for n in range(messages)]
        journal.prepare(keys, lambda: new_message_id("bench@example.org"))
        samples = []
        for key, _ in keys:
            start = time.perf_counter()
            journal.sending(key)
            journal.settle(key, "accepted", 250, "OK queued as 12345")
            samples.append((time.perf_counter() - start) * 1000)
        journal.close()
    samples.sort()
    return statistics.fmean(samples), samples[int(len(samples) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--messages", type=int, default=None, help="messages per run [default: 32 per connection]"
    )
    args = parser.parse_args()
    serial = throughput(1, args.messages)
    parallel = throughput(16, args.messages)
    sizes = f"{args.messages} messages" if args.messages else "64 and 512 messages"
    print(f"sink delay {SINK_DELAY * 1000:.0f} ms/message, {sizes} per run")
    print(f"serial (--concurrency 1):      {serial:7.1f} msg/s")
    print(f"parallel (--concurrency 16):   {parallel:7.1f} msg/s")
    print(f"speed-up:                      {parallel / serial:7.1f}x   (target >= 10x)")
    for durable in (False, True):
        mean, p95 = journal_cost(durable=durable)
        mode = "FULL, --durable" if durable else "NORMAL, default"
        print(
            f"journal per message ({mode}): mean {mean:.3f} ms, p95 {p95:.3f} ms   (target <= 2 ms)"
        )


if __name__ == "__main__":
    main()
