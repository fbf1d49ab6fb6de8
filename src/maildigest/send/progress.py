"""Progress for people: one redrawn bar on a terminal, plain lines in logs and pipes."""

from __future__ import annotations

from typing import TextIO

from maildigest.send.runner import Event

BAR_WIDTH = 30


class Progress:
    """Callable given to ``send_newsletter(on_event=...)``; calls arrive serialised."""

    def __init__(self, stream: TextIO, *, terminal: bool | None = None) -> None:
        self.todo = 0
        self.stream = stream
        self.terminal = stream.isatty() if terminal is None else terminal
        self.counts = {"accepted": 0, "failed": 0, "in-doubt": 0}

    def __call__(self, event: Event) -> None:
        self.todo = event.todo
        if event.kind in self.counts:
            self.counts[event.kind] += 1
        if self.terminal:
            if event.kind != "accepted":
                self._clear()
                self.stream.write(f"{event.kind}: {event.address}: {event.detail}\n")
            self._bar()
        else:
            detail = f": {event.detail}" if event.detail else ""
            self.stream.write(f"[{self.done}/{self.todo}] {event.kind} {event.address}{detail}\n")
        self.stream.flush()

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def _clear(self) -> None:
        self.stream.write("\r\x1b[2K")

    def _bar(self) -> None:
        filled = BAR_WIDTH * self.done // max(self.todo, 1)
        failed = self.counts["failed"] + self.counts["in-doubt"]
        self._clear()
        self.stream.write(
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.todo}"
            + (f" ({failed} not accepted)" if failed else "")
        )

    def finish(self) -> None:
        if self.terminal and self.done:
            self.stream.write("\n")
            self.stream.flush()
