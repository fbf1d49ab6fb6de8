"""Repeated paragraphs and teasers go; the first copy stays where it was."""

from __future__ import annotations

import random

from maildigest.clean.dedup import drop_duplicates, drop_teasers

FIRST = "The council approved the budget on Tuesday after a long debate about road repairs."
SECOND = "Opposition members said the plan did too little for public transport in the suburbs."


def test_exact_repeat_keeps_first() -> None:
    assert drop_duplicates([FIRST, SECOND, FIRST]) == [FIRST, SECOND]


def test_near_duplicates_typo_quotes_spacing() -> None:
    typo = FIRST.replace("budget", "budgte")
    spaced = "  " + SECOND.replace(" ", "  ")
    quoted = "“Yes,” she said, ‘it passed’ after a very long debate about the budget."
    straight = "\"Yes,\" she said, 'it passed' after a very long debate about the budget."
    assert drop_duplicates([FIRST, SECOND, typo, spaced, quoted, straight]) == [
        FIRST,
        SECOND,
        quoted,
    ]


def test_short_similar_lines_are_not_merged() -> None:
    lines = ["Q: Favourite film?", "Q: Favourite book?", "A: None"]
    assert drop_duplicates(lines) == lines


def test_deterministic_whatever_ran_before() -> None:
    drop_duplicates([SECOND, FIRST, SECOND])
    assert drop_duplicates([FIRST, SECOND, FIRST]) == [FIRST, SECOND]


def test_teaser_of_a_present_paragraph_goes() -> None:
    teaser = "The council approved the budget on Tuesday after a long…"
    assert drop_teasers([teaser, FIRST, SECOND]) == [FIRST, SECOND]
    assert drop_teasers(["The council approved the budget on Tuesday..."]) == [
        "The council approved the budget on Tuesday..."
    ]


def test_huge_inputs_still_drop_near_copies() -> None:
    words = "harbour council budget storm repair engineer season catch wall port river tide".split()
    rng = random.Random(4)
    paragraphs = [" ".join(rng.choice(words) for _ in range(20)) + "." for _ in range(600)]
    paragraphs = list(dict.fromkeys(paragraphs))
    near_copy = paragraphs[10][:40] + "x" + paragraphs[10][41:]
    assert drop_duplicates([*paragraphs, near_copy, paragraphs[20]]) == drop_duplicates(paragraphs)
    assert len(drop_duplicates(paragraphs)) > 500


def test_cut_off_repeat_goes() -> None:
    assert drop_duplicates([FIRST, SECOND, FIRST[:60]]) == [FIRST, SECOND]
    assert drop_duplicates([FIRST, FIRST[:25]]) == [FIRST, FIRST[:25]]


def test_a_pull_quote_goes_before_or_after_its_paragraph() -> None:
    long = (
        "The mayor said the plan was overdue. “We cannot wait another winter for this,” "
        "she told reporters outside the town hall on Monday."
    )
    quote = "“We cannot wait another winter for this.”"
    assert drop_teasers([quote, long, "Other text follows here."]) == [
        long,
        "Other text follows here.",
    ]
    assert drop_teasers([long, quote]) == [long]


def test_a_short_heading_repeated_in_its_paragraph_stays() -> None:
    paragraphs = ["Harbour Wall Repair Plan", "The Harbour Wall Repair Plan was published today."]
    assert drop_teasers(paragraphs) == paragraphs


def test_an_attributed_pull_quote_goes() -> None:
    long = "Crews worked through the night. “The sea does not wait for anyone,” said Jo Lee, a skipper."
    quote = "“The sea does not wait for anyone.” — Jo Lee"
    assert drop_teasers([long, quote]) == [long]
