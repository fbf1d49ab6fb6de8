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
            "(CNN)Sofia Vergara's ex-fiance is speaking out about their dispute.",
            True,
            "Sofia Vergara's ex-fiance is speaking out about their dispute.",
        ),
        (
            "LONDON, England (Reuters) -- The Bank of England held rates at 5 per cent.",
            True,
            "The Bank of England held rates at 5 per cent.",
        ),
        (
            "WASHINGTON — Congress passed the budget bill late on Friday night.",
            True,
            "Congress passed the budget bill late on Friday night.",
        ),
        (
            "The storm cut power to 20,000 homes on the coast, officials said.",
            False,
            "The storm cut power to 20,000 homes on the coast.",
        ),
        (
            "The plant will close in June, according to the company's annual report.",
            False,
            "The plant will close in June.",
        ),
        (
            "Melbourne singer Daniel Buccheri (pictured) left guests at the wedding in tears.",
            False,
            "Melbourne singer Daniel Buccheri left guests at the wedding in tears.",
        ),
        (
            "Retro: The original 1959 doll goes back on sale this Saturday.",
            False,
            "The original 1959 doll goes back on sale this Saturday.",
        ),
        (
            "And here is the headline: their collaboration with Leica is now official.",
            False,
            "Their collaboration with Leica is now official.",
        ),
        (
            "However, the company expects sales to recover next year.",
            False,
            "The company expects sales to recover next year.",
        ),
        (
            "Incredibly, customers can buy the doll for the original price of $3.",
            False,
            "Customers can buy the doll for the original price of $3.",
        ),
        (
            "Her hands had been tied with a typewriter cord, say local police.",
            False,
            "Her hands had been tied with a typewriter cord.",
        ),
        (
            "BALL OF THE CENTURY Benaud talked viewers through Warne's first delivery.",
            False,
            "Benaud talked viewers through Warne's first delivery.",
        ),
    ],
)
def test_low_content_spans_are_cut(text: str, first: bool, expected: str) -> None:
    assert trim(text, first=first) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a dateline is only a dateline at the top of the article
        "(CNN) was the first network to report it live from the scene.",
        # "He said:" introduces the quote, it is not a caption label
        "He said: 'We strive to be able to pay our obligations on time.'",
        # too little would be left
        "Rates rose, the bank said.",
        # a hedge is part of the claim
        "Reportedly, the minister will resign before the end of the month.",
        # a name, not an adverb
        "Beverly, a nurse from Leeds, was the first to reach the injured man.",
        # nothing to trim
        "The council approved the new bridge after a two-year review.",
    ],
)
def test_content_is_kept(text: str) -> None:
    assert trim(text) == text


LONG = (
    "Speaking in the latest issue of the magazine, the 54-year-old actress, who stars as "
    "a fictional president in the hit comedy show, was quick to note the scrutiny the "
    "former senator has faced over her hairstyles over the years, while also leaping to "
    "her defence."
)


def test_long_bullets_lose_secondary_clauses() -> None:
    # the relative clause goes first; then the bullet fits and the rest stays
    assert trim(LONG) == (
        "Speaking in the latest issue of the magazine, the 54-year-old actress was quick to "
        "note the scrutiny the former senator has faced over her hairstyles over the years, "
        "while also leaping to her defence."
    )
    # still too long without a relative clause: the opening clause goes too
    longer = LONG.replace(", who stars as a fictional president in the hit comedy show,", "")
    longer = longer.replace("the years", "the many long years of her career in public life")
    assert trim(longer) == (
        "The 54-year-old actress was quick to note the scrutiny the former senator has faced "
        "over her hairstyles over the many long years of her career in public life, while also "
        "leaping to her defence."
    )


@pytest.mark.parametrize(
    "text",
    [
        # the "which" clause is an item of a list: its end is not the clause's end
        "West Mercia Police last night said it was investigating reports of a breach of the "
        "Representation of the People Act 1983, which bans election candidates from providing "
        "food, drink or entertainment in a bid to win votes in the coming general election.",
        # three dashes: which two bound the aside is unclear
        "The festival – a colourful party that shut down streets – drew crowds as Wellington "
        "Batucada – a community percussion group from the city's south – brought samba to "
        "Cuba Street with late night revellers eager to be part of it.",
    ],
)
def test_ambiguous_clauses_are_kept(text: str) -> None:
    assert trim(text) == text


def test_short_bullets_keep_their_clauses() -> None:
    text = "The performer, who was also a guitarist, was first diagnosed with cancer in 1990."
    assert trim(text) == text


_WORDS = st.sampled_from(
    "the police said (pictured) according to however , : -- – (CNN) Well And LONDON who "
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
