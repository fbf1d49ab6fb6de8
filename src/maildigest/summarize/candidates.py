"""The article's sentences with their provenance, shared by every method."""

from __future__ import annotations

import re
from dataclasses import dataclass

from maildigest.models import Article, Bullet
from maildigest.summarize.sentences import split_sentences
from maildigest.summarize.tokens import content_words

_HAS_WORD = re.compile(r"[^\W_]")
"""A "sentence" of only punctuation or symbols ("...", "***") is not one."""


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    index: int
    """Index within its paragraph."""
    position: int
    """Index within the whole article."""
    words: tuple[str, ...]

    def as_bullet(self, text: str | None = None) -> Bullet:
        return Bullet(text=text or self.text, paragraph=self.paragraph, sentence=self.index)


def sentences_of(article: Article) -> list[Sentence]:
    found: list[Sentence] = []
    for p, paragraph in enumerate(article.paragraphs):
        texts = [text for text in split_sentences(paragraph) if _HAS_WORD.search(text)]
        for s, text in enumerate(texts):
            found.append(Sentence(text, p, s, len(found), tuple(content_words(text))))
    return found
