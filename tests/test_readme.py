"""The README's examples run, in the spirit of sqlite-utils' documentation tests.

Every shell line in a ```bash/```sh/```console block is split on ``&&``;
setup steps (venvs, ``pip install``) are dropped, and a line is run when
what is left uses only safe commands: ``maildigest`` build/clean/summarize/
check/init (or ``--help``/``--version``), ``cd``, and a few text filters in
pipes. Lines that send mail, serve a preview, fetch URLs or run other tools
are skipped. Each line runs in a fresh folder holding the seed and a built
``out/``, the way a reader who followed the Quick start would have it.
Python blocks run as scripts unless they send, serve or fetch; TOML blocks
must load as settings.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from maildigest.config import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
SAFE_SUBCOMMANDS = {"build", "clean", "summarize", "check", "init"}
SAFE_FILTERS = {"head", "tail", "wc", "grep", "cat", "sort", "python", "python3"}
SETUP = ("python3 -m venv", "python -m venv", ". .venv/bin/activate", "source ", "pip install")


def blocks(language: set[str]) -> list[tuple[int, str]]:
    text = README.read_text("utf-8")
    return [
        (text.count("\n", 0, match.start()) + 2, match.group(2))
        for match in FENCE.finditer(text)
        if match.group(1) in language
    ]


def shell_lines() -> list[tuple[int, str]]:
    """(README line number, one logical command line) for every shell block."""
    found = []
    for first, body in blocks({"bash", "sh", "shell", "console"}):
        joined = re.sub(r"\\\n\s*", " ", body)
        for offset, line in enumerate(joined.splitlines()):
            line = line.strip().removeprefix("$ ")
            if line and not line.startswith("#"):
                found.append((first + offset, line))
    return found


def runnable(line: str) -> str | None:
    """The safe part of ``line`` to run, or None when it must not run here."""
    steps = [step.strip() for step in line.split("&&")]
    steps = [step for step in steps if not step.startswith(SETUP)]
    if not steps or all(step.startswith("cd ") for step in steps):
        return None
    for step in steps:
        if re.search(r"https?://", step):
            return None  # the network is off limits in tests
        if step.startswith("cd "):
            continue
        first, *filters = (part.strip() for part in step.split("|"))
        words = shlex.split(first, comments=True)
        while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
            words = words[1:]  # VAR=value before the command
        if not words or words[0] != "maildigest":
            return None
        rest = [w for w in words[1:] if w not in {"-v", "--verbose", "-q", "--quiet"}]
        if rest and rest[0] not in SAFE_SUBCOMMANDS and rest[0] not in {"--help", "--version"}:
            return None
        if any(shlex.split(f)[0] not in SAFE_FILTERS for f in filters):
            return None
    return " && ".join(steps)


COMMANDS = [(n, cmd) for n, line in shell_lines() if (cmd := runnable(line))]


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a reader has after the Quick start: the seed and a built out/."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / "seeds").mkdir()
    shutil.copy(SEED, folder / "seeds" / SEED.name)
    done = subprocess.run(
        [sys.executable, "-m", "maildigest", "build", f"seeds/{SEED.name}"],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return folder


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILDIGEST_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_the_readme_has_commands_to_run() -> None:
    assert any("maildigest build" in cmd for _, cmd in COMMANDS)
    assert any("maildigest init" in cmd for _, cmd in COMMANDS)


@pytest.mark.parametrize(("line", "command"), COMMANDS, ids=[f"L{n}" for n, _ in COMMANDS])
def test_readme_command_runs(line: int, command: str, reader_folder: Path, tmp_path: Path) -> None:
    folder = fresh_copy(reader_folder, tmp_path / "reader")
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"README line {line}: {command}\n{done.stderr}"
    assert "Traceback" not in done.stderr


UNSAFE_PYTHON = re.compile(r"maildigest\.(send|preview)|smtplib|\b(https?|smtps?)://")
"""Python that would send mail, start a server or reach the network is not run."""
PYTHON_BLOCKS = [
    (n, code) for n, code in blocks({"python", "py"}) if not UNSAFE_PYTHON.search(code)
]


@pytest.mark.parametrize(("line", "code"), PYTHON_BLOCKS, ids=[f"L{n}" for n, _ in PYTHON_BLOCKS])
def test_readme_python_runs(line: int, code: str, reader_folder: Path, tmp_path: Path) -> None:
    folder = fresh_copy(reader_folder, tmp_path / "reader")
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=clean_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, f"README line {line}:\n{done.stderr}"


TOML_BLOCKS = blocks({"toml"})


@pytest.mark.parametrize(("line", "text"), TOML_BLOCKS, ids=[f"L{n}" for n, _ in TOML_BLOCKS])
def test_readme_settings_examples_load(line: int, text: str, tmp_path: Path) -> None:
    path = tmp_path / ("pyproject.toml" if "[tool.maildigest]" in text else "maildigest.toml")
    path.write_text(text, "utf-8")
    settings = load_settings(path, env={})
    assert settings != Settings(), f"README line {line} sets nothing"


def test_configuration_reference_names_every_setting() -> None:
    text = README.read_text("utf-8")
    section = text[text.index("## Configuration\n") :]
    section = section[: section.index("\n## ", 1)]
    rows = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))
    names = {field.name for field in dataclasses.fields(Settings)}
    assert names <= rows, f"not in the README's configuration table: {sorted(names - rows)}"
    assert rows <= names, f"README documents unknown settings: {sorted(rows - names)}"


def test_the_filter_keeps_unsafe_lines_out() -> None:
    assert UNSAFE_PYTHON.search("from maildigest.send import send_newsletter")
    assert UNSAFE_PYTHON.search('maildigest.build(["https://example.org/feed.xml"])')
    assert not UNSAFE_PYTHON.search('maildigest.build(["seeds/xiaomi-14-leica.txt"])')
    assert runnable("maildigest send out/newsletter.eml --to a@example.org") is None
    assert runnable("maildigest preview seeds/x.txt") is None
    assert runnable("maildigest build https://example.org/feed.xml") is None
    assert runnable("python -m pytest -q") is None
    assert runnable("maildigest clean a.txt | curl -d @- example.org") is None
    assert runnable("pip install -e . && maildigest build a.txt") == "maildigest build a.txt"
    assert runnable("MAILDIGEST_BULLETS=2 maildigest build a.txt  # two") is not None
    assert runnable("MAILDIGEST_SMTP_PASSWORD=x maildigest send out --to a@b.example") is None
