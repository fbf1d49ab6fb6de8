"""The clean stage: a ``Document`` in, a clean ``Article`` out.

Named steps, in order (trafilatura-style): repair text -> format-specific
parsing into blocks (HTML via trafilatura, Markdown via markdown-it) -> header
(title, date, byline) -> drop metadata and boilerplate lines -> drop repeated
paragraphs -> drop dangling fragments.
"""

from __future__ import annotations

from maildigest.callable_module import make_callable
from maildigest.clean.blocks import split_blocks
from maildigest.clean.dedup import drop_duplicates
from maildigest.clean.header import Header, read_header
from maildigest.clean.lines import drop_noise, drop_trailing_fragments
from maildigest.clean.repair import repair_text
from maildigest.errors import NoContentError
from maildigest.models import Article, Document

__all__ = ["clean_document"]


def clean_document(document: Document) -> Article:
    """Recover the article from one decoded input, or raise ``NoContentError``."""
    meta = Header()
    text = document.text
    if document.format == "html":
        from maildigest.clean.html import extract_html

        text, meta = extract_html(text, url=document.source_url)
    elif document.format == "markdown":
        from maildigest.clean.markdown import markdown_to_text

        text, meta = markdown_to_text(text)
    blocks = split_blocks(repair_text(text))
    header, body = read_header(blocks)
    meta = meta.merged_with(header).merged_with(Header.from_hints(document.hints))
    paragraphs = drop_trailing_fragments(drop_duplicates(drop_noise(body, title=meta.title)))
    if not paragraphs:
        raise NoContentError(f"no article content found in {document.origin}")
    return Article(
        title=meta.title or _title_from_body(paragraphs),
        paragraphs=tuple(paragraphs),
        date=meta.date,
        author=meta.author,
        source_url=meta.url or document.source_url,
        site=meta.site,
        language=meta.language or "en",
        origin=document.origin,
    )


def _title_from_body(paragraphs: list[str]) -> str:
    """No headline found: fall back to the first sentence's opening words."""
    words = paragraphs[0].split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


# ``maildigest.clean(source)`` is the library's entry point (see callable_module).
make_callable(__name__, "maildigest.pipeline:clean")
