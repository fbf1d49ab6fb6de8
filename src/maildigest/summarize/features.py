"""What the extractive scorer knows about a sentence: a handful of general features.

Each is a number in a small range computed by counting, so a whole article
costs one pass: where the sentence sits, how long it is, how central its
vocabulary is to the article, how much it shares with the headline and the
opening sentence, how dense it is in numbers and names, how much of it is
quotation or commentary. Their weights are learned offline
(``benchmarks/train_summary_weights.py``) and shipped as ``weights.json``.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from maildigest.models import Article
from maildigest.summarize.candidates import Sentence
from maildigest.summarize.kinds import leans_on_previous, quote_share, speaks_to_reader
from maildigest.summarize.tokens import content_words

FEATURES = (
    "first",
    "position",
    "relative_position",
    "paragraph_start",
    "length",
    "short",
    "centrality",
    "centroid",
    "headline",
    "lead_overlap",
    "numbers",
    "names",
    "quotes",
    "commentary",
    "leans_back",
)
LENGTH_SCALE = 30
"""Words at which ``length`` reaches 1 (it is capped at 2)."""
SHORT_WORDS = 8
_NUMBER = re.compile(r"\d[\d,.:]*")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]+")


def article_features(article: Article, sentences: list[Sentence]) -> list[list[float]]:
    """One feature vector per sentence, in ``FEATURES`` order."""
    frequencies = Counter(word for s in sentences for word in set(s.words))
    centroid = Counter(word for s in sentences for word in s.words)
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    headline = set(content_words(article.title))
    lead = set(sentences[0].words) if sentences else set()
    paragraphs = len(article.paragraphs) > 1
    total = max(1, len(sentences) - 1)
    rows = []
    for s in sentences:
        words = set(s.words)
        tokens = s.text.split()
        n = len(tokens) or 1
        counts = Counter(s.words)
        norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
        rank = s.paragraph + 0.5 * s.index if paragraphs else s.position
        rows.append(
            [
                float(s.position == 0),
                1.0 / (1.0 + 0.25 * rank),
                s.position / total,
                float(paragraphs and s.index == 0),
                min(2.0, n / LENGTH_SCALE),
                float(n < SHORT_WORDS),
                sum(math.log1p(frequencies[w] - 1) for w in words) / len(words) if words else 0.0,
                sum(v * centroid[w] for w, v in counts.items()) / (norm * centroid_norm),
                len(words & headline) / len(headline) if headline else 0.0,
                len(words & lead) / (len(lead) or 1) if s.position else 0.0,
                len(_NUMBER.findall(s.text)) / n,
                len(_NAME.findall(" " + " ".join(tokens[1:]))) / n,
                quote_share(s.text),
                float(speaks_to_reader(s.text)),
                float(leans_on_previous(s.text)),
            ]
        )
    return rows
