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
        # nothing to trim
        "The council approved the new bridge after a two-year review.",
    ],
)
def test_content_is_kept(text: str) -> None:
    assert trim(text) == text


_WORDS = st.sampled_from(
    "the police said (pictured) according to however , : -- (CNN) Well And LONDON "
    "officials told reporters on Monday bridge 3.5 closed was in June he".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=30), st.booleans())
def test_trimming_only_deletes(words: list[str], first: bool) -> None:
    text = " ".join(words) + "."
    trimmed = trim(text, first=first)
    assert is_deletion_of(trimmed, text)
    assert trimmed.strip()
