"""The small typed records that flow between the pipeline's stages.

ingest -> ``Document`` -> clean -> ``Article`` -> summarize -> ``Summary``
-> render -> ``Newsletter`` -> message / preview / send.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": self.src,
            "alt": self.alt,
            "width": self.width,
            "height": self.height,
            "caption": self.caption,
        }


@dataclass(frozen=True)
class Run:
    """A stretch of inline text: plain, emphasised, strong, or a link (http, https, mailto)."""

    text: str
    href: str | None = None
    emphasis: bool = False
    strong: bool = False

    def to_dict(self) -> dict[str, Any]:
        extra = {"href": self.href, "emphasis": self.emphasis, "strong": self.strong}
        return {"text": self.text, **{key: value for key, value in extra.items() if value}}


Runs = tuple[Run, ...]


def plain(runs: Runs) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class TextBlock:
    """A block of inline runs; its ``kind`` says which."""

    runs: Runs
    kind: ClassVar[str] = "paragraph"

    @property
    def text(self) -> str:
        return plain(self.runs)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "runs": [run.to_dict() for run in self.runs]}


class Paragraph(TextBlock):
    kind: ClassVar[str] = "paragraph"


class Quote(TextBlock):
    kind: ClassVar[str] = "quote"


@dataclass(frozen=True)
class Heading(TextBlock):
    """A subheading inside the article (the title is ``Article.title``)."""

    level: int = 2
    kind: ClassVar[str] = "heading"

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "level": self.level}


@dataclass(frozen=True)
class ListBlock:
    """A bullet (or numbered) list: one tuple of runs per item."""

    items: tuple[Runs, ...]
    ordered: bool = False
    start: int = 1
    """The first number of a numbered list."""
    kind: ClassVar[str] = "list"

    @property
    def text(self) -> str:
        return "\n".join(plain(item) for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ordered": self.ordered,
            "start": self.start,
            "items": [[run.to_dict() for run in item] for item in self.items],
        }


@dataclass(frozen=True)
class Figure:
    image: Image
    kind: ClassVar[str] = "figure"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "image": self.image.to_dict()}


Block = Paragraph | Heading | Quote | ListBlock | Figure
"""One piece of an article's structured content (``Article.blocks``)."""


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
    blocks: tuple[Block, ...] = ()
    """The same content with its structure: links, emphasis, subheadings, lists,
    quotes, figures. ``paragraphs`` stays the plain text that summaries read."""

    def body_blocks(self) -> tuple[Block, ...]:
        """``blocks`` when they hold ``paragraphs``; else (an Article built or changed
        with paragraphs only) one plain paragraph block per paragraph."""
        texts = [
            plain(item) if isinstance(block, ListBlock) else block.text
            for block in self.blocks
            if not isinstance(block, Figure)
            for item in (block.items if isinstance(block, ListBlock) else (block.runs,))
        ]
        if len(texts) == len(self.paragraphs) and all(
            paragraph.endswith(text) for paragraph, text in zip(self.paragraphs, texts, strict=True)
        ):
            return self.blocks
        return tuple(Paragraph((Run(paragraph),)) for paragraph in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "author": self.author,
            "source_url": self.source_url,
            "paragraphs": list(self.paragraphs),
            "image": self.image.to_dict() if self.image else None,
            "blocks": [block.to_dict() for block in self.blocks],
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
