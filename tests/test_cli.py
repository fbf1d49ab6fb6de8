"""The command line, driven through Typer's CliRunner and a real subprocess."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maildigest import __version__
from maildigest.cli import app

runner = CliRunner()
SEED_TITLE = "Leica collaboration confirmed: Xiaomi 14 series hits the stage in October"


def run(*args: str, input: bytes | str | None = None):
    return runner.invoke(app, list(args), input=input)


def assert_one_line_error(result, code: int, fragment: str) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("maildigest: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"maildigest {__version__}"


def test_build_writes_outputs_and_reports_them(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(seed), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "newsletter.html").is_file()
    assert f"Subject: {SEED_TITLE}" in result.stdout


def test_build_options_override_defaults(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(
        "build",
        str(seed),
        "--out",
        str(out),
        "--subject",
        "Weekly: {title}",
        "--from",
        "Weekly News <weekly@news.example.org>",
        "--bullets",
        "2",
    )
    assert result.exit_code == 0, result.output
    digest = json.loads((out / "digest.json").read_text("utf-8"))
    assert digest["subject"] == f"Weekly: {SEED_TITLE}"
    assert len(digest["articles"][0]["bullets"]) == 2
    eml = (out / "newsletter.eml").read_text("utf-8")
    assert "From: Weekly News <weekly@news.example.org>" in eml


def test_clean_json_gives_title_date_and_the_eight_paragraphs(seed: Path) -> None:
    result = run("clean", str(seed), "--format", "json")
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert set(article) == {
        "title", "date", "author", "source_url", "paragraphs", "image", "blocks"
    }  # fmt: skip
    # the structured content holds the same text as the plain paragraphs
    texts = [run["text"] for block in article["blocks"] for run in block["runs"]]
    assert "".join(texts) == "".join(article["paragraphs"])
    assert article["title"] == SEED_TITLE
    assert article["date"] == "2023-10-19"
    assert len(article["paragraphs"]) == 8
    assert not any("NOT allowed" in p for p in article["paragraphs"])


def test_clean_text_and_markdown_formats(seed: Path) -> None:
    text = run("clean", str(seed)).stdout
    assert text.splitlines()[0] == SEED_TITLE
    markdown = run("clean", str(seed), "--format", "markdown").stdout
    assert markdown.startswith("# Leica collaboration confirmed")
    assert "*2023-10-19*" in markdown


def test_clean_reads_stdin(seed: Path) -> None:
    result = run("clean", "-", "--format", "json", input=seed.read_bytes())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == SEED_TITLE


def test_summarize_json_and_text(seed: Path) -> None:
    result = run("summarize", str(seed), "--format", "json", "--bullets", "4")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["title"] == SEED_TITLE
    assert len(payload["bullets"]) == 4
    text = run("summarize", str(seed)).stdout
    assert [line[:2] for line in text.splitlines()] == ["- "] * 3


def test_missing_file(tmp_path: Path) -> None:
    assert_one_line_error(run("clean", str(tmp_path / "nope.txt")), 3, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    assert_one_line_error(run("build", str(empty), "--out", str(tmp_path / "out")), 3, "is empty")
    assert list((tmp_path / "out").iterdir()) == []


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert_one_line_error(run("clean", str(binary)), 3, "binary")


def test_article_with_no_content_left(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("Subscribe to our newsletter\nShare on Facebook\n", "utf-8")
    out = tmp_path / "out"
    assert_one_line_error(run("build", str(junk), "--out", str(out)), 3, "no article content found")
    assert not out.exists() or list(out.iterdir()) == []


def test_unwritable_output_folder(seed: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", "utf-8")
    assert_one_line_error(
        run("build", str(seed), "--out", str(blocker / "out")), 5, "cannot create"
    )


def test_bad_config_file(seed: Path, tmp_path: Path) -> None:
    config = tmp_path / "maildigest.toml"
    config.write_text("bulets = 4\n", "utf-8")
    assert_one_line_error(run("build", str(seed), "--config", str(config)), 4, "'bulets'")


@pytest.mark.parametrize("argv", [["-m", "maildigest", "--version"]])
def test_python_dash_m_works(argv: list[str]) -> None:
    completed = subprocess.run([sys.executable, *argv], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == f"maildigest {__version__}"


ENTRY = """
import atexit, sys
from pathlib import Path
marker = Path(sys.argv.pop(1))
atexit.register(lambda: marker.with_suffix(".atexit").write_text("ran"))
class Teardown:  # freed only by the interpreter's teardown
    def __init__(self, path):
        self.path, self.open = str(path), open
    def __del__(self):
        with self.open(self.path, "w") as out:
            out.write("ran")
keep = Teardown(marker.with_suffix(".teardown"))
from maildigest.cli import main
sys.argv[0] = "maildigest"
main()
"""


def run_entry(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    marker = tmp_path / "entry.marker"
    return subprocess.run(
        [sys.executable, "-c", ENTRY, str(marker), *argv],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "status"),
    [(["clean", "--format", "json"], 0), (["clean", "missing.txt"], 3), (["bogus"], 2)],
)
def test_the_process_ends_as_python_ends_with_its_status_exit_handlers_and_teardown(
    argv: list[str], status: int, seed: Path, tmp_path: Path
) -> None:
    """A normal ``sys.exit``: atexit handlers and the interpreter's teardown both run
    (other libraries' finalizers and tools such as coverage rely on them)."""
    argv = [*argv, str(seed)] if argv[-1] == "json" else argv
    done = run_entry(tmp_path, *argv)
    assert done.returncode == status, done.stderr
    if status == 0:
        assert json.loads(done.stdout)["title"].startswith("Leica collaboration confirmed")
    else:
        assert done.stderr.strip()
    assert (tmp_path / "entry.atexit").read_text() == "ran"
    assert (tmp_path / "entry.teardown").read_text() == "ran"


def test_a_reader_that_goes_away_early_gets_no_traceback(tmp_path: Path) -> None:
    """``maildigest clean big.txt | head -c 10``: the broken pipe ends the command quietly."""
    big = tmp_path / "big.txt"
    big.write_text("Title of a long one\n\n" + "A sentence about the harbour. " * 40_000, "utf-8")
    command = [sys.executable, "-m", "maildigest", "clean", str(big)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10) == b"Title of a"
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0
    assert errors == ""


def test_output_piped_into_a_reader_arrives_whole(seed: Path, tmp_path: Path) -> None:
    """Nothing buffered is lost when the process ends: a 500 KB article printed to a pipe."""
    big = tmp_path / "big.txt"
    words = "harbour ship crew storm cargo captain tide anchor lighthouse sail".split()
    rng = random.Random(5)
    paragraphs = [
        f"Paragraph {n} says the {' '.join(rng.choices(words, k=12))} came home."
        for n in range(5_000)
    ]
    big.write_text("A long story\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    done = run_entry(tmp_path, "clean", str(big))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Paragraph ") == 5_000


FIGURE_ARTICLE = """# Harbour ferry returns

The harbour ferry resumed its crossings on Saturday after three months of repairs to its hull and engines, the operator said.

![The ferry at the pier](https://img.example/ferry.jpg)

The operator said a [full timetable](https://ferry.example/timetable) is posted at both piers and online from today.

![Passengers boarding at the marina](https://img.example/marina.jpg)

Crews will add a late sailing on Fridays from next month, once the new timetable has settled in at both piers.
"""


@pytest.mark.parametrize(("images", "figures"), [("all", 1), ("lead", 0), ("none", 0)])
def test_build_images_option(tmp_path: Path, images: str, figures: int) -> None:
    source = tmp_path / "ferry.md"
    source.write_text(FIGURE_ARTICLE, "utf-8")
    result = run("build", str(source), "--out", str(tmp_path / "out"), "--images", images)
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "newsletter.html").read_text("utf-8")
    assert 'href="https://ferry.example/timetable"' in html
    # the first figure is the story's lead image; the body shows the others with images=all
    assert html.count('class="md-figure"') == figures
    assert ("img.example/marina.jpg" in html) is bool(figures)
    digest = json.loads((tmp_path / "out" / "digest.json").read_text("utf-8"))
    assert digest["articles"][0]["image"]["src"] == "https://img.example/ferry.jpg"


def test_build_rejects_an_unknown_images_mode(tmp_path: Path) -> None:
    source = tmp_path / "ferry.md"
    source.write_text(FIGURE_ARTICLE, "utf-8")
    result = run("build", str(source), "--out", str(tmp_path / "out"), "--images", "some")
    assert_one_line_error(result, 4, "images must be one of lead, all, none")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_flags_work_before_or_after_the_command(
    seed: Path, tmp_path: Path, where: str
) -> None:
    out = str(tmp_path / "out")
    quiet = (
        ["-q", "build", str(seed), "-o", out]
        if where == "before"
        else ["build", str(seed), "-o", out, "-q"]
    )
    result = run(*quiet)
    assert result.exit_code == 0 and result.stdout == "", result.output
    verbose = (
        ["--verbose", "build", str(seed), "-o", out]
        if where == "before"
        else ["build", str(seed), "--verbose", "-o", out]
    )
    assert "settings file:" in run(*verbose).stderr


def test_a_value_that_looks_like_a_global_flag_stays_the_options_value(
    seed: Path, tmp_path: Path
) -> None:
    result = run("build", str(seed), "--subject", "-q", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "Subject: -q" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment", "hint"),
    [
        (["build", "x.txt", "--bullets", "99"], "'--bullets'", "maildigest build --help"),
        (["build", "--no-such-option"], "No such option", "maildigest build --help"),
        (["no-such-command"], "No such command", "maildigest --help"),
        (["-q", "-v", "clean", "x.txt"], "--verbose or --quiet", "maildigest --help"),
    ],
)
def test_option_errors_are_one_line_with_a_pointer_to_help(
    args: list[str], fragment: str, hint: str
) -> None:
    result = run(*args)
    assert_one_line_error(result, 2, fragment)
    assert f"(see '{hint}')" in result.stderr and "Usage:" not in result.output


def test_debug_shows_the_traceback_and_keeps_the_exit_code(tmp_path: Path) -> None:
    for args in (
        ["--debug", "clean", str(tmp_path / "missing.txt")],
        ["clean", str(tmp_path / "missing.txt"), "--debug"],
    ):
        result = run(*args)
        assert result.exit_code == 3, result.output
        assert "Traceback" in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith("maildigest: error: no such file")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (bytes(range(256)) * 8, "binary"),
        (b"", "empty"),
        (b"Just a plain note.\nNothing marked up here.\n", "is not HTML"),
    ],
)
def test_check_refuses_what_is_not_html(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "newsletter.html"
    path.write_bytes(content)
    assert_one_line_error(run("check", str(path)), 3, fragment)


def test_other_libraries_log_lines_show_only_with_verbose_or_debug(tmp_path: Path) -> None:
    """An empty page makes trafilatura log "discarding data: None" before our error."""
    page = tmp_path / "empty.html"
    page.write_text("<html><body><div></div></body></html>")
    out = str(tmp_path / "out")
    assert_one_line_error(run("build", str(page), "-o", out), 3, "no article content")
    verbose = run("build", str(page), "-o", out, "-v")
    assert verbose.exit_code == 3
    assert "maildigest: [trafilatura.core] discarding data" in verbose.stderr
    assert verbose.stderr.strip().splitlines()[-1].startswith("maildigest: error:")


def test_no_arguments_shows_the_help() -> None:
    result = run()
    assert "Usage: maildigest [OPTIONS] COMMAND" in result.output
    assert "Commands:" in result.output and "maildigest: error" not in result.output
