"""Lines become paragraphs; hard-wrapped prose is reflowed."""

from __future__ import annotations

import textwrap

from maildigest.clean.blocks import split_blocks

PARAGRAPHS = [
    "A fleet of small satellites has produced the most detailed map yet of the height of "
    "the sea surface, researchers said on Monday, in a result that could sharpen forecasts "
    "of storm surges along crowded coasts.",
    "The satellites time a radar pulse as it bounces back from the water. Tiny differences "
    "reveal eddies, currents and the slow swell of the tides, which older instruments "
    "blurred together into a single smooth surface.",
    "Engineers said the next launch, planned for the spring, would add four more craft to "
    "the constellation and halve the time between passes over any given stretch of ocean.",
]


def test_single_newlines_separate_paragraphs() -> None:
    assert split_blocks("First paragraph.\nSecond paragraph.") == [
        "First paragraph.",
        "Second paragraph.",
    ]


def test_hard_wrapped_document_is_reflowed() -> None:
    wrapped = "\n".join(textwrap.fill(p, width=60) for p in PARAGRAPHS)
    text = "Satellites map the sea in record detail\nBy Ana Costa | May 2, 2024\n" + wrapped
    assert split_blocks(text) == [
        "Satellites map the sea in record detail",
        "By Ana Costa | May 2, 2024",
        *PARAGRAPHS,
    ]


def test_hard_wrapped_paragraphs_between_blank_lines() -> None:
    text = "\n\n".join(textwrap.fill(p, width=72) for p in PARAGRAPHS)
    assert split_blocks(text) == PARAGRAPHS


def test_unwrapped_lines_and_menus_are_not_joined() -> None:
    assert split_blocks("\n".join(PARAGRAPHS)) == PARAGRAPHS
    menu = "icon camera\nicon check\nicon close\nicon chevron down\nicon chevron up"
    assert split_blocks(menu) == menu.split("\n")
    headlines = "\n".join(
        [
            "Storm closes schools across the region for a second day",
            "Council approves a new budget after a long night of talks",
            "Harbour reopens after three weeks of repairs to the sea wall",
            "Fishing fleet returns to port as the autumn season resumes",
        ]
    )
    assert split_blocks(headlines) == headlines.split("\n")


def test_a_wrapped_line_ending_on_a_function_word_runs_on_before_a_capital() -> None:
    lines = [
        "The agreement was signed on Tuesday by the harbour board and the",
        "Regional Transport Authority after two years of negotiation over",
        "fares, timetables and the cost of the new electric ferries.",
        "Officials expect the first of the new boats to enter service in",
        "June, with the rest of the fleet following over the next year.",
        "A spokesperson for the ferry operator welcomed the deal and said",
        "crews would begin training on the new vessels in the spring.",
    ]
    assert split_blocks("\n".join(lines)) == [
        " ".join(lines[:3]),
        " ".join(lines[3:5]),
        " ".join(lines[5:]),
    ]
