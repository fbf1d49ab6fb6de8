"""The clean stage: a ``Document`` in, a clean ``Article`` out.

Named steps, in order: (HTML pages) trafilatura finds the article, its
structure and the page's metadata, or (text, Markdown) repair encoding damage
-> front matter -> split into blocks and read their Markdown syntax with
markdown-it -> read the layout (page chrome, headline,
metadata, boilerplate, link lists, page footer) -> drop teasers and repeated
paragraphs -> the structured blocks that were kept (clean/structure.py).
"""

from __future__ import annotations

import dataclasses
import re

from maildigest.clean.blocks import split_blocks
from maildigest.clean.dedup import drop_duplicates, drop_teasers
from maildigest.clean.header import Header
from maildigest.clean.layout import read_layout
from maildigest.clean.markdown import parse_blocks, split_front_matter
from maildigest.clean.repair import Markup, repair_text
from maildigest.clean.structure import assemble, lead_figure
from maildigest.errors import NoContentError
from maildigest.models import Article, Document, Figure, Format, Image
from maildigest.sanitize import safe_image, safe_url

__all__ = ["clean_document", "clean_text"]

_HAS_WORD = re.compile(r"\w")
PAGE_SNIFF_CHARS = 4096
_WHOLE_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body|title|main|article)[\s>]", re.I)


def clean_document(document: Document) -> Article:
    """Recover the article from one decoded input, or raise ``NoContentError``."""
    known = Header.from_hints(document.hints)
    page_image = None
    # An HTML fragment (paragraphs in <p>, lines ending in <br>) is read as text:
    # its tags become line breaks, and the headline and byline stay visible. Text
    # and Markdown files lose only the formatting tags a scraper left.
    if document.format == "html" and _WHOLE_PAGE.search(document.text[:PAGE_SNIFF_CHARS]):
        from maildigest.clean.html import extract_html

        units, page, page_image = extract_html(document.text, url=document.source_url)
        known = known.merged_with(page)
    else:
        markup: Markup = "html" if document.format == "html" else "remnants"
        front, text = split_front_matter(repair_text(document.text, markup=markup))
        known = known.merged_with(front)
        units = parse_blocks(
            split_blocks(text),
            markdown=document.format == "markdown",
            inline=document.format != "html",  # an HTML fragment's text holds no Markdown
            document=text,
        )
    units = [u for u in units if isinstance(u.content, Figure) or _HAS_WORD.search(u.layout.text)]
    header, body = read_layout(
        [u.layout for u in units if not isinstance(u.content, Figure)], known
    )
    paragraphs = drop_duplicates(drop_teasers(body))
    if not paragraphs:
        raise NoContentError(f"no article content found in {document.origin}")
    title = header.title or _title_from_body(paragraphs)
    blocks = assemble(units, paragraphs)
    # the page's own picture, else the feed entry's, else the article's first figure
    lead = page_image or _hinted_image(document.hints) or lead_figure(blocks)
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        date=header.date,
        author=header.author,
        source_url=safe_url(header.url) or safe_url(document.source_url),
        site=header.site,
        language=header.language or "en",
        origin=document.origin,
        image=dataclasses.replace(lead, alt=lead.alt or title) if lead else None,
        blocks=blocks,
    )


def clean_text(text: str, *, format: Format | None = None, origin: str = "<text>") -> Article:
    """Clean an article given as a string (format detected from the content when not given)."""
    from maildigest.ingest import detect_format

    return clean_document(
        Document(text=text, format=format or detect_format(text, origin), origin=origin)
    )


def _hinted_image(hints: dict[str, str]) -> Image | None:
    """A feed entry's picture carried in the document's hints (see ``sources.feeds.Entry``)."""
    if "image" not in hints:
        return None
    return safe_image(
        hints["image"], hints.get("title", ""), hints.get("image_width"), hints.get("image_height")
    )


def _title_from_body(paragraphs: list[str]) -> str:
    """No headline found: fall back to the first sentence's opening words."""
    words = paragraphs[0].split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
