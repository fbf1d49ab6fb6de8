"""The lead baseline: the article's first sentences."""

from __future__ import annotations

from maildigest.config import Settings
from maildigest.models import Article, Summary
from maildigest.summarize.candidates import sentences_of


def summarize(article: Article, count: int, *, settings: Settings | None = None) -> Summary:
    chosen = sentences_of(article)[:count]
    return Summary(bullets=tuple(s.as_bullet() for s in chosen), method="lead")
