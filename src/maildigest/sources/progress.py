"""Progress for multi-article work: a small protocol the library reports to, and
a rich progress bar for terminals (imported only when one is shown)."""

from __future__ import annotations

import sys
from typing import Any, Protocol


class Progress(Protocol):
    """Phases run one after another: ``begin`` a phase, ``advance`` per item, ``end``."""

    def begin(self, label: str, total: int) -> None: ...
    def advance(self) -> None: ...
    def end(self) -> None: ...


class TerminalProgress:
    """A transient rich bar on stderr, shown only for phases of two items or more."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def begin(self, label: str, total: int) -> None:
        self.end()
        if total < 2:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total)

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def end(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def terminal_progress() -> Progress | None:
    """A progress bar when stderr is a terminal, else nothing (logs and pipes stay clean)."""
    return TerminalProgress() if sys.stderr.isatty() else None
