"""Drop repeated paragraphs: exact copies, near-copies (a typo, other quotes
or spacing), teasers (the opening of a paragraph cut off with "…") and pull
quotes (a sentence of a paragraph set on its own line, as magazines and long
reads do).
Keeps the first occurrence, so order is preserved and the result depends only
on the input."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

NEAR_DUPLICATE_SIMILARITY = 90.0
"""rapidfuzz ratio (0-100) at or above which two paragraphs are the same paragraph."""
EXHAUSTIVE_LIMIT = 500
"""Up to this many paragraphs every pair is compared; beyond it (huge inputs),
only pairs sharing an anchor, so the cost stays near-linear."""
ANCHOR_CHARS = 12
TEASER_MIN_CHARS = 20
TRUNCATED_MIN_CHARS = 40
"""A cut-off opening must be at least this long to count as a teaser of a paragraph."""
TRUNCATED_MIN_SHARE = 0.5
"""A repeat cut off after at least this share of the paragraph is still a repeat."""
PULL_QUOTE_WORDS = (5, 45)
"""A pull quote is a sentence or two; shorter repeats (a name, a label) are left alone."""
PULL_QUOTE_WINDOW = 15
"""A pull quote stands within this many paragraphs of the one it quotes, so a
long page costs linear time."""

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\W*$")
_ENDS_SENTENCE = re.compile(r"[.!?…\"'”’»]\W*$")
"""A pull quote is a sentence or a quotation; a repeated name or heading is not."""
_ATTRIBUTION = re.compile(r"\s+[—–-]{1,2}\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")
"""``"…" — Jo Lee``: who said it, after the quote."""


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def drop_duplicates(paragraphs: list[str]) -> list[str]:
    from rapidfuzz import fuzz

    exhaustive = len(paragraphs) <= EXHAUSTIVE_LIMIT
    kept: list[str] = []
    seen_exact: set[str] = set()
    seen: list[str] = []
    by_anchor: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        key = normalise(paragraph)
        if key in seen_exact:
            continue
        others = seen if exhaustive else [o for a in _anchors(key) for o in by_anchor.get(a, ())]
        if any(_is_copy(key, other, fuzz.ratio) for other in others):
            continue
        seen_exact.add(key)
        kept.append(paragraph)
        if exhaustive:
            seen.append(key)
        else:
            for anchor in _anchors(key):
                by_anchor.setdefault(anchor, []).append(key)
    return kept


def _anchors(key: str) -> set[str]:
    """Start, middle and end of a paragraph: a near-copy with a typo or two still
    shares at least one of them, so huge inputs compare only likely pairs."""
    middle = len(key) // 2
    return {key[:ANCHOR_CHARS], key[middle : middle + ANCHOR_CHARS], key[-ANCHOR_CHARS:]}


def drop_teasers(paragraphs: list[str]) -> list[str]:
    """Drop excerpts shown on their own when the paragraph they come from is
    present: ``The opening words of a paragraph...`` and pull quotes."""
    from rapidfuzz import fuzz

    keys = [normalise(p) for p in paragraphs]
    padded = [f" {key} " for key in keys]
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
        if _is_pull_quote(index, paragraph, padded):
            continue
        kept.append(paragraph)
    return kept


def _is_pull_quote(index: int, paragraph: str, padded: list[str]) -> bool:
    """A sentence or quotation whose words appear, in order, inside a longer
    paragraph nearby (``padded``: the normalised paragraphs between spaces)."""
    if not PULL_QUOTE_WORDS[0] <= paragraph.count(" ") + 1 <= PULL_QUOTE_WORDS[1] + 4:
        return False  # the cheap test first (+4: room for an attribution)
    quote = _ATTRIBUTION.sub("", paragraph)
    if not _ENDS_SENTENCE.search(quote):
        return False
    key = padded[index] if quote == paragraph else f" {normalise(quote)} "
    if not PULL_QUOTE_WORDS[0] <= key.count(" ") - 1 <= PULL_QUOTE_WORDS[1]:
        return False
    nearby = range(
        max(0, index - PULL_QUOTE_WINDOW), min(len(padded), index + PULL_QUOTE_WINDOW + 1)
    )
    return any(o != index and len(padded[o]) > len(key) and key in padded[o] for o in nearby)


def _is_copy(key: str, earlier: str, ratio: Callable[[str, str], float]) -> bool:
    """A near-copy of an earlier paragraph, or a cut-off repeat of its opening."""
    if len(key) >= TRUNCATED_MIN_CHARS and earlier.startswith(key):
        return len(key) >= TRUNCATED_MIN_SHARE * len(earlier)
    return _comparable(key, earlier) and ratio(key, earlier) >= NEAR_DUPLICATE_SIMILARITY


def _comparable(a: str, b: str) -> bool:
    """Skip pairs whose lengths alone rule out a near-duplicate (cheap pre-filter)."""
    shorter, longer = sorted((len(a), len(b)))
    return longer > 0 and shorter / longer >= 0.8 and shorter >= 20
