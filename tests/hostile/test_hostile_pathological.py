"""Pathological inputs from the hostile corpus (issue 18) that used to fail: the
article survives embedded files in a page and long runs in Markdown. (How fast:
benchmarks/bench_corpus.py; here only what comes out.)"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from hostile_invariants import build_kept

from maildigest.clean.layout import before_ellipsis
from maildigest.sanitize import MAX_BLOB_CHARS, drop_blobs

BEFORE = "The harbour board approved a new ferry timetable on Monday after a long debate."
AFTER = "Officials said the changes would take effect in the spring, pending a final vote."
BLOB = base64.b64encode(os.urandom(8 * 1024 * 1024)).decode()  # 10.7 MB: over libxml2's limit


def page(head: str = "", body: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Ferry timetable approved</title>{head}</head><body>"
        f"<article><h1>Ferry timetable approved</h1><p>{BEFORE}</p>{body}<p>{AFTER}</p>"
        "</article></body></html>"
    )


def build(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / name).write_text(text, encoding="utf-8")
    return build_kept(tmp_path / name, BEFORE, AFTER)


@pytest.mark.parametrize(
    "head",
    [
        f'<link rel="icon" href="data:image/png;base64,{BLOB}">',
        f'<meta property="og:image" content="data:image/png;base64,{BLOB}">',
        f"<style>body {{ background: url(data:image/png;base64,{BLOB}) }}</style>",
        f"<script>var font = '{BLOB}';</script>",
    ],
    ids=["icon", "og-image", "style", "script"],
)
def test_a_huge_embedded_file_in_the_head_keeps_the_article(tmp_path: Path, head: str) -> None:
    """Each of these lost the whole article: libxml2 refuses a node over 10 MB."""
    build(tmp_path, "page.html", page(head=head))


def test_a_base64_blob_in_the_body_is_not_a_paragraph(tmp_path: Path) -> None:
    out = build(tmp_path, "page.html", page(body=f"<p>{BLOB[: MAX_BLOB_CHARS * 4]}</p>"))
    assert BLOB[:100] not in out.text


def test_drop_blobs_keeps_text_and_short_runs() -> None:
    short = "a" * (MAX_BLOB_CHARS - 1)
    assert drop_blobs(f"<p>{short} words</p>{'x' * MAX_BLOB_CHARS}") == f"<p>{short} words</p>"


@pytest.mark.parametrize("unit", ["![]() ", "![]()", "[](https://example.com/x) ", "[]()"])
def test_runs_of_empty_markdown_images_and_links_keep_the_article(
    tmp_path: Path, unit: str
) -> None:
    """100,000 of "![]() " took 24 s in the line-end checks (quadratic on the spaces left)."""
    build(tmp_path, "a.md", f"# Ferry timetable approved\n\n{BEFORE} {unit * 100_000} {AFTER}\n")


@pytest.mark.parametrize(
    ("line", "opening"),
    [("Read more…", "Read more"), ("The story continues ... !", "The story continues"),
     ("A full sentence.", None), ("x" + " " * 100_000, None), ("." * 100_000, "")],
)  # fmt: skip
def test_before_ellipsis(line: str, opening: str | None) -> None:
    assert before_ellipsis(line) == opening
