"""Default method: a learned sentence scorer, then a greedy pick of distinct facts.

Each sentence gets a score from a linear model over general features
(``features.py``: position, length, centrality, headline and lead overlap,
number and name density, quotes, commentary, a leading back-reference), with
weights learned on a training split of the development data by
``benchmarks/train_summary_weights.py`` and shipped as ``weights.json``.
Sentences are then picked greedily by score minus a redundancy penalty
(maximal marginal relevance), under rules about kinds of text:

* page furniture (bylines, timestamps, captions, calls to action) is never picked,
  nor the writer's asides to the reader while the article has enough other sentences;
* a sentence that leans on the one before it ("It was…", "But…") only follows it;
* a sentence that shares most of its words with a bullet already picked, or only
  restates the headline, is the same fact again and is skipped;
* a short article gives fewer bullets rather than padding.

The bullets are trimmed (``trim.py``) and returned in article order. Everything
is counting: linear in article length, no model loaded beyond a few numbers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from maildigest.config import Settings
from maildigest.models import Article, Summary
from maildigest.summarize.candidates import Sentence, sentences_of
from maildigest.summarize.features import FEATURES, article_features
from maildigest.summarize.kinds import is_page_furniture, leans_on_previous, speaks_to_reader
from maildigest.summarize.tokens import content_words
from maildigest.summarize.trim import trim

MIN_WORDS, MAX_WORDS = 6, 60
"""Sentences outside this range are picked only when too few others are left."""
SAME_FACT = 0.6
"""Overlap (shared words over the smaller sentence's words) at which two sentences
are taken to state the same fact."""
RESTATES_HEADLINE = 0.75
"""Share of a sentence's words found in the headline at which it adds nothing."""


@dataclass(frozen=True)
class Model:
    """A linear sentence scorer and the redundancy penalty it was tuned with."""

    weights: tuple[float, ...]
    bias: float
    redundancy: float

    def score(self, row: list[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))


@cache
def shipped_model() -> Model:
    """The weights in ``weights.json`` (written by the training script)."""
    data = json.loads(files("maildigest.summarize").joinpath("weights.json").read_text("utf-8"))
    return model_from(data)


def model_from(data: dict[str, object]) -> Model:
    weights = data["weights"]
    assert isinstance(weights, dict) and tuple(weights) == FEATURES, "weights.json is stale"
    return Model(
        weights=tuple(float(weights[name]) for name in FEATURES),
        bias=float(data["bias"]),  # type: ignore[arg-type]
        redundancy=float(data["redundancy"]),  # type: ignore[arg-type]
    )


def summarize(
    article: Article, count: int, *, settings: Settings | None = None, model: Model | None = None
) -> Summary:
    sentences = sentences_of(article)
    if not sentences:
        return Summary(bullets=(), method="extractive")
    model = model or shipped_model()
    scores = [model.score(row) for row in article_features(article, sentences)]
    # only furniture or back-references: the best sentence there is
    chosen = select(pool_of(sentences, count, article.title), scores, model) or [
        max(sentences, key=lambda s: (scores[s.position], -s.position))
    ]
    return Summary(
        bullets=tuple(s.as_bullet(trim(s.text, first=s.position == 0)) for s in chosen),
        method="extractive",
    )


def bullet_limit(count: int, sentences: int) -> int:
    """At most half of a short article's sentences (rounded up): a summary, not a copy."""
    return min(count, max(1, (sentences + 1) // 2))


@dataclass(frozen=True)
class Pool:
    """The sentences a summary may use, and which of them lean on the one before."""

    sentences: list[Sentence]
    leaning: frozenset[int]
    limit: int


def pool_of(sentences: list[Sentence], count: int, title: str) -> Pool:
    """Drop page furniture, then (while enough are left) odd-sized sentences, the
    writer's asides and headline restatements."""
    limit = bullet_limit(count, len(sentences))
    usable = [s for s in sentences if not is_page_furniture(s.text)]
    sized = [s for s in usable if MIN_WORDS <= len(s.text.split()) <= MAX_WORDS]
    pool = sized if len(sized) >= limit else usable
    # the writer's own asides ("we shared rumours", "you can…") unless that is all there is
    reported = [s for s in pool if not speaks_to_reader(s.text)]
    pool = reported if len(reported) >= limit else pool
    headline = set(content_words(title))
    pool = [s for s in pool if not _restates(s, headline)] or pool
    leaning = frozenset(s.position for s in pool if leans_on_previous(s.text))
    return Pool(pool, leaning, limit)


def select(pool: Pool, scores: list[float], model: Model) -> list[Sentence]:
    """Greedy maximal marginal relevance over the pool, in article order.

    A sentence that leans on the one before it is eligible only once that one is
    picked; one that states the same fact as a picked bullet never is."""
    chosen: list[Sentence] = []
    picked: set[int] = set()
    while len(chosen) < pool.limit:
        best, best_value = None, 0.0
        for s in pool.sentences:
            if s.position in picked or (
                s.position in pool.leaning and s.position - 1 not in picked
            ):
                continue
            overlap = max((_overlap(s, other) for other in chosen), default=0.0)
            if overlap >= SAME_FACT:
                continue
            value = scores[s.position] - model.redundancy * overlap
            if best is None or value > best_value:
                best, best_value = s, value
        if best is None:
            break
        chosen.append(best)
        picked.add(best.position)
    return sorted(chosen, key=lambda s: s.position)


def _overlap(a: Sentence, b: Sentence) -> float:
    words_a, words_b = set(a.words), set(b.words)
    return len(words_a & words_b) / (min(len(words_a), len(words_b)) or 1)


def _restates(sentence: Sentence, headline: set[str]) -> bool:
    words = set(sentence.words)
    return bool(headline and words) and len(words & headline) >= RESTATES_HEADLINE * len(words)
