"""Progress for people, drawn by rich: one transient bar on a terminal's stderr.

The library reports to the small ``Progress`` protocol; ``TerminalProgress`` is
the one display (``build``'s fetching and summarizing, ``send``'s messages). rich
is imported only when a bar is shown, so logs and pipes cost nothing.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol, TextIO


class Progress(Protocol):
    """Phases run one after another: ``begin`` a phase, ``advance`` per item, ``end``."""

    def begin(self, label: str, total: int) -> None: ...
    def advance(self) -> None: ...
    def end(self) -> None: ...


class Silent:
    """Progress for nobody: what a stage reports to when the caller passed none."""

    def begin(self, label: str, total: int) -> None:
        pass

    def advance(self) -> None:
        pass

    def end(self) -> None:
        pass


class TerminalProgress:
    """A transient rich bar, shown only for phases of two items or more; ``note``
    prints a line above it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._console: Any = None
        self._bar: Any = None
        self._task: Any = None

    def begin(self, label: str, total: int) -> None:
        self.end()
        if total < 2:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
        from rich.progress import Progress as Bar

        self._bar = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console(),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def describe(self, label: str) -> None:
        """A new label for the running phase (e.g. a count of failures)."""
        if self._bar is not None:
            self._bar.update(self._task, description=label)

    def note(self, line: str) -> None:
        self.console().print(line, markup=False, highlight=False)

    def end(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def console(self) -> Any:
        if self._console is None:
            from rich.console import Console

            stream = self._stream or sys.stderr
            self._console = Console(file=stream, force_terminal=True, soft_wrap=True)
        return self._console


def terminal_progress() -> Progress | None:
    """A progress bar when stderr is a terminal, else nothing (logs and pipes stay clean)."""
    return TerminalProgress() if sys.stderr.isatty() else None
