"""Tell what an input is from its name or first bytes, without loading the modules
that read it: feeds and fetching are imported only when an input needs them."""

from __future__ import annotations

import re

FEED_ORDERS: tuple[str, ...] = ("newest", "oldest", "feed")
_FEED_SNIFF = re.compile(
    rb"^(?:\s|<\?xml[^>]*\?>|<\?xml-stylesheet[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*"
    rb"<(?:rss|feed|rdf:RDF)[\s>]",
    re.S | re.I,
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """True for anything shaped like ``scheme://…`` (http(s) or not: others get refused)."""
    return bool(_URL.match(text))


def looks_like_feed(data: bytes) -> bool:
    """An RSS/Atom/RDF root element at the top, whatever the file name or Content-Type says."""
    return bool(_FEED_SNIFF.match(data[:4096].removeprefix(b"\xef\xbb\xbf")))
