"""The small typed records that flow between the pipeline's stages.

ingest -> ``Document`` -> clean -> ``Article`` -> summarize -> ``Summary``
-> render -> ``Newsletter`` -> message / preview / send.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Format = Literal["text", "markdown", "html"]


@dataclass(frozen=True)
class Document:
    """Decoded input text plus what we know of where it came from."""

    text: str
    format: Format
    origin: str
    """File path, URL or ``<stdin>``: used in messages, never trusted as a link."""
    source_url: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    """Metadata known before cleaning (e.g. a feed entry's title, date, author)."""


@dataclass(frozen=True)
class Image:
    """A remote picture for a story: an https URL, never fetched or embedded at build time."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None
    caption: str | None = None


@dataclass(frozen=True)
class Article:
    """A clean article: every real paragraph, in order, and its metadata."""

    title: str
    paragraphs: tuple[str, ...]
    date: dt.date | None = None
    author: str | None = None
    source_url: str | None = None
    site: str | None = None
    language: str = "en"
    origin: str = ""
    image: Image | None = None
    """The story's lead image (page ``og:image``, feed media, or first content figure)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "author": self.author,
            "source_url": self.source_url,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class Bullet:
    """One key point, with the place in the article it was taken from."""

    text: str
    paragraph: int
    sentence: int
    """Index of the sentence within its paragraph."""


@dataclass(frozen=True)
class Summary:
    bullets: tuple[Bullet, ...]
    method: str

    @property
    def texts(self) -> list[str]:
        return [b.text for b in self.bullets]


@dataclass(frozen=True)
class Story:
    """An article and its summary: one section of the newsletter."""

    article: Article
    summary: Summary
    full_text: bool = True
    """False when the size budget forced this story down to title + bullets + link."""


@dataclass(frozen=True)
class Newsletter:
    subject: str
    preheader: str
    stories: tuple[Story, ...]
    html: str
    text: str
    notices: tuple[str, ...] = ()
    """One-line notes for the user, e.g. what the size budget did."""
    web: str = ""
    """The same issue as a standalone web page (``web.html``)."""

    def digest(self) -> dict[str, Any]:
        """The ``digest.json`` record."""
        return {
            "subject": self.subject,
            "preheader": self.preheader,
            "articles": [
                {**story.article.to_dict(), "bullets": story.summary.texts}
                for story in self.stories
            ],
        }
