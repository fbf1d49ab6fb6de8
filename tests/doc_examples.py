"""The fenced examples of the README and the documentation site, and how to run them.

A page's ``bash``/``python``/``toml`` blocks are examples a reader will try, so
the tests run them (sqlite-utils and Typer test their documentation the same
way). A block that cannot run in a test says so on the line before it, with
a reason: ``<!-- not run: needs an SMTP server -->``. Everything else runs:

- shell blocks of one page run in order in one ``bash`` (a ``cd`` carries on,
  as in a reader's terminal), in a folder holding the seed and a built
  ``out/`` (what the Quick start leaves); setup steps (venvs, ``pip
  install``) are dropped because the package under test is installed already;
- each Python block runs as a script in such a folder;
- each TOML block must load as settings.

A shell command that is not known to be safe here (it could send mail, start a
server, reach the network or run other tools) fails its page's test until the
block is marked, so nothing is skipped silently.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"

FENCE = re.compile(r"^```([^\s`]*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
NOT_RUN = re.compile(r"^<!--\s*not run:(.*?)-->[ \t]*$", re.MULTILINE | re.DOTALL)
SHELL = {"bash", "sh", "shell", "console"}
PYTHON = {"python", "py"}
TOML = {"toml"}

SETUP = ("python3 -m venv", "python -m venv", ". .venv/bin/activate", "source ", "pip install")
SAFE_SUBCOMMANDS = {"build", "clean", "summarize", "check", "init"}
SAFE_TOOLS = {"cd", "mkdir", "cp", "ls", "cat", "echo", "export", "test"}
SAFE_FILTERS = {"head", "tail", "wc", "grep", "cat", "sort", "python", "python3"}
UNSAFE_PYTHON = re.compile(r"maildigest\.(send|preview)|smtplib|\b(https?|smtps?)://")
"""Python that would send mail, start a server or reach the network."""


@dataclass(frozen=True)
class Example:
    page: Path
    line: int
    """Line of the page where the code starts (after the opening fence)."""
    language: str
    code: str
    not_run: str | None
    """The reason given in a ``<!-- not run: … -->`` mark, or None."""

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def pages() -> list[Path]:
    return [README, *sorted(DOCS.rglob("*.md"))]


def examples(page: Path) -> list[Example]:
    """Every fenced block of ``page``, with the not-run mark just above it, if any."""
    text = page.read_text("utf-8")
    found, previous_end = [], 0
    for match in FENCE.finditer(text):
        before = text[previous_end : match.start()].rstrip()
        marks = list(NOT_RUN.finditer(before))
        mark = marks[-1] if marks and before.endswith(marks[-1].group(0)) else None
        reason = mark.group(1).strip() if mark else None
        line = text.count("\n", 0, match.start()) + 2
        found.append(Example(page, line, match.group(1), match.group(2), reason))
        previous_end = match.end()
    return found


def all_examples(languages: set[str]) -> list[Example]:
    return [e for page in pages() for e in examples(page) if e.language in languages]


def shell_lines(code: str) -> list[str]:
    """One logical command per item: continuations joined, comments and prompts dropped."""
    joined = re.sub(r"\s*\\\n\s*", " ", code)
    lines = (line.strip().removeprefix("$ ") for line in joined.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def unsafe_step(step: str) -> bool:
    """True when ``step`` (one command of an ``&&`` chain) must not run in a test."""
    if re.search(r"https?://", step):
        return True  # the network is off limits in tests
    first, *filters = (part.strip() for part in step.split("|"))
    try:
        words = shlex.split(first, comments=True)
        if any(not f or shlex.split(f)[0] not in SAFE_FILTERS for f in filters):
            return True
    except ValueError:
        return True
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        words = words[1:]  # VAR=value before the command
    if not words:
        return False
    if words[0] in SAFE_TOOLS:
        return False
    if words[0] != "maildigest":
        return True
    rest = [w for w in words[1:] if w not in {"-v", "--verbose", "-q", "--quiet"}]
    if not rest or rest[0] in {"--help", "-h", "--version"}:
        return False
    if rest[0] == "send":  # only a dry run: it writes files and sends nothing
        return "--dry-run" not in rest or any(w.startswith("--smtp-url") for w in rest)
    return rest[0] not in SAFE_SUBCOMMANDS


def script(code: str) -> tuple[str, list[str]]:
    """The block as lines to run (setup steps dropped) and the commands that are unsafe."""
    run, unsafe = [], []
    for line in shell_lines(code):
        steps = [s.strip() for s in line.split("&&")]
        steps = [s for s in steps if not s.startswith(SETUP)]
        unsafe += [s for s in steps if unsafe_step(s)]
        if steps:
            run.append(" && ".join(steps))
    return "\n".join(run), unsafe
