"""The sentence splitter on the cases that break naive splitters."""

from __future__ import annotations

import pytest

from maildigest.summarize.sentences import split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Dr. Smith met Mr. Jones at 3 p.m. on Friday. They talked.",
            ["Dr. Smith met Mr. Jones at 3 p.m. on Friday.", "They talked."],
        ),
        (
            "Prices rose 3.5 per cent in Q2. Analysts expected 2.9.",
            ["Prices rose 3.5 per cent in Q2.", "Analysts expected 2.9."],
        ),
        (
            "The book is by J. R. R. Tolkien. It sold well.",
            ["The book is by J. R. R. Tolkien.", "It sold well."],
        ),
        (
            '"Stop." He left the room. "Why?" she asked.',
            ['"Stop."', "He left the room.", '"Why?" she asked.'],
        ),
        (
            "U.S. officials met the U.K. envoy. Talks went on.",
            ["U.S. officials met the U.K. envoy.", "Talks went on."],
        ),
        ("Wait! Is it true? Yes.", ["Wait!", "Is it true?", "Yes."]),
        ("No full stop at the end", ["No full stop at the end"]),
        ("I. M. Pei designed it.", ["I. M. Pei designed it."]),
        (
            "She translated J.R.R. Tolkien into Welsh at school. She is 71.",
            ["She translated J.R.R. Tolkien into Welsh at school.", "She is 71."],
        ),
        ("Then I. Then you.", ["Then I.", "Then you."]),
    ],
)
def test_boundaries(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph) == expected


def test_caption_glued_to_the_next_sentence_is_split() -> None:
    text = (
        "The goalkeeper warms up before kick-off in Porto The 31-year-old keeper has "
        "kept nine clean sheets this season."
    )
    assert split_sentences(text) == [
        "The goalkeeper warms up before kick-off in Porto",
        "The 31-year-old keeper has kept nine clean sheets this season.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The letter was leaked to The Harbour Gazette on Friday.",
        "He told The Hollywood Reporter that it was over.",
        "He runs The Green Ladder, a rooftop farm in Lyon.",
        "In the garden, She sells sea shells is a tongue twister.",
    ],
)
def test_capitalised_names_mid_sentence_do_not_split(text: str) -> None:
    assert split_sentences(text) == [text]


def test_non_english_text_splits_on_its_own_punctuation() -> None:
    assert split_sentences("Москва — столица России. Там живёт много людей.") == [
        "Москва — столица России.",
        "Там живёт много людей.",
    ]
    assert split_sentences("今天天气很好。我们去公园吧！") == ["今天天气很好。", "我们去公园吧！"]
    assert split_sentences("Él llegó ayer. Ella también llegó.") == [
        "Él llegó ayer.",
        "Ella también llegó.",
    ]
