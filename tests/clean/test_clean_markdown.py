"""Markdown syntax becomes plain text; front matter becomes metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from maildigest.clean.markdown import render_block, split_front_matter


@pytest.mark.parametrize(
    ("block", "text", "heading", "item"),
    [
        ("# The headline #", "The headline", True, False),
        ("### A section", "A section", True, False),
        ("Read [the report](https://example.org/r) now", "Read the report now", False, False),
        ("Some **bold**, *italic* and `code`", "Some bold, italic and code", False, False),
        ("- a list item", "a list item", False, True),
        ("> a quotation", "a quotation", False, False),
        ("An image ![alt text](https://example.org/i.png) here", "An image here", False, False),
        (r"Escaped \*stars\* stay", "Escaped *stars* stay", False, False),
        ("snake_case_name and [sic] stay", "snake_case_name and [sic] stay", False, False),
        ("-----", "", False, False),
    ],
)
def test_render_block(block: str, text: str, heading: bool, item: bool) -> None:
    rendered = render_block(block)
    assert " ".join(rendered.text.split()) == text
    assert rendered.heading is heading
    assert rendered.list_item is item


def test_front_matter_gives_metadata_and_drops_what_came_before() -> None:
    source = (
        'Menu\nSections\n---\ntitle: "She said: "no""\ndate: 2024-06-01\nauthor: Sam Field\n'
        "---\nBody text.\n"
    )
    header, rest = split_front_matter(source)
    assert header.title == 'She said: "no"'
    assert header.date == dt.date(2024, 6, 1)
    assert header.author == "Sam Field"
    assert rest == "Body text.\n"


def test_no_front_matter() -> None:
    header, rest = split_front_matter("Just text\n---\nmore")
    assert header.title is None
    assert rest == "Just text\n---\nmore"
