"""The article's sentences with their provenance, shared by every method."""

from __future__ import annotations

from dataclasses import dataclass

from maildigest.models import Article, Bullet
from maildigest.summarize.sentences import split_sentences
from maildigest.summarize.tokens import content_words


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
        for s, text in enumerate(split_sentences(paragraph)):
            found.append(Sentence(text, p, s, len(found), tuple(content_words(text))))
    return found
