"""Every example in the README and on the documentation site runs or says why not.

See ``doc_examples.py`` for what runs where and how a block is marked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from doc_examples import (
    NOT_RUN,
    PYTHON,
    ROOT,
    SEED,
    SHELL,
    TOML,
    UNSAFE_PYTHON,
    Example,
    all_examples,
    examples,
    pages,
    script,
)
from maildigest.config import Settings, load_settings

SHELL_PAGES = [
    page for page in pages() if any(e.language in SHELL and not e.not_run for e in examples(page))
]
PYTHON_EXAMPLES = [e for e in all_examples(PYTHON) if not e.not_run]
TOML_EXAMPLES = [e for e in all_examples(TOML) if not e.not_run]


def page_id(page: Path) -> str:
    return str(page.relative_to(ROOT))


def example_id(example: Example) -> str:
    return example.where


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a reader has after the Quick start: the seed and a built out/."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / "seeds").mkdir()
    shutil.copy(SEED, folder / "seeds" / SEED.name)
    done = subprocess.run(
        [sys.executable, "-m", "maildigest", "build", f"seeds/{SEED.name}"],
        cwd=folder,
        env=reader_env(folder),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return folder


def reader_env(home: Path) -> dict[str, str]:
    """The environment of a reader's shell: this Python's scripts first, no MAILDIGEST_
    settings, no colour, and state kept out of the real home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILDIGEST_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["XDG_STATE_HOME"] = str(home / ".state")
    return env


def run_in_copy(
    reader_folder: Path, tmp_path: Path, command: list[str]
) -> subprocess.CompletedProcess:
    folder = shutil.copytree(reader_folder, tmp_path / "reader")
    return subprocess.run(
        command, cwd=folder, env=reader_env(tmp_path), capture_output=True, text=True, timeout=300
    )


def test_every_fence_names_its_language() -> None:
    """An untagged block would hide an example from these tests: output is ```text."""
    untagged = [e.where for page in pages() for e in examples(page) if not e.language]
    assert not untagged, f"fenced blocks without a language: {untagged}"


def test_every_not_run_mark_gives_a_reason_and_sits_on_a_block() -> None:
    for page in pages():
        marked = [e for e in examples(page) if e.not_run is not None]
        assert all(e.not_run for e in marked), [e.where for e in marked if not e.not_run]
        marks = len(NOT_RUN.findall(page.read_text("utf-8")))
        assert marks == len(marked), f"{page_id(page)}: a not-run mark is not just above a block"


def test_there_are_examples_to_run() -> None:
    assert len(SHELL_PAGES) >= 3 and PYTHON_EXAMPLES and TOML_EXAMPLES


@pytest.mark.parametrize("page", SHELL_PAGES, ids=page_id)
def test_shell_examples_run(page: Path, reader_folder: Path, tmp_path: Path) -> None:
    """The page's shell blocks, in order, in one shell: as a reader would type them."""
    parts = ["set -euo pipefail"]
    for example in examples(page):
        if example.language not in SHELL or example.not_run:
            continue
        code, unsafe = script(example.code)
        assert not unsafe, (
            f"{example.where}: {unsafe} may send mail, serve, fetch or run other tools; "
            "make it runnable here or mark the block <!-- not run: REASON -->"
        )
        parts += [f"echo '--- {example.where}' >&2", code]
    done = run_in_copy(reader_folder, tmp_path, ["bash", "-c", "\n".join(parts)])
    assert done.returncode == 0, f"{page_id(page)}, after the last '---' line below:\n{done.stderr}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("example", PYTHON_EXAMPLES, ids=example_id)
def test_python_examples_run(example: Example, reader_folder: Path, tmp_path: Path) -> None:
    assert not UNSAFE_PYTHON.search(example.code), (
        f"{example.where} sends, serves or fetches: mark it <!-- not run: REASON -->"
    )
    done = run_in_copy(reader_folder, tmp_path, [sys.executable, "-c", example.code])
    assert done.returncode == 0, f"{example.where}:\n{done.stderr}"


@pytest.mark.parametrize("example", TOML_EXAMPLES, ids=example_id)
def test_toml_examples_load_as_settings(example: Example, tmp_path: Path) -> None:
    name = "pyproject.toml" if "[tool.maildigest]" in example.code else "maildigest.toml"
    path = tmp_path / name
    path.write_text(example.code, "utf-8")
    settings = load_settings(path, env={})
    assert settings != Settings(), f"{example.where} sets nothing"


def test_the_safety_filter_keeps_unsafe_commands_out() -> None:
    def unsafe(line: str) -> list[str]:
        return script(line)[1]

    assert UNSAFE_PYTHON.search("from maildigest.send import send_newsletter")
    assert UNSAFE_PYTHON.search('maildigest.build(["https://example.org/feed.xml"])')
    assert not UNSAFE_PYTHON.search('maildigest.build(["seeds/xiaomi-14-leica.txt"])')
    assert unsafe("maildigest send out/newsletter.eml --to a@example.org")
    assert unsafe("maildigest send out --to a@example.org --dry-run --smtp-url smtp://x")
    assert not unsafe("maildigest send out --to a@example.org --dry-run")
    assert unsafe("maildigest preview seeds/x.txt")
    assert unsafe("maildigest build https://example.org/feed.xml")
    assert unsafe("python -m pytest -q")
    assert unsafe("maildigest clean a.txt | curl -d @- example.org")
    assert unsafe("rm -rf out")
    assert script("pip install -e . && maildigest build a.txt") == ("maildigest build a.txt", [])
    assert not unsafe("MAILDIGEST_BULLETS=2 maildigest build a.txt  # two")
    assert not unsafe("mkdir -p articles && cp a.txt articles/ && cd articles")
    assert unsafe("MAILDIGEST_SMTP_PASSWORD=x maildigest send out --to a@b.example")
    assert script("maildigest build a.txt \\\n    --bullets 2\n# a comment") == (
        "maildigest build a.txt --bullets 2",
        [],
    )
