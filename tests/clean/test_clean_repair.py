"""Encoding damage is undone; the publisher's own characters are kept."""

from __future__ import annotations

import pytest

from maildigest.clean.repair import repair_text


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("It\u00e2\u20ac\u2122s here", "It’s here"),  # UTF-8 read as Windows-1252
        ("Caf\u00c3\u00a9 culture", "Café culture"),
        ("Fish &amp; chips &#8212; again &rsquo;", "Fish & chips — again ’"),
        ("Double &amp;amp; escaped", "Double & escaped"),
        ("A\u00a0wide\u2009gap", "A wide gap"),
        ("zero\u200bwidth\u00adsoft\ufeff", "zerowidthsoft"),
        ("tab\tand   spaces", "tab and spaces"),
    ],
)
def test_damage_is_repaired(damaged: str, clean: str) -> None:
    assert repair_text(damaged) == clean


def test_block_tags_end_lines_inline_tags_vanish() -> None:
    lines = repair_text("<p>One <b>bold</b> word</p><p>Two</p>line<br/>next").split("\n")
    assert [line for line in lines if line] == ["One bold word", "Two", "line", "next"]


def test_curly_quotes_stay_curly() -> None:
    assert repair_text("“Yes,” she said, ‘really’.") == "“Yes,” she said, ‘really’."


def test_cr_and_crlf_become_newlines() -> None:
    assert repair_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_text_in_angle_brackets_that_is_not_html_stays() -> None:
    assert repair_text("the show <The Palace> opens") == "the show <The Palace> opens"


def test_shortcodes_go_but_bracketed_words_stay() -> None:
    text = '[button link="https://x.example/a"]Send us yours[/button] and [sic] stays'
    assert repair_text(text) == "Send us yours and [sic] stays"


def test_script_and_style_bodies_are_dropped() -> None:
    assert repair_text("a<script>var x = 1;</script>b<style>p{}</style>c") == "abc"


def test_a_forwarded_email_loses_its_quoting_one_level_at_a_time() -> None:
    article = (
        "Ferry deal signed\n\nThe harbour board agreed.\n> Not a reply marker.\nIt starts in May."
    )
    quoted = "\n".join(f"> {line}" if line else ">" for line in article.split("\n"))
    assert repair_text(quoted) == article
    assert repair_text("\n".join(f">> {line}" for line in article.split("\n"))) == article


def test_quotes_inside_an_article_stay() -> None:
    text = "Ferry deal signed\n\n> The best day for the islands in years.\n\nThe board agreed."
    assert repair_text(text) == text
