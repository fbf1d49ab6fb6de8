"""What the preview builds and watches: the inputs, the settings and the templates.

Each rebuild reloads the settings (so edits to ``maildigest.toml`` apply at
once), builds the whole newsletter in memory with the library, and turns any
failure into a ``Build`` that carries the error instead of raising: the
server must survive a broken template or article and recover when it is fixed.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maildigest.config import CONFIG_FILE, Settings, load_settings
from maildigest.errors import InputError, MaildigestError
from maildigest.models import Newsletter

if TYPE_CHECKING:
    from maildigest.check import CheckReport

"""Gmail hides everything after about 102 KB of HTML behind "[Message clipped]"."""


@dataclass(frozen=True)
class Build:
    """One build's outcome: a newsletter, or the one-line error that stopped it."""

    version: int
    seconds: float
    finished_at: float
    newsletter: Newsletter | None = None
    eml: bytes = b""
    sender: str = ""
    size_budget: int = 0
    checks: CheckReport | None = None
    error: str | None = None
    details: str = ""
    """A traceback, only for unexpected (internal) errors."""
    watched: tuple[str, ...] = field(default_factory=tuple)

    @property
    def html_bytes(self) -> int:
        return len(self.newsletter.html.encode("utf-8")) if self.newsletter else 0


class Project:
    """Builds the newsletter from ``inputs`` and knows which files it depends on."""

    def __init__(
        self,
        inputs: Sequence[str],
        *,
        config: Path | None = None,
        overrides: Mapping[str, Any] | None = None,
        cwd: Path | None = None,
    ) -> None:
        if not inputs:
            raise InputError("no inputs given")
        if "-" in inputs:
            raise InputError("preview cannot watch stdin: give the article's file path")
        missing = [name for name in inputs if "://" not in name and not Path(name).exists()]
        if missing:
            raise InputError(f"input not found: {missing[0]}")
        self.inputs = list(inputs)
        self.config = config
        self.overrides = dict(overrides or {})
        self.cwd = cwd or Path.cwd()
        self.settings = self.load_settings()  # a bad --config fails here, before serving
        self._version = 0

    def load_settings(self) -> Settings:
        return load_settings(self.config, cwd=self.cwd, **self.overrides)

    def watched(self) -> list[Path]:
        """Inputs, the settings file(s) and both template folders (the user's and ours)."""
        from maildigest.templates import default_template_dir

        paths = [Path(name) for name in self.inputs if "://" not in name]
        if self.config is not None:
            paths.append(self.config)
        else:
            paths += [self.cwd / CONFIG_FILE, self.cwd / "pyproject.toml"]
        if self.settings.template_dir:
            paths.append(Path(self.settings.template_dir).expanduser())
        paths.append(default_template_dir())
        return paths

    def build(self, log: Callable[[str], None] = lambda message: None) -> Build:
        """Build once; never raises for a broken input, setting or template."""
        from maildigest.check import check_html
        from maildigest.pipeline import build
        from maildigest.templates import environment

        self._version += 1
        started = time.perf_counter()
        # a template added to the user's folder must replace ours even if ours is cached
        environment.cache_clear()
        try:
            self.settings = self.load_settings()
            result = build(self.inputs, settings=self.settings)
            # build() already refused hard-rule failures; this adds warnings and client scores
            checks = check_html(
                result.newsletter.html, budget=self.settings.size_budget, name="newsletter.html"
            )
        except MaildigestError as exc:
            return self._failed(started, str(exc), "", log)
        except Exception as exc:  # a bug must not stop the server: show it, keep watching
            message = f"internal error: {type(exc).__name__}: {exc}"
            return self._failed(started, message, traceback.format_exc(), log)
        newsletter = result.newsletter
        seconds = time.perf_counter() - started
        for notice in newsletter.notices:
            log(f"maildigest: {notice}")
        return Build(
            version=self._version,
            seconds=seconds,
            finished_at=time.time(),
            newsletter=newsletter,
            eml=result.eml,
            sender=self.settings.sender,
            size_budget=self.settings.size_budget,
            checks=checks,
            watched=tuple(str(p) for p in self.watched()),
        )

    def _failed(
        self, started: float, message: str, details: str, log: Callable[[str], None]
    ) -> Build:
        log(f"maildigest: error: {message}")
        if details:
            log(details.rstrip())
        return Build(
            version=self._version,
            seconds=time.perf_counter() - started,
            finished_at=time.time(),
            error=message,
            details=details,
            watched=tuple(str(p) for p in self.watched()),
        )
