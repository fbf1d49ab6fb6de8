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
        "fares and the cost of the new ferries.",
        "Officials expect the first of the new boats to enter service in",
        "June, with the rest of the fleet following.",
        "A spokesperson for the ferry operator welcomed the deal and said",
        "crews would begin training on the new vessels in the spring.",
    ]
    assert split_blocks("\n".join(lines)) == [
        " ".join(lines[:3]),
        " ".join(lines[3:5]),
        " ".join(lines[5:]),
    ]


SENTENCES = [
    "The harbour board met on Tuesday to discuss the new ferry timetable for the winter.",
    "Members said the changes would cut waiting times at the busiest piers by a third.",
    "Residents of the islands had asked for earlier morning crossings for years.",
    "The first boats under the new timetable will sail in the second week of December.",
    "Fares will stay the same until the spring, when the board reviews its budget.",
    "A spokesperson said crews were already training for the longer evening shifts.",
]


def test_a_sentence_ending_where_the_wrapper_had_to_break_runs_on() -> None:
    """Single newlines between paragraphs: a line that stops at a sentence end with
    no room for the next word was broken by the wrapper, not by the writer."""
    first, second = " ".join(SENTENCES[:4]), " ".join(SENTENCES[4:])
    text = textwrap.fill(first, width=62) + "\n" + textwrap.fill(second, width=62)
    forced_breaks = [
        line
        for line, following in zip(text.splitlines(), text.splitlines()[1:], strict=False)
        if line.endswith(".") and len(line) + 1 + len(following.split()[0]) > 62
    ]
    assert forced_breaks  # the case this test is about occurs
    assert split_blocks(text) == [first, second]


def test_page_furniture_after_a_full_line_is_not_run_on() -> None:
    paragraph = " ".join(SENTENCES[:3])
    text = textwrap.fill(paragraph, width=64)
    last = text.splitlines()[-1]
    filler = "Follow us on Twitter" if len(last) + 7 > 61 else "Subscribe to our newsletter"
    assert split_blocks(f"{text}\n{filler}")[-1] == filler


def test_a_headline_over_its_repeat_is_not_run_on() -> None:
    body = textwrap.fill(" ".join(SENTENCES), width=70)
    title = "Harbour board agrees winter ferry timetable for islands | Coast News"
    assert split_blocks(
        f"{title}\nHarbour board agrees winter ferry timetable for islands\n{body}"
    )[:2] == [
        title,
        "Harbour board agrees winter ferry timetable for islands",
    ]


def test_a_short_line_before_a_long_markdown_link_runs_on() -> None:
    lines = [
        "The agency said its researchers examined how hibernation would affect",
        "the design of a crewed mission to Mars and found that it could help",
        "shrink the size of",
        "[spacecraft](https://example.org/news/2024/space/hibernation-study) and",
        "the amount of food and water the crew would need to carry with them.",
        "The study was published on Monday in a journal of the space agency.",
    ]
    text = "\n".join(lines)
    assert split_blocks(text) == [" ".join(lines)]


def test_narrow_wraps_are_reflowed_and_compounds_keep_their_hyphen() -> None:
    paragraphs = [
        "The long-term plan, a well-known and hard-won compromise between the council "
        "and the harbour-side residents, was signed on Tuesday after a three-year campaign.",
        "Officials said the first new-generation boats would arrive in the spring and "
        "enter service by early summer next year.",
        "Fares will stay the same until the spring, when the board reviews its budget "
        "and the cost of the longer evening crossings.",
    ]
    for width in (36, 44):
        text = "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
        assert any(line.endswith("-") for line in text.splitlines())  # a compound was broken
        assert split_blocks(text) == paragraphs


def test_a_heading_underline_in_wrapped_text_is_not_joined() -> None:
    prose = (
        "The harbour reopened on Friday after engineers finished repairs to the\n"
        "storm-damaged sea wall, and fishing crews returned to their moorings in\n"
        "the afternoon while the port authority published its plans for the\n"
        "winter season and the repairs still needed on the northern breakwater.\n"
    )
    text = (
        "Harbour reopens after three weeks of repairs to the storm-damaged wall\n"
        + "=" * 70
        + "\n"
        + prose * 3
    )
    blocks = split_blocks(text)
    assert blocks[0] == "Harbour reopens after three weeks of repairs to the storm-damaged wall"
