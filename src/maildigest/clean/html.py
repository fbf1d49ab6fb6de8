"""HTML pages: trafilatura finds the article and the page's metadata."""

from __future__ import annotations

import re

from maildigest.clean.dates import parse_date
from maildigest.clean.header import Header

_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I
)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)"
    r"[^>]*?\bcontent\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)",
    re.I,
)
HEAD_SNIFF_CHARS = 8192
LARGE_PAGE_CHARS = 2_000_000
"""Above this size trafilatura runs without its fallback extractors (see extract_html)."""


def page_language(page: str) -> str | None:
    """The page's declared language (``<html lang>``, Content-Language, og:locale):
    trafilatura only reports a language when a language detector is installed."""
    head = page[:HEAD_SNIFF_CHARS]
    found = _HTML_LANG.search(head) or _META_LANG.search(head)
    return found["lang"].replace("_", "-") if found else None


def extract_html(page: str, *, url: str | None = None) -> tuple[str, Header]:
    """The article's text (paragraphs separated by blank lines) and its metadata."""
    import trafilatura

    from maildigest.sanitize import prepare_page
    from maildigest.unicode import shield, unshield

    large = len(page) > LARGE_PAGE_CHARS
    # trafilatura drops every non-printable character, joiners included: shielded,
    # they survive it (a Persian word, a family emoji); unshield restores them.
    prepared = prepare_page(
        shield(page)
    )  # depth capped and body sanitized: no text lost to odd markup
    extracted = trafilatura.bare_extraction(
        prepared,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        # trafilatura's deduplication keeps a process-wide cache: the third extraction of
        # the same page came back empty. Repeated paragraphs are dropped by clean/dedup.py.
        deduplicate=False,
        # On very large pages the fallback extractors and metadata search over the whole
        # page cost more than the main extractor itself (43 s of 60 s on a 20 MB page):
        # skip the fallbacks and read the metadata from the page's first part only.
        fast=large,
        with_metadata=not large,
    )
    if extracted is None:
        return "", Header()
    meta = extracted
    if large:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(prepared[:LARGE_PAGE_CHARS], default_url=url, extensive=False)
    text = unshield(extracted.text or "").replace("\n", "\n\n")
    header = Header(
        title=unshield(meta.title) if meta.title else None,
        date=parse_date(meta.date),
        author=unshield(meta.author) if meta.author else None,
        url=meta.url or url,
        site=unshield(meta.sitename) if meta.sitename else None,
        language=meta.language or page_language(page),
    )
    return text, header
