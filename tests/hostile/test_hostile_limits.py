"""Size and depth bombs, pathological Markdown and the documented limits.

Inputs inside the limits build and keep their text; inputs over a limit fail
with one line naming the limit and how to raise it, a non-zero exit, no
traceback and no output files. (Speed is measured in
``benchmarks/bench_hostile.py``, not asserted here.)
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pytest
from hostile_cases import AFTER, BEFORE, FILLER
from hostile_invariants import assert_invariants, assert_kept, read_outputs
from typer.testing import CliRunner

from maildigest.cli import app

runner = CliRunner()
MB = 1024 * 1024


def text_article(middle: str) -> str:
    return "\n\n".join(["Ferry timetable approved for the coast", BEFORE, middle, AFTER, *FILLER])


def distinct(number: int) -> str:
    """A sentence unlike its neighbours (near-copies are dropped as repeats by design)."""
    code = hashlib.sha256(str(number).encode()).hexdigest()
    return f"Point {number} names the permits {code[:10]} and {code[10:20]} for the route."


def html_article(middle: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in FILLER)
    return (
        "<!DOCTYPE html><html><head><title>Ferry timetable approved for the coast</title></head>"
        f"<body><article><h1>Ferry timetable approved for the coast</h1><p>{BEFORE}</p>{middle}"
        f"<p>{AFTER}</p>{body}</article></body></html>"
    )


def build(tmp_path: Path, name: str, data: str | bytes, *args: str, env: dict | None = None):
    source = tmp_path / name
    source.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), *args], env=env or {})
    return result, out


def assert_one_line_error(result, out: Path, code: int, *words: str) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("maildigest: error: "), lines
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    assert not out.exists() or not any(out.iterdir()), "files written despite the error"
    return lines[0]


BOMBS = {
    "100k-nested-divs": (
        "article.html",
        html_article("<div>" * 100_000 + "<p>The deepest sentence survived the nesting.</p>"
                     + "</div>" * 100_000),
        ("The deepest sentence survived the nesting.",),
    ),
    "unclosed-li-span-20k": (
        "article.html",
        html_article("<li><span>" * 20_000 + "<p>The deepest sentence survived the nesting.</p>"),
        ("The deepest sentence survived the nesting.",),
    ),
    "25k-nested-brackets": (
        "article.md",
        text_article("Readers " + "[" * 25_000 + " wrote in about the plan."),
        (),
    ),
    "500-deep-list": (
        "article.md",
        text_article("".join("  " * i + f"- {distinct(i)}\n" for i in range(500))),
        (distinct(0), distinct(250), distinct(499)),
    ),
    "500-deep-blockquote": (
        "article.md",
        text_article(">" * 500 + " The quoted resident said the plan was fair."),
        ("The quoted resident said the plan was fair.",),
    ),
    "10k-nested-emphasis": (
        "article.md",
        text_article("*_" * 10_000 + "Emphatic residents cheered." + "_*" * 10_000),
        (),
    ),
    "12k-links-in-one-paragraph": (
        "article.md",
        text_article("Sources: " + "[a source](https://example.com/s) " * 12_000 + "end."),
        (),
    ),
    "unclosed-comments": ("article.txt", text_article("<!-- " * 60_000), ()),
    "unclosed-scripts": ("article.txt", text_article("<script> " * 40_000), ()),
    "unclosed-tags-html": ("article.html", html_article("<p><b><i>x " * 5_000), ()),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_bomb_builds_and_keeps_its_text(tmp_path: Path, name: str) -> None:
    filename, data, deep = BOMBS[name]
    result, out = build(tmp_path, filename, data)
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_kept(outputs, BEFORE, AFTER, *deep)


def test_15_mb_data_image_inside_the_limit_builds_without_it(tmp_path: Path) -> None:
    image = base64.b64encode(os.urandom(11 * MB)).decode()  # ~14.7 MB of base64
    page = html_article(f'<p>A chart: <img alt="chart" src="data:image/png;base64,{image}"></p>')
    assert 14 * MB < len(page) < 20 * MB
    result, out = build(tmp_path, "article.html", page)
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_kept(outputs, BEFORE, AFTER)
    assert len(outputs.html) < 200_000


def test_a_page_of_too_many_elements_is_refused(tmp_path: Path) -> None:
    """2.6 million <p> fit in 20 MB and took 3.6 GB and an XPath crash in extraction."""
    result, out = build(tmp_path, "article.html", html_article("<p><b>x " * 250_001))
    assert_one_line_error(result, out, 3, "250,000 elements", "MAX_HTML_ELEMENTS")


def test_input_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    result, out = build(tmp_path, "article.txt", b"a" * (20 * MB + 1))
    assert_one_line_error(result, out, 3, "20 MB", "max_input_mb", "MAILDIGEST_MAX_INPUT_MB")


def test_input_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    """The limit is inclusive: 20 MB of binary is refused as binary, not as too large."""
    result, out = build(tmp_path, "article.txt", b"\x00" * (20 * MB))
    line = assert_one_line_error(result, out, 3)
    assert "limit" not in line


def test_stdin_over_a_lowered_limit_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["build", "-", "--out", str(out)],
        input=text_article("x" * MB),
        env={"MAILDIGEST_MAX_INPUT_MB": "1"},
    )
    assert_one_line_error(result, out, 3, "1 MB", "max_input_mb")


def test_raising_the_input_limit_lets_a_larger_file_build(tmp_path: Path) -> None:
    image = base64.b64encode(os.urandom(MB)).decode()  # dropped early: the build stays fast
    big = html_article(f'<p>A chart: <img alt="chart" src="data:image/png;base64,{image}"></p>')
    assert MB < len(big) < 2 * MB
    refused, _ = build(tmp_path, "a.html", big, env={"MAILDIGEST_MAX_INPUT_MB": "1"})
    assert refused.exit_code == 3
    result, out = build(tmp_path, "a.html", big, env={"MAILDIGEST_MAX_INPUT_MB": "2"})
    assert result.exit_code == 0, result.output
    assert_invariants(read_outputs(out))


def test_too_many_articles_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.txt").write_text(
            text_article(f"Story {n} reports that ferry route {n} will run hourly."), "utf-8"
        )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(folder), "--out", str(out)], env={"MAILDIGEST_MAX_ARTICLES": "3"}
    )
    assert_one_line_error(result, out, 3, "4", "3", "max_articles", "MAILDIGEST_MAX_ARTICLES")
    result = runner.invoke(
        app, ["build", str(folder), "--out", str(out)], env={"MAILDIGEST_MAX_ARTICLES": "4"}
    )
    assert result.exit_code == 0, result.output
    assert len(read_outputs(out).digest["articles"]) == 4


def test_a_failing_input_among_good_ones_writes_nothing(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(text_article("A normal middle paragraph about the harbour works."), "utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(good), str(binary), "--out", str(out)])
    assert_one_line_error(result, out, 3, "binary")


@pytest.mark.parametrize(
    ("args", "code", "word"),
    [
        (["missing.txt"], 3, "no such file"),
        (
            ["article.txt", "--from", "Eve\r\nBcc: victim@example.com <eve@example.com>"],
            4,
            "sender",
        ),
        (["article.txt", "--from", "not an address"], 4, "sender"),
        (["article.txt", "--template", "no-such-folder"], 4, "template"),
    ],
)
def test_bad_arguments_are_one_line_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, word: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("article.txt").write_text(text_article("A normal middle paragraph."), "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", *args, "--out", str(out)])
    assert_one_line_error(result, out, code, word)


def test_a_sentence_without_an_end_makes_a_bounded_bullet(tmp_path: Path) -> None:
    """Half a megabyte with no full stop is one "sentence": its bullet is cut, the build fits."""
    endless = " ".join(f"route{n} and" for n in range(60_000))
    result, out = build(tmp_path, "article.txt", text_article(endless))
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_kept(outputs, BEFORE, AFTER)
    bullets = outputs.digest["articles"][0]["bullets"]
    assert bullets and all(len(b) <= 600 for b in bullets), [len(b) for b in bullets]
