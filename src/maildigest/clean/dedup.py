"""Drop repeated paragraphs: exact copies, near-copies (a typo, other quotes
or spacing) and teasers (the opening of a paragraph cut off with "…").
Keeps the first occurrence, so order is preserved and the result depends only
on the input."""

from __future__ import annotations

import re
import unicodedata

NEAR_DUPLICATE_SIMILARITY = 90.0
"""rapidfuzz ratio (0-100) at or above which two paragraphs are the same paragraph."""
TEASER_MIN_CHARS = 20
"""A cut-off opening must be at least this long to count as a teaser of a paragraph."""

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\W*$")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def drop_duplicates(paragraphs: list[str]) -> list[str]:
    from rapidfuzz import fuzz

    kept: list[str] = []
    seen_exact: set[str] = set()
    seen: list[str] = []
    for paragraph in paragraphs:
        key = normalise(paragraph)
        if key in seen_exact:
            continue
        if any(
            _comparable(key, other) and fuzz.ratio(key, other) >= NEAR_DUPLICATE_SIMILARITY
            for other in seen
        ):
            continue
        seen_exact.add(key)
        seen.append(key)
        kept.append(paragraph)
    return kept


def drop_teasers(paragraphs: list[str]) -> list[str]:
    """Drop ``The opening words of a paragraph...`` when that paragraph is present."""
    from rapidfuzz import fuzz

    keys = [normalise(p) for p in paragraphs]
    kept = []
    for index, paragraph in enumerate(paragraphs):
        if _ELLIPSIS.search(paragraph):
            stem = normalise(_ELLIPSIS.sub("", paragraph))
            if len(stem) >= TEASER_MIN_CHARS and any(
                other != index
                and len(keys[other]) > len(stem)
                and fuzz.ratio(stem, keys[other][: len(stem)]) >= NEAR_DUPLICATE_SIMILARITY
                for other in range(len(paragraphs))
            ):
                continue
        kept.append(paragraph)
    return kept


def _comparable(a: str, b: str) -> bool:
    """Skip pairs whose lengths alone rule out a near-duplicate (cheap pre-filter)."""
    shorter, longer = sorted((len(a), len(b)))
    return longer > 0 and shorter / longer >= 0.8 and shorter >= 20
