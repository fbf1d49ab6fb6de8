"""Default method: lead-biased centrality with redundancy-aware selection.

Each sentence scores by how much of the article's recurring vocabulary it
carries (centrality) and by the headline's words, weighted towards the top of
the article (news puts the key facts first). Sentences that carry little news
score less: direct quotes, first-person or reader-directed asides ("we shared
rumours", "stay tuned"), questions, image captions. Sentences are then picked
greedily (maximal marginal relevance: the score times how much is new against
those already picked), trimmed of low-content spans, and returned in
**article order**. Everything is counting: linear in article length, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from maildigest.config import Settings
from maildigest.models import Article, Summary
from maildigest.summarize.candidates import Sentence, sentences_of
from maildigest.summarize.tokens import content_words
from maildigest.summarize.trim import trim

MIN_WORDS, MAX_WORDS = 6, 60
POSITION_DECAY = 0.25
SENTENCE_STEP = 0.5
"""Position step of a sentence within a paragraph, against 1.0 for a new paragraph."""
REDUNDANCY_PENALTY = 1.0
TITLE_WEIGHT = 1.0
CENTRALITY_WEIGHT = 3.0
QUOTE_PENALTY = 0.6
ASIDE_PENALTY = 0.8
CAPTION_PENALTY = 0.6

_QUOTED = re.compile(r"[\"“”‘’']([^\"“”]{12,600}?)[\"“”’'](?=[\s,.;:!?]|$)")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|me|my|My|you|You|your|Your)\b")
# Conversational openers mark commentary rather than reported fact.
_CHATTY_OPENER = re.compile(
    r"^(?:well|so|basically|honestly|in simple terms|in short|in other words|anyway)\b\s*,",
    re.I,
)
_CAPTION = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file)[^()]*\)"
    r"|\b(?:pictured|seen here|file picture|file photo|scroll down)\b",
    re.I,
)


def summarize(article: Article, count: int, *, settings: Settings | None = None) -> Summary:
    sentences = sentences_of(article)
    # Very short or very long sentences make poor bullets: use them only when the
    # article has too few others.
    candidates = [s for s in sentences if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS]
    if len(candidates) < count:
        candidates = sentences
    frequencies = Counter(word for s in sentences for word in set(s.words))
    step = SENTENCE_STEP if len(article.paragraphs) > 1 else 1.0
    scores = {s.position: _score(s, frequencies, step) for s in candidates}
    headline = set(content_words(article.title))
    chosen: list[Sentence] = []
    remaining = list(candidates)
    while remaining and len(chosen) < count:
        covered = headline & {w for s in chosen for w in s.words}

        def gain(s: Sentence, covered: set[str] = covered) -> tuple[float, int]:
            fresh = len((headline - covered) & set(s.words)) / (len(headline) or 1)
            value = scores[s.position] * (1.0 + TITLE_WEIGHT * fresh) * _novelty(s, chosen)
            return value, -s.position

        best = max(remaining, key=gain)
        chosen.append(best)
        remaining.remove(best)
    chosen.sort(key=lambda s: s.position)
    return Summary(
        bullets=tuple(s.as_bullet(trim(s.text, first=s.position == 0)) for s in chosen),
        method="extractive",
    )


def _score(sentence: Sentence, frequencies: Counter[str], step: float) -> float:
    """Relevance before selection: centrality x position x news value."""
    words = set(sentence.words)
    if not words:
        return 0.0
    # density: the mean weight of its words, so a long sentence is not central
    # merely for being long
    centrality = sum(math.log1p(frequencies[w] - 1) for w in words) / len(words)
    # A paragraph break marks a new point more surely than a sentence break; an
    # article in one block (no paragraph breaks known) has only sentences to go by.
    rank = sentence.paragraph + step * sentence.index
    position = 1.0 / (1.0 + POSITION_DECAY * rank)
    return (1.0 + CENTRALITY_WEIGHT * centrality) * position * _news_value(sentence.text)


def _news_value(text: str) -> float:
    """1.0 for a plain reported sentence; less for quotes, asides, questions, captions."""
    value = 1.0
    quoted = sum(len(m.group(1)) for m in _QUOTED.finditer(text))
    if quoted > 0.5 * len(text):
        value *= 1.0 - QUOTE_PENALTY
    unquoted = _QUOTED.sub(" ", text)
    if (
        _FIRST_PERSON.search(unquoted)
        or _CHATTY_OPENER.match(unquoted)
        or unquoted.rstrip("\"'”’ ").endswith(("?", "!"))
    ):
        value *= 1.0 - ASIDE_PENALTY
    if _CAPTION.search(text):
        value *= 1.0 - CAPTION_PENALTY
    return value


def _novelty(sentence: Sentence, chosen: list[Sentence]) -> float:
    words = set(sentence.words)
    overlap = max(
        (len(words & set(other.words)) / (len(words | set(other.words)) or 1) for other in chosen),
        default=0.0,
    )
    return 1.0 - REDUNDANCY_PENALTY * overlap
