"""The clean stage: a ``Document`` in, a clean ``Article`` out.

Named steps, in order: (HTML only) trafilatura finds the article and the
page's metadata -> repair encoding damage -> front matter -> split into blocks
and turn Markdown syntax into text -> read the layout (page chrome, headline,
metadata, boilerplate, link lists, page footer) -> drop teasers and repeated
paragraphs.
"""

from __future__ import annotations

import re

from maildigest.clean.blocks import split_blocks
from maildigest.clean.dedup import drop_duplicates, drop_teasers
from maildigest.clean.header import Header
from maildigest.clean.layout import read_layout
from maildigest.clean.markdown import render_block, split_front_matter
from maildigest.clean.repair import repair_text
from maildigest.errors import NoContentError
from maildigest.models import Article, Document, Format
from maildigest.sanitize import safe_url

__all__ = ["clean_document", "clean_text"]

_HAS_WORD = re.compile(r"\w")
PAGE_SNIFF_CHARS = 4096
_WHOLE_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body|title|main|article)[\s>]", re.I)


def clean_document(document: Document) -> Article:
    """Recover the article from one decoded input, or raise ``NoContentError``."""
    known = Header.from_hints(document.hints)
    text = document.text
    if document.format == "html" and _WHOLE_PAGE.search(text[:PAGE_SNIFF_CHARS]):
        from maildigest.clean.html import extract_html

        text, page = extract_html(text, url=document.source_url)
        known = known.merged_with(page)
    # An HTML fragment (paragraphs in <p>, lines ending in <br>) is read as text:
    # its tags become line breaks, and the headline and byline stay visible.
    front, text = split_front_matter(repair_text(text))
    known = known.merged_with(front)
    blocks = [render_block(block) for block in split_blocks(text)]
    header, body = read_layout([b for b in blocks if _HAS_WORD.search(b.text)], known)
    paragraphs = drop_duplicates(drop_teasers(body))
    if not paragraphs:
        raise NoContentError(f"no article content found in {document.origin}")
    return Article(
        title=header.title or _title_from_body(paragraphs),
        paragraphs=tuple(paragraphs),
        date=header.date,
        author=header.author,
        source_url=safe_url(header.url) or safe_url(document.source_url),
        site=header.site,
        language=header.language or "en",
        origin=document.origin,
    )


def clean_text(text: str, *, format: Format | None = None, origin: str = "<text>") -> Article:
    """Clean an article given as a string (format detected from the content when not given)."""
    from maildigest.ingest import detect_format

    return clean_document(
        Document(text=text, format=format or detect_format(text, origin), origin=origin)
    )


def _title_from_body(paragraphs: list[str]) -> str:
    """No headline found: fall back to the first sentence's opening words."""
    words = paragraphs[0].split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
