"""Default method: lead-biased centrality with redundancy-aware selection.

Each sentence scores by how much of the article's recurring vocabulary it
carries (centrality), weighted towards the top of the article (news puts the
key facts first) and towards the headline's words. Sentences are then picked
greedily, penalising overlap with those already picked, and returned in
article order. Everything is counting: linear in article length, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from maildigest.config import Settings
from maildigest.models import Article, Summary
from maildigest.summarize.candidates import Sentence, sentences_of
from maildigest.summarize.tokens import content_words

MIN_WORDS, MAX_WORDS = 6, 60
POSITION_DECAY = 0.08
REDUNDANCY_PENALTY = 0.7
TITLE_WEIGHT = 0.5

_LEADING_FILLER = re.compile(
    r"^(?:well|so|and|but|also|now|meanwhile|however|in simple terms|in short|in other words)"
    r"\s*,?\s+",
    re.I,
)


def summarize(article: Article, count: int, *, settings: Settings | None = None) -> Summary:
    sentences = sentences_of(article)
    candidates = [
        s for s in sentences if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS
    ] or sentences
    frequencies = Counter(word for s in sentences for word in set(s.words))
    title_words = set(content_words(article.title))
    scores = {s.position: _score(s, frequencies, title_words) for s in candidates}
    chosen: list[Sentence] = []
    remaining = list(candidates)
    while remaining and len(chosen) < count:
        best = max(remaining, key=lambda s: (scores[s.position] * _novelty(s, chosen), -s.position))
        chosen.append(best)
        remaining.remove(best)
    chosen.sort(key=lambda s: s.position)
    return Summary(bullets=tuple(s.as_bullet(_trim(s.text)) for s in chosen), method="extractive")


def _score(sentence: Sentence, frequencies: Counter[str], title_words: set[str]) -> float:
    words = set(sentence.words)
    if not words:
        return 0.0
    centrality = sum(math.log1p(frequencies[w] - 1) for w in words) / math.sqrt(len(words))
    title = len(words & title_words) / (len(title_words) or 1)
    position = 1.0 / (1.0 + POSITION_DECAY * sentence.position)
    return (centrality + 1.0) * (1.0 + TITLE_WEIGHT * title) * position


def _novelty(sentence: Sentence, chosen: list[Sentence]) -> float:
    words = set(sentence.words)
    overlap = max(
        (len(words & set(other.words)) / (len(words | set(other.words)) or 1) for other in chosen),
        default=0.0,
    )
    return 1.0 - REDUNDANCY_PENALTY * overlap


def _trim(text: str) -> str:
    """Drop a leading discourse filler ("Well, ..."); never add words."""
    trimmed = _LEADING_FILLER.sub("", text, count=1)
    if trimmed != text and trimmed[:1].islower():
        trimmed = trimmed[0].upper() + trimmed[1:]
    return trimmed
