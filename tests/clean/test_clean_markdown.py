"""Markdown syntax becomes plain text; front matter becomes metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from maildigest.clean.markdown import parse_blocks, split_front_matter
from maildigest.models import Figure, Heading, ListBlock, Paragraph, Quote, Run


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
        ("1. a numbered item", "1. a numbered item", False, True),
        ("1989. A year of change", "1989. A year of change", False, False),
        ("• a typographic bullet", "a typographic bullet", False, True),
    ],
)
def test_block_text(block: str, text: str, heading: bool, item: bool) -> None:
    (unit,) = [u for u in parse_blocks([block], markdown=True) if u.layout.text]
    assert " ".join(unit.layout.text.split()) == text
    assert unit.layout.heading is heading
    assert unit.layout.list_item is item


def test_a_rule_is_no_block() -> None:
    assert parse_blocks(["-----"], markdown=True) == []


def test_markdown_keeps_links_emphasis_and_kinds() -> None:
    units = parse_blocks(
        [
            "## Key figures",
            "- Revenue **up** 18%, see [the report](https://example.org/r)",
            "2. second step",
            "> a quotation",
            "Read [this](javascript:alert(1)) and ![The plant](https://example.org/p.jpg)",
        ],
        markdown=True,
    )
    contents = [u.content for u in units]
    assert contents[0] == Heading((Run("Key figures"),), level=2)
    assert contents[1] == ListBlock(
        (
            (
                Run("Revenue "),
                Run("up", strong=True),
                Run(" 18%, see "),
                Run("the report", href="https://example.org/r"),
            ),
        )
    )
    assert isinstance(contents[2], ListBlock) and contents[2].ordered and contents[2].start == 2
    assert contents[3] == Quote((Run("a quotation"),))
    # a link with a bad scheme becomes its text
    assert contents[4] == Paragraph((Run("Read this and"),))
    assert isinstance(contents[5], Figure) and contents[5].image.alt == "The plant"


def test_reference_links_resolve_from_the_whole_document() -> None:
    document = "See [the filing][1] today.\n\n[1]: https://example.org/filing\n"
    units = parse_blocks(["See [the filing][1] today."], markdown=True, document=document)
    assert units[0].content == Paragraph(
        (Run("See "), Run("the filing", href="https://example.org/filing"), Run(" today."))
    )


def test_plain_text_stays_plain_but_keeps_its_lists() -> None:
    units = parse_blocks(
        ["Read [the report](https://example.org/r) **now**", "- one", "# Title"], markdown=False
    )
    assert units[0].content == Paragraph((Run("Read the report now"),))
    assert units[1].content == ListBlock(((Run("one"),),))
    assert units[2].content == Paragraph((Run("Title"),)) and units[2].layout.heading


def test_a_menu_of_links_is_marked_as_links() -> None:
    units = parse_blocks(
        ["- [Home](/)", "- [Contact](https://example.org/c)", "- Revenue"], markdown=True
    )
    assert [u.layout.link for u in units] == [True, True, False]


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
