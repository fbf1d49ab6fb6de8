"""The README sells and starts in minutes: short, two Quick start blocks, current links.

Its examples run with the documentation site's (``test_doc_examples.py``).
"""

from __future__ import annotations

import dataclasses
import re

from typer.main import get_command

from doc_examples import README, ROOT, SHELL, examples
from maildigest import errors
from maildigest.cli import app
from maildigest.config import Settings

README_MAX_BYTES = 20_000
QUICK_START = [
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && "
    "maildigest build seeds/xiaomi-14-leica.txt",
    "python3 -m venv .venv && . .venv/bin/activate && pip install -q -e '.[test]' && "
    "python -m pytest -q",
]
SCREENSHOTS = (
    "newsletter-desktop.png",
    "newsletter-phone.png",
    "newsletter-dark.png",
    "digest-desktop.png",
    "digest-phone.png",
)
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def test_readme_is_at_most_20_kb() -> None:
    size = README.stat().st_size
    assert size <= README_MAX_BYTES, f"README.md is {size} bytes: move detail to docs/"


def test_quick_start_is_exactly_the_two_blocks() -> None:
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", section("Quick start"), re.M | re.S)
    assert [(language, code.strip()) for language, code in blocks] == [
        ("bash", command) for command in QUICK_START
    ]


def test_ci_runs_the_quick_start_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert QUICK_START[1] in ci.splitlines()


def test_the_first_issue_walks_init_to_send() -> None:
    walk = section("Your first issue in five minutes")
    steps = ["maildigest init", "```toml", "maildigest build", "maildigest preview"]
    steps += ["maildigest send out --to you@example.org --dry-run", "maildigest send out --recip"]
    at = 0
    for step in steps:
        at = walk.find(step, at)
        assert at >= 0, f"{step!r} missing or out of order"


def test_the_readme_runs_commands() -> None:
    shell = [e for e in examples(README) if e.language in SHELL and not e.not_run]
    code = "\n".join(e.code for e in shell)
    assert "maildigest build seeds/xiaomi-14-leica.txt" in code
    assert "maildigest init" in code and "--dry-run" in code


def test_the_commands_table_names_every_command() -> None:
    table = section("Commands")
    commands = get_command(app).commands  # type: ignore[attr-defined]
    missing = [name for name in commands if f"`maildigest {name}" not in table]
    assert not missing, f"commands missing from the README's table: {missing}"


def test_exit_codes_match_the_reference() -> None:
    def codes(text: str) -> list[str]:
        return re.findall(r"^\| (\d+) \|", text, re.M)

    reference = (ROOT / "docs" / "reference" / "cli.md").read_text("utf-8")
    assert codes(section("Exit codes")) == codes(reference)


def test_exit_codes_cover_every_error_class() -> None:
    def subclasses(cls: type) -> list[type]:
        return [cls, *(s for sub in cls.__subclasses__() for s in subclasses(sub))]

    documented = set(re.findall(r"^\| (\d+) \|", section("Exit codes"), re.M))
    used = {str(cls.exit_code) for cls in subclasses(errors.MaildigestError)}
    assert used <= documented, f"exit codes not in the README: {sorted(used - documented)}"


def test_essential_settings_are_real_settings() -> None:
    named = set(
        re.findall(
            r"`(\w+)`", " ".join(re.findall(r"^\| ([^|]+) \|", section("Essential settings"), re.M))
        )
    )
    names = {field.name for field in dataclasses.fields(Settings)}
    assert named and named <= names, f"not settings: {sorted(named - names)}"


def test_readme_shows_the_screenshots() -> None:
    text = README.read_text("utf-8")
    for name in SCREENSHOTS:
        assert f"](docs/{name})" in text, name


def test_readme_links_lead_somewhere() -> None:
    text = README.read_text("utf-8")
    local = [target for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]
    assert local, "the README links to no documentation page"
    missing = [t for t in local if not (ROOT / t.split("#")[0]).exists()]
    assert not missing, f"README links to missing files: {missing}"
