"""RSS 2.0 and Atom feeds: parse safely with feedparser, pick entries, and turn
each entry into a ``Document`` for the cleaning stage.

Feeds come from strangers, so a feed that declares XML entities is refused
before parsing (the "billion laughs" and quadratic-blowup attacks need them);
feedparser itself never fetches anything here: it is handed bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from maildigest.errors import InputError
from maildigest.models import Document, Image

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z]")


@dataclass(frozen=True)
class Entry:
    """One feed item, with what the feed says about it."""

    origin: str
    """The entry's link, or ``<feed>#<id>`` without one: names it in messages and in the seen-state."""
    title: str
    link: str | None
    published: dt.datetime | None
    author: str | None
    content: str | None
    """Full article HTML when the feed carries it (content:encoded, Atom content)."""
    summary: str | None
    site: str | None
    image: Image | None = None
    """The entry's picture (media:content, media:thumbnail or an image enclosure), https only."""

    def hints(self) -> dict[str, str]:
        """Metadata that fills the gaps the cleaned page leaves."""
        image = self.image
        hints = {
            "title": self.title,
            "date": self.published.date().isoformat() if self.published else "",
            "author": self.author or "",
            "url": self.link or "",
            "site": self.site or "",
            "image": image.src if image else "",
            "image_width": str(image.width or "") if image else "",
            "image_height": str(image.height or "") if image else "",
        }
        return {key: value for key, value in hints.items() if value}

    def own_text(self) -> str | None:
        """The feed's own text for the entry (its content, else its summary) when that
        holds at least one paragraph of prose: what a digest falls back on when the
        entry's page cannot be used."""
        for text in (self.content, self.summary):
            if text and holds_paragraph(text):
                return text
        return None

    def document(self, body: str | None = None) -> Document:
        """The entry as an HTML document: its own content, or ``body`` (e.g. its summary)."""
        page = (
            f"<html><head><title>{html.escape(self.title)}</title></head><body><article>"
            f"<h1>{html.escape(self.title)}</h1>{body or self.content or ''}</article></body></html>"
        )
        return Document(
            text=page, format="html", origin=self.origin, source_url=self.link, hints=self.hints()
        )


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]


def parse_feed(data: bytes, origin: str, *, base_url: str | None = None) -> Feed:
    """Parse an RSS/Atom document; ``InputError`` when it is unsafe or not a feed."""
    import feedparser

    _refuse_entities(data, origin)
    headers = {"content-location": base_url} if base_url else {}
    # A stream, never bytes or str: feedparser would treat a short string as a path or URL.
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(
            f"{origin} is not a readable RSS or Atom feed" + (f" ({reason})" if reason else "")
        )
    site = _clean(parsed.feed.get("title"))
    entries = tuple(
        _entry(item, origin, position, site) for position, item in enumerate(parsed.entries, 1)
    )
    return Feed(title=site, entries=entries)


def _refuse_entities(data: bytes, origin: str) -> None:
    import defusedxml
    import defusedxml.ElementTree as safe_tree

    try:
        safe_tree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise InputError(
            f"{origin} declares XML entities; refused (entity-expansion risk)"
        ) from None
    except safe_tree.ParseError:
        # not well-formed: feedparser's lenient parser still honours declared entities
        root = _FIRST_ELEMENT.search(data)
        if _ENTITY_DECLARATION.search(data[: root.start() if root else len(data)]):
            raise InputError(
                f"{origin} declares XML entities; refused (entity-expansion risk)"
            ) from None


def _entry(item: Any, feed_origin: str, position: int, site: str | None) -> Entry:
    link = item.get("link") or None
    if link and urlsplit(link).scheme.lower() not in ("http", "https"):
        link = None  # a javascript: or file: link must not reach the newsletter
    title = _clean(item.get("title")) or f"Entry {position} of {feed_origin}"
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC) if stamp else None
    author = _clean((item.get("author_detail") or {}).get("name") or item.get("author"))
    contents = [c for c in item.get("content", []) if (c.get("value") or "").strip()]
    image = _entry_image(item, title)
    content = max(contents, key=lambda c: len(c["value"]), default=None)
    return Entry(
        origin=link or f"{feed_origin}#{item.get('id') or position}",
        title=title,
        link=link,
        published=published,
        author=author,
        content=_as_html(content["value"], content.get("type", "")) if content else None,
        summary=_as_html(
            item.get("summary", ""), (item.get("summary_detail") or {}).get("type", "")
        )
        or None,
        site=site,
        image=image,
    )


def _entry_image(item: Any, title: str) -> Image | None:
    """The first usable picture the entry names: media:content of an image type,
    media:thumbnail, then an image enclosure (remote https only, never fetched)."""
    from maildigest.sanitize import safe_image

    candidates = [
        *(
            (m.get("url"), m.get("width"), m.get("height"))
            for m in item.get("media_content", [])
            if m.get("medium") == "image" or str(m.get("type", "")).startswith("image/")
        ),
        *((m.get("url"), m.get("width"), m.get("height")) for m in item.get("media_thumbnail", [])),
        *(
            (link.get("href"), None, None)
            for link in item.get("links", [])
            if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")
        ),
    ]
    return next(
        (image for src, w, h in candidates if (image := safe_image(src, title, w, h))), None
    )


def holds_paragraph(fragment: str) -> bool:
    """Whether an HTML fragment holds at least one paragraph of article prose."""
    import lxml.html

    from maildigest.clean.layout import is_body

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return False
    blocks = root.xpath(".//p | .//li | .//blockquote") or [root]
    return any(is_body(" ".join(block.text_content().split())) for block in blocks)


def _as_html(value: str, mime: str) -> str:
    if not value.strip():
        return ""
    if "html" in mime:
        return value
    return "".join(
        f"<p>{html.escape(part)}</p>" for part in re.split(r"\n\s*\n", value) if part.strip()
    )


def _clean(value: str | None) -> str | None:
    """Feed titles may carry markup and entities; keep one line of text."""
    if not value:
        return None
    import nh3

    text = html.unescape(nh3.clean(value, tags=set()))  # an HTML5 parser: "5 < 6" stays text
    return " ".join(text.split()) or None


def select_entries(
    entries: Collection[Entry],
    *,
    since: dt.date | None = None,
    limit: int = 0,
    order: str = "newest",
    seen: Collection[str] = (),
) -> tuple[list[Entry], int]:
    """Entries to build, in digest order, and how many were left out by the filters.

    Undated entries pass ``since`` (nothing says they are old) and sort last.
    """
    chosen = [
        e for e in entries if since is None or e.published is None or e.published.date() >= since
    ]
    chosen = [e for e in chosen if e.origin not in seen]
    if order != "feed":
        dated = sorted(
            (e for e in chosen if e.published), key=lambda e: e.published, reverse=order == "newest"
        )
        chosen = dated + [e for e in chosen if e.published is None]
    kept = chosen[:limit] if limit > 0 else chosen
    return kept, len(entries) - len(kept)
