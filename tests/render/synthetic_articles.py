"""Synthetic articles for render tests and ``benchmarks/bench_render.py``.

Generated, varied and deterministic (seeded): no dataset text is committed.
The summary is the first sentence of the first paragraphs, so render tests do
not depend on the summarizer, which other work changes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

from maildigest.models import Article, Bullet, Image, Newsletter, Story, Summary

Render = Callable[..., Newsletter]
"""The ``render`` fixture: render(stories=None, count=1, **settings) -> Newsletter."""

WORDS = (
    "council harbour ferry budget school rail bridge energy grid solar wind river flood "
    "museum festival league season match coach players researchers study vaccine clinic "
    "startup funding chip battery camera launch market prices inflation rates housing "
    "tenants election turnout ballot court ruling appeal police report mayor residents "
    "engineers tunnel airport runway exports farmers harvest drought weather storm"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 24))]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), f"{rng.randint(2, 950)}")
    return " ".join(words).capitalize() + "."


def image(number: int) -> Image:
    """A remote https picture (never fetched: tests have no network) with its size."""
    return Image(
        src=f"https://images.news.example.com/2026/12/story-{number}-photo-1200x630.jpg",
        alt=f"Photo for story {number}",
        width=1200,
        height=630,
        caption=f"The scene of story {number}. Photo: Example Agency",
    )


def article(
    number: int, rng: random.Random, *, language: str = "en", with_image: bool = False
) -> Article:
    paragraphs = tuple(
        " ".join(sentence(rng) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(5, 12))
    )
    return Article(
        title=f"Story {number}: {sentence(rng)[:-1][:90]}",
        paragraphs=paragraphs,
        date=dt.date(2024, 1 + number % 12, 1 + number % 28),
        author=rng.choice(["A. Writer", "Sam Reporter", None]),
        source_url=f"https://news.example.com/{2024 + number % 3}/story-{number}",
        site=rng.choice(["Example News", None]),
        language=language,
        image=image(number) if with_image else None,
    )


def story(art: Article, bullets: int = 3) -> Story:
    chosen = tuple(
        Bullet(text=p.split(". ")[0].rstrip(".") + ".", paragraph=i, sentence=0)
        for i, p in enumerate(art.paragraphs[:bullets])
    )
    return Story(article=art, summary=Summary(bullets=chosen, method="test"))


def stories(count: int, seed: int = 0, *, images: bool = False) -> list[Story]:
    rng = random.Random(seed * 1000 + count)
    return [story(article(n, rng, with_image=images)) for n in range(1, count + 1)]


def write_article_files(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Markdown article files with front matter (title, date, author, url) for real builds."""
    rng = random.Random(seed * 1000 + count)
    paths = []
    for n in range(1, count + 1):
        art = article(n, rng)
        assert art.date is not None
        front = [f"title: {art.title}", f"date: {art.date.isoformat()}", f"url: {art.source_url}"]
        if art.author:
            front.append(f"author: {art.author}")
        body = "\n\n".join(art.paragraphs)
        path = folder / f"article-{n:02d}.md"
        path.write_text("---\n" + "\n".join(front) + f"\n---\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths
