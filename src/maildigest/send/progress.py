"""Send progress for people: the rich bar on a terminal, plain lines in logs and pipes."""

from __future__ import annotations

from typing import TextIO

from maildigest.progress import TerminalProgress
from maildigest.send.runner import Event

NOT_ACCEPTED = ("failed", "in-doubt")


class Progress:
    """Callable given to ``send_newsletter(on_event=...)``; calls arrive serialised."""

    def __init__(self, stream: TextIO, *, terminal: bool | None = None) -> None:
        self.todo = 0
        self.stream = stream
        self.counts = dict.fromkeys(("accepted", *NOT_ACCEPTED), 0)
        terminal = stream.isatty() if terminal is None else terminal
        self.bar = TerminalProgress(stream) if terminal else None

    def __call__(self, event: Event) -> None:
        if event.kind in self.counts:
            self.counts[event.kind] += 1
        if self.bar is None:
            detail = f": {event.detail}" if event.detail else ""
            self.stream.write(f"[{self.done}/{event.todo}] {event.kind} {event.address}{detail}\n")
            self.stream.flush()
            return
        if event.todo != self.todo:
            self.todo = event.todo
            self.bar.begin("Sending", event.todo)
        if event.kind != "accepted":
            self.bar.note(f"{event.kind}: {event.address}: {event.detail}")
        if event.kind in self.counts:
            self.bar.advance()
        if failed := sum(self.counts[kind] for kind in NOT_ACCEPTED):
            self.bar.describe(f"Sending ({failed} not accepted)")

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.end()
