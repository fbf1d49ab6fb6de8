"""Lines become paragraphs; hard-wrapped prose is joined back together."""

from __future__ import annotations

from maildigest.clean.blocks import split_blocks


def test_single_newlines_separate_paragraphs() -> None:
    assert split_blocks("First paragraph.\nSecond paragraph.") == [
        "First paragraph.",
        "Second paragraph.",
    ]


def test_hard_wrapped_prose_is_joined() -> None:
    text = (
        "A fleet of small satellites has produced the most detailed\n"
        "map yet of the height of the sea surface, researchers said\n"
        "on Monday.\n\nNext paragraph."
    )
    assert split_blocks(text) == [
        "A fleet of small satellites has produced the most detailed map yet of the height "
        "of the sea surface, researchers said on Monday.",
        "Next paragraph.",
    ]


def test_short_menu_lines_are_not_joined() -> None:
    assert split_blocks("icon camera\nicon check\nicon close") == [
        "icon camera",
        "icon check",
        "icon close",
    ]


def test_wrapped_paragraphs_without_blank_lines_are_told_apart() -> None:
    text = (
        "The first paragraph is long enough that the scraper wrapped it at the\n"
        "margin, and it ends here.\n"
        "The second paragraph starts on the next line and it is also wrapped at\n"
        "the same margin by the same tool.\n"
    )
    assert split_blocks(text) == [
        "The first paragraph is long enough that the scraper wrapped it at the margin, "
        "and it ends here.",
        "The second paragraph starts on the next line and it is also wrapped at the same "
        "margin by the same tool.",
    ]
