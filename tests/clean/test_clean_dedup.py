"""Repeated paragraphs and teasers go; the first copy stays where it was."""

from __future__ import annotations

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
