"""Trimming deletes low-content spans and never adds or reorders a word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from summary_helpers import is_deletion_of

from maildigest.summarize.trim import trim


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        (
            "(AFP)Dock workers in the port ended their strike after talks with the owners.",
            True,
            "Dock workers in the port ended their strike after talks with the owners.",
        ),
        (
            "OSLO, Norway (Reuters) -- The central bank held its key rate at 4.5 per cent.",
            True,
            "The central bank held its key rate at 4.5 per cent.",
        ),
        (
            "NAIROBI, March 3 (AP) -- Heavy rain closed the main road to the airport.",
            True,
            "Heavy rain closed the main road to the airport.",
        ),
        (
            "LISBON — Parliament passed the housing bill late on Thursday night.",
            True,
            "Parliament passed the housing bill late on Thursday night.",
        ),
        (
            "Mayor Ines Duarte (pictured) opened the new library in the old station.",
            False,
            "Mayor Ines Duarte opened the new library in the old station.",
        ),
        (
            "Back in fashion: The folding bicycle returns to the shops this spring.",
            False,
            "The folding bicycle returns to the shops this spring.",
        ),
        (
            "Remarkably, the orchard survived the frost without losing a single tree.",
            False,
            "The orchard survived the frost without losing a single tree.",
        ),
        (
            "NIGHT OF THE FLOOD Residents climbed onto their roofs as the river rose.",
            False,
            "Residents climbed onto their roofs as the river rose.",
        ),
    ],
)
def test_low_content_spans_are_cut(text: str, first: bool, expected: str) -> None:
    assert trim(text, first=first) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a dateline is only a dateline at the top of the article
        "(AFP) was the first agency to report the landslide from the valley.",
        # "She said:" introduces the quote, it is not a caption label
        "She said: 'We will reopen the bridge as soon as the engineers allow it.'",
        # an attribution qualifies the claim: it stays
        "The ferry hit a sandbank because the radar had failed, the coastguard said.",
        "The plant will close in June, according to the company's annual report.",
        "According to two people at the meeting, the board will replace the chief executive.",
        # hedges are part of the claim
        "Reportedly, the minister will resign before the end of the month.",
        "The new stadium is expected to open in 2027 if the budget holds.",
        # a connective carries the logic: the selection decides where the bullet goes
        "However, the company expects sales to recover next year.",
        # a bracket that holds a number or a negation is content
        "The storm dropped rain on the town (120 mm in six hours) and cut the power.",
        "The mayor (who did not attend the vote) had opposed the plan for months.",
        # too little would be left
        "Rates rose (again).",
        # a name, not an adverb
        "Beverly, a nurse from Leeds, was the first to reach the injured man.",
        # nothing to trim
        "The council approved the new bridge after a two-year review.",
    ],
)
def test_content_is_kept(text: str) -> None:
    assert trim(text) == text


LONG = (
    "Addressing the conference in the capital, the 61-year-old engineer, who designed "
    "the city's first light rail line in the nineties, was quick to point out the delays "
    "the northern extension has suffered over the years, while also praising the workers."
)


def test_long_bullets_lose_secondary_clauses() -> None:
    # the relative clause goes first; then the bullet fits and the rest stays
    assert trim(LONG) == (
        "Addressing the conference in the capital, the 61-year-old engineer was quick to "
        "point out the delays the northern extension has suffered over the years, while also "
        "praising the workers."
    )
    # still too long without a relative clause: the opening clause goes too
    longer = LONG.replace(
        ", who designed the city's first light rail line in the nineties,", ""
    ).replace("the years", "the many long years of planning and public consultation in town")
    assert trim(longer) == (
        "The 61-year-old engineer was quick to point out the delays the northern extension has "
        "suffered over the many long years of planning and public consultation in town, while "
        "also praising the workers."
    )


def test_long_bullets_keep_clauses_with_numbers_or_sources() -> None:
    text = (
        "According to the regional health office, the clinic, which treated 4,000 patients "
        "last winter, will have to close its emergency ward at night from the first of May "
        "because there are not enough nurses to staff it."
    )
    assert trim(text) == text


@pytest.mark.parametrize(
    "text",
    [
        # the "which" clause is an item of a list: its end is not the clause's end
        "The harbour authority said on Monday it was reviewing a breach of the Coastal "
        "Waters Act, which bans ships from dumping fuel, oil or waste within a mile of the "
        "shore in the protected bay beside the old lighthouse.",
        # three dashes: which two bound the aside is unclear
        "The parade – a noisy celebration that closed roads – drew crowds as the Riverside "
        "Brass Band – a group of retired miners from the valley – played on the square with "
        "late night visitors keen to join in with the music.",
    ],
)
def test_ambiguous_clauses_are_kept(text: str) -> None:
    assert trim(text) == text


def test_short_bullets_keep_their_clauses() -> None:
    text = "The painter, who was also a sculptor, first exhibited in Glasgow."
    assert trim(text) == text


_WORDS = st.sampled_from(
    "the police said (pictured) according to however , : -- – (AFP) Well And OSLO who "
    "which Speaking with officials told reporters on Monday bridge 3.5 closed was in June "
    "he and or".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=60), st.booleans())
def test_trimming_only_deletes(words: list[str], first: bool) -> None:
    text = " ".join(words) + "."
    trimmed = trim(text, first=first)
    assert is_deletion_of(trimmed, text)
    assert trimmed.strip()
