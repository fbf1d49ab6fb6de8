"""The Unicode policy (docs/guides/unicode.md): headers carry no invisible or
direction-changing character; the parts keep joiners and emoji sequences, drop
tag characters and noncharacters, and isolate right-to-left text. Every case
here failed before issue 18."""

from __future__ import annotations

import html
import unicodedata
from pathlib import Path

import pytest
from hostile_invariants import build_kept

import maildigest
from maildigest.config import Settings
from maildigest.message import build_message
from maildigest.models import Newsletter
from maildigest.unicode import FSI, PDI, body_text, header_text, isolate

BEFORE = "The harbour board approved a new ferry timetable on Monday after a long debate."
AFTER = "Officials said the changes would take effect in the spring, pending a final vote."
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
PERSIAN = "می\u200cخواهم"
""""I want": the ZWNJ keeps the prefix from joining the verb."""


def build(tmp_path: Path, title: str, body: str, format: str = "text"):  # type: ignore[no-untyped-def]
    if format == "html":
        name, text = (
            "a.html",
            (
                f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body><article>"
                f"<h1>{html.escape(title)}</h1><p>{BEFORE} {html.escape(body)} {AFTER}</p>"
                "<p>The council met for three hours and heard from residents.</p></article></body></html>"
            ),
        )
    else:
        name = "a.md" if format == "markdown" else "a.txt"
        heading = f"# {title}" if format == "markdown" else title
        text = f"{heading}\n\n{BEFORE} {body} {AFTER}\n\nThe council met for three hours.\n"
    (tmp_path / name).write_text(text, encoding="utf-8")
    return build_kept(tmp_path / name, BEFORE, AFTER)


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_joiners_and_emoji_sequences_survive_every_format(tmp_path: Path, format: str) -> None:
    out = build(
        tmp_path, "Ferry news", f"A {FAMILY} family, the {ENGLAND} flag and {PERSIAN}.", format
    )
    for part in (out.html_text, out.text):
        assert FAMILY in part and ENGLAND in part and PERSIAN in part


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0010ffff", "\U000e0041"])
def test_noncharacters_and_tag_characters_are_dropped_not_fatal(tmp_path: Path, char: str) -> None:
    """U+FFFE/U+FFFF made MJML fail the whole build."""
    out = build(tmp_path, f"Ferry {char}news", f"The long{char} debate.")
    assert char not in out.html and char not in out.text
    assert char not in str(out.eml["Subject"])


@pytest.mark.parametrize(
    "title",
    [
        "Sale ends\u202e today",
        "Ferry\u2066 news\u2069",
        "Ferry\u200b news\u200e",
        "Ferry news\U000e0041",
    ],
)
def test_subject_carries_no_format_characters(tmp_path: Path, title: str) -> None:
    out = build(tmp_path, title, "Nothing else.")
    subject = str(out.eml["Subject"])
    assert not [c for c in subject if unicodedata.category(c) == "Cf"], repr(subject)


def test_display_names_and_list_headers_follow_the_header_policy() -> None:
    newsletter = Newsletter(subject="News", preheader="", stories=(), html="<p>x</p>", text="x")
    message = build_message(
        newsletter,
        sender="Ferry\u202e Desk <desk@news.example.org>",
        extra_headers={"List-Id": "Ferry\u2067 news <ferry.news.example.org>"},
    )
    assert str(message["From"]) == "Ferry Desk <desk@news.example.org>"
    assert "\u2067" not in str(message["List-Id"])


def test_right_to_left_title_is_isolated_from_its_link_number(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text(
        "---\ntitle: עדכון המעבורת\nurl: https://news.example.org/ferry\n---\n\n"
        f"{BEFORE}\n\n{AFTER}\n",
        encoding="utf-8",
    )
    maildigest.build([source], out_dir=tmp_path / "out", settings=Settings())
    text = (tmp_path / "out" / "newsletter.txt").read_text("utf-8")
    assert f"{FSI}עדכון המעבורת{PDI} [1]" in text
    subject = (tmp_path / "out" / "newsletter.eml").read_bytes().split(b"\r\n\r\n")[0]
    assert FSI.encode() not in subject


def test_policy_functions() -> None:
    assert body_text(f"a\u202eb{FAMILY}\u200bc\ufdd0") == f"ab{FAMILY}c"
    assert header_text(f"Pay\u200cPal {PERSIAN} {FAMILY}") == f"PayPal {PERSIAN} {FAMILY}"
    assert header_text(ENGLAND) == "\U0001f3f4"
    assert isolate("ferry") == "ferry" and isolate("שלום") == f"{FSI}שלום{PDI}"
