"""The summarize stage: an ``Article`` in, a few faithful key-point bullets out.

Methods live in a registry so others can be plugged in by name
(``--method``): ``extractive`` (default, offline, deterministic), ``lead``
(the first sentences; a baseline) and ``llm`` (an OpenAI-compatible endpoint,
off unless configured, checked for faithfulness).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from maildigest.errors import ConfigError, NoContentError
from maildigest.models import Article, Summary

if TYPE_CHECKING:
    from maildigest.config import Settings
    from maildigest.progress import Progress

Method = Callable[..., Summary]
"""``method(article, count, *, settings) -> Summary``; ``settings`` may be None."""

DEFAULT_BULLETS = 3
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
MIN_BULLETS, MAX_BULLETS = 1, 10
CONCURRENT_SUMMARIES = 4
"""Articles summarized at once by a method that waits on a server (``llm``)."""
_WAITING_METHODS = frozenset({"llm"})
MAX_BULLET_CHARS = 600
"""Longer bullets are cut at a word with "…": only text with no sentence ends
(megabytes of link text) makes one, and it would blow the email's size budget."""

_REGISTRY: dict[str, str | Method] = {
    "extractive": "maildigest.summarize.extractive:summarize",
    "lead": "maildigest.summarize.lead:summarize",
    "llm": "maildigest.summarize.llm:summarize",
}


def register(name: str, method: str | Method) -> None:
    """Make ``method`` (a callable or a lazy ``"module:function"`` path) available by name."""
    _REGISTRY[name] = method


def methods() -> list[str]:
    return sorted(_REGISTRY)


def get_method(name: str) -> Method:
    try:
        method = _REGISTRY[name]
    except KeyError:
        raise ConfigError(
            f"unknown summary method {name!r} (choose from: {', '.join(methods())})"
        ) from None
    if isinstance(method, str):
        import importlib

        module_name, _, attribute = method.partition(":")
        method = getattr(importlib.import_module(module_name), attribute)
        _REGISTRY[name] = method
    return method


def summarize_article(
    article: Article,
    *,
    bullets: int = DEFAULT_BULLETS,
    method: str = "extractive",
    settings: Settings | None = None,
) -> Summary:
    if not MIN_BULLETS <= bullets <= MAX_BULLETS:
        raise ConfigError(f"bullets must be between {MIN_BULLETS} and {MAX_BULLETS}, not {bullets}")
    summary = get_method(method)(article, bullets, settings=settings)
    if not summary.bullets:
        raise NoContentError(f"no sentences to summarize in {article.origin or article.title!r}")
    if any(len(b.text) > MAX_BULLET_CHARS for b in summary.bullets):
        from maildigest.text import shorten

        bullets = (
            dataclasses.replace(b, text=shorten(b.text, MAX_BULLET_CHARS)) for b in summary.bullets
        )
        summary = dataclasses.replace(summary, bullets=tuple(bullets))
    return summary


def summarize_articles(
    articles: Sequence[Article],
    *,
    bullets: int = DEFAULT_BULLETS,
    method: str = "extractive",
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> list[Summary]:
    """``summarize_article`` for each, in order, each reported to ``progress``; a method
    that waits on a server runs ``CONCURRENT_SUMMARIES`` at a time (local methods gain
    nothing from threads)."""
    from maildigest.progress import Silent

    progress = progress or Silent()

    def one(article: Article) -> Summary:
        return summarize_article(article, bullets=bullets, method=method, settings=settings)

    progress.begin("Summarizing", len(articles))
    try:
        if method not in _WAITING_METHODS or len(articles) < 2:
            summaries = (one(article) for article in articles)
            return [_reported(summary, progress) for summary in summaries]
        with ThreadPoolExecutor(max_workers=CONCURRENT_SUMMARIES) as pool:
            return [_reported(summary, progress) for summary in pool.map(one, articles)]
    finally:
        progress.end()


def _reported(summary: Summary, progress: Progress) -> Summary:
    progress.advance()
    return summary


def summarize_text(text: str, n_sentences: int = DEFAULT_BULLETS) -> list[str]:
    """Bullets for plain text (paragraphs split at blank lines), no cleaning.

    The adapter for scorers that hand over bare article text, e.g.
    ``eval_summaries.py --callable maildigest.summarize:summarize_text``.
    """
    paragraphs = tuple(
        " ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text) if block.strip()
    )
    return summarize_article(Article(title="", paragraphs=paragraphs), bullets=n_sentences).texts
