"""Text is data (issue 18): whatever an article says, in text, Markdown or HTML,
comes out as readable text in both parts -- markup, template syntax, CDATA ends,
entities -- never interpreted, never dropped. Property-based over all three
input formats, plus the cases that used to lose their words."""

from __future__ import annotations

import html
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hostile_invariants import assert_invariants, assert_kept, read_outputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import maildigest
from maildigest.config import Settings

BEFORE = "The harbour board approved a new ferry timetable on Monday after a long debate."
AFTER = "Officials said the changes would take effect in the spring, pending a final vote."
FILLER = (
    "The council met for three hours and heard from residents on both sides of the debate "
    "before the chair called the final vote late in the evening."
)
TOKENS = [
    *"abcxyz 0123<>/{}%#[]()!*_`\\\"'=-:|~?$&+.,",
    "<script>", "</script>", "<mj-raw>", "</mj-text>", "<mj-column>",
    "{{", "}}", "{%", "%}", "{#", "#}", "]]>", "<![CDATA[", "<!--", "-->",
    "&lt;", "&gt;", "&amp;", "&amp;lt;", "&#60;", "recipient.email", "alert(1)", "javascript:",
    "ferry", "council", "7*191",
]  # fmt: skip
SCRAPER_TAGS = ["<b>", "</p>", "<br>", '<a href="https://example.com/">']
"""HTML formatting tags: in a text file they are a scraper's remnants and go (by design)."""
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


def as_input(text: str, format: str) -> tuple[str, str]:
    """(file name, content) of an article whose first paragraph holds ``text`` as text."""
    if format == "html":
        body = html.escape(text)
        return "article.html", (
            "<!DOCTYPE html><html><head><title>Ferry timetable approved</title></head><body>"
            f"<article><h1>Ferry timetable approved</h1><p>{BEFORE} {body} {AFTER}</p>"
            f"<p>{FILLER}</p></article></body></html>"
        )
    if format == "markdown":
        body = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
        return "article.md", f"# Ferry timetable approved\n\n{BEFORE} {body} {AFTER}\n\n{FILLER}\n"
    return "article.txt", f"Ferry timetable approved\n\n{BEFORE} {text} {AFTER}\n\n{FILLER}\n"


def visible(text: str, format: str) -> str:
    """What a reader should see of ``text``: entities read as their characters
    (docs/guides/unicode.md; in Markdown ``as_input`` escaped them), compared after NFKC,
    casefolding and spacing."""
    for _ in range(3 if format != "markdown" else 0):
        text = _ENTITY.sub(lambda m: html.unescape(m[0]), text)
    return fold(text)


def fold(text: str) -> str:
    """Compared as a reader sees it: the word joiner that defuses a ``{{ recipient.… }}``
    placeholder (docs/guides/unicode.md) is invisible."""
    text = text.replace("\u2060", "")
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def build_and_read(folder: Path, name: str, content: str):  # type: ignore[no-untyped-def]
    source = folder / name
    source.write_text(content, encoding="utf-8")
    maildigest.build([source], out_dir=folder / "out", settings=Settings())
    out = read_outputs(folder / "out")
    assert_invariants(out)
    assert_kept(out, BEFORE, AFTER)
    return out


def assert_shown(out, text: str, format: str, *, exactly: bool | None = None) -> None:  # type: ignore[no-untyped-def]
    """``text`` readable in both parts: as written, or (``exactly=False``: a text file's
    Markdown emphasis is read as emphasis, docs/guides/unicode.md) every letter and
    digit of it, in order."""
    expected = visible(text, format)
    exactly = format != "text" if exactly is None else exactly
    for what, shown in (("HTML", fold(out.html_text)), ("text", fold(out.text))):
        if exactly:
            assert expected in shown, f"{expected!r} not shown as written in the {what} part"
        else:
            words = "".join(re.findall(r"[^\W_]+", expected))  # letters and digits, not "_"
            assert words in "".join(re.findall(r"[^\W_]+", shown)), f"{words!r} lost from {what}"


FORMATS = ("text", "markdown", "html")


def _words(format: str) -> st.SearchStrategy[tuple[str, str]]:
    tokens = TOKENS if format == "text" else TOKENS + SCRAPER_TAGS
    return st.tuples(
        st.lists(st.sampled_from(tokens), min_size=1, max_size=30).map("".join), st.just(format)
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=st.sampled_from(FORMATS).flatmap(_words))
def test_any_text_is_shown_as_written(case: tuple[str, str]) -> None:
    words, format = case
    words = " ".join(words.split()) or "x"
    with tempfile.TemporaryDirectory() as folder:
        out = build_and_read(Path(folder), *as_input(words, format))
        assert_shown(out, words, format)


LOOKS_LIKE_CODE = [
    "<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "use the <mj-section> tag, not <script>",
    "<mj-raw><mj-text>raw</mj-text></mj-raw> and </mj-text></mj-column>",
    "<![CDATA[ data ]]> and a lone ]]>",
    "{{ 7*191 }} {% if x %}yes{% endif %} {# note #}",
    "<style>p { color: red }</style> and <!-- a comment -->",
]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("text", LOOKS_LIKE_CODE)
def test_text_that_looks_like_code_is_shown(tmp_path: Path, text: str, format: str) -> None:
    """These were dropped before (script bodies, entity-written tags, <b>, comments)."""
    out = build_and_read(tmp_path, *as_input(text, format))
    assert_shown(out, text, format, exactly=True)
    assert "1337" not in out.text  # {{ 7*191 }} is never evaluated
