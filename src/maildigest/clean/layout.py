"""Read the shape of a scraped page: page chrome, headline and metadata at the
top, the article, then the page footer.

The rules look at each line's shape rather than its wording:

- a *body* line is prose: a long sentence, or a very long line;
- everything above the article's first body line (one that more prose soon
  follows: a lone tagline sentence in the chrome doesn't count) is the
  *header zone*: navigation,
  the headline (often repeated with a site name or a date prefix), bylines
  and dates. The headline is the header line the page repeats with a site
  name, else the last headline-like line before the first metadata line, else
  a ``Headline | Site`` line, else the last headline-like line; whatever
  stands above it is navigation and is dropped whatever it says;
- after a list heading ("Related Articles", "TOPICS:") the short lines that
  follow are links or tags, up to the next body line;
- below the last body line only full sentences (and headings over one)
  survive: menus, link lists and fragments cut mid-sentence are page footer;
  a comments heading near the end starts the comment section.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from maildigest.clean.boilerplate import boilerplate_kinds, starts_list
from maildigest.clean.header import (
    MAX_SITE_WORDS,
    Header,
    is_labelled_metadata,
    metadata_of,
    split_title_date,
    strip_site_suffix,
)

BODY_MIN_WORDS = 12
"""A sentence this long ending in a full stop is article prose."""
BODY_QUESTION_WORDS = 20
"""Headlines end in ? ! or a quote too, so such lines need more words to be prose."""
BODY_ANY_WORDS = 35
"""A line this long is prose even without final punctuation."""
HEADLINE_MAX_WORDS = 30
TITLE_WINDOW = 80
"""The headline is among the page's first lines, however much chrome precedes it."""
LIST_ITEM_MAX_WORDS = 20
"""After a list heading, lines up to this long are the list's links or tags."""
SHOUTING_MAX_WORDS = 4
DENSE_LOOKAHEAD = 5
"""The article starts at prose followed by more prose within this many lines."""
HEADER_PROSE_WORDS = 16
"""Between headline and body, a line this long is text even if it reads like a headline."""
NEAR_TOP_BLOCKS = 3
"""Metadata this close under the first paragraph still describes the article."""
FOOTER_MIN_WORDS = 4
"""Below the article, a full sentence of at least this many words is kept."""
SUBHEADING_SENTENCE_WORDS = 8
"""Below the article, a heading is kept when a sentence this long follows it."""
COMMENTS_MAX_SHARE = 1 / 3
"""A comments heading followed by at most this share of the page's prose starts
the comment section, which is dropped whole."""

_ENDS_SENTENCE = re.compile(r"(?:[.!?…]['\"”’)\]»]*|['\"”’)\]»])$")
_ENDS_FULL_STOP = re.compile(r"\.['\"”’)\]»]*$")
_TRAILING_SYMBOLS = re.compile("[\\s~*\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]+$")
"""Emoji and arrows after the last word ("… on KLOOK! 🙂") don't change how a line ends."""
_ELLIPSIS = re.compile(r"(?:\.\s?\.\s?\.|…)\W*$")
_NOT_HEADLINE_END = re.compile(r"[.,;:(\-–—/|]$")
_URL = re.compile(r"https?://|www\.", re.I)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|updated)\b", re.I)
_SITE_PREFIX = re.compile(r"^[^|•·»–—]{2,60}?\s(?:[|•·»]|::|[-–—])\s")


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False
    """The source marked it as a heading (Markdown ``#``)."""
    list_item: bool = False
    """The source marked it as a list item (Markdown ``-``, ``*``, ``1.``, ``•``, HTML ``<li>``)."""
    link: bool = False
    """All its text is one link's: a menu entry, not the article's text."""


def word_count(text: str) -> int:
    return len(text.split())


def is_body(text: str) -> bool:
    text = _TRAILING_SYMBOLS.sub("", text)
    if _ELLIPSIS.search(text):
        return False
    words = word_count(text)
    if _ENDS_FULL_STOP.search(text):
        return words >= BODY_MIN_WORDS
    if _ENDS_SENTENCE.search(text):
        return words >= BODY_QUESTION_WORDS
    return words >= BODY_ANY_WORDS


def is_sentence(text: str, min_words: int = FOOTER_MIN_WORDS) -> bool:
    text = _TRAILING_SYMBOLS.sub("", text)
    return (
        word_count(text) >= min_words
        and bool(_ENDS_SENTENCE.search(text))
        and not _ELLIPSIS.search(text)
    )


def is_headline(text: str) -> bool:
    words = word_count(text)
    return (
        2 <= words <= HEADLINE_MAX_WORDS
        and not _NOT_HEADLINE_END.search(text)
        and not _ELLIPSIS.search(text)
        and not _URL.search(text)
    )


def fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def read_layout(blocks: list[Block], known: Header) -> tuple[Header, list[str]]:
    """The article's header (title, date, byline) and its paragraphs, in order."""
    kinds = boilerplate_kinds([b.text for b in blocks])
    prose = [i for i, b in enumerate(blocks) if kinds[i] is None and is_body(b.text)]
    first_body = _article_start(blocks, kinds, prose)
    metas = {i: metadata_of(blocks[i].text) for i in range(first_body) if kinds[i] is None}
    document = "\n".join(b.text for b in blocks)
    title_index = _title_index(blocks, first_body, metas, known, document)
    header = _header(blocks, first_body, metas, title_index, known, document)
    title = header.title or ""
    last_body = prose[-1] if prose else -1
    prose_set = set(prose)

    # A short line under the headline that the page repeats further down is
    # content: keeping its first copy keeps the article's order.
    repeats = Counter(fold(b.text) for b in blocks)
    kept: list[str] = []
    in_list = False
    start = title_index + 1 if title_index is not None else 0
    for i in range(start, _comments_start(kinds, first_body, prose)):
        text = blocks[i].text
        body = i in prose_set or (kinds[i] is not None and is_body(text))
        if body:
            in_list = False
        if kinds[i] is not None or starts_list(text):
            in_list = in_list or starts_list(text)
            continue
        if in_list and word_count(text) <= LIST_ITEM_MAX_WORDS:
            continue
        if i < first_body and (
            metas.get(i) is not None or not (_header_prose(text) or repeats[fold(text)] > 1)
        ):
            continue
        if (not body and is_labelled_metadata(text)) or _is_title_repeat(
            text, title, header.site, document
        ):
            continue
        if i > last_body and not (
            is_sentence(text) or _subheading(blocks, kinds, i) or _introduced_list(blocks, i)
        ):
            continue
        kept.append(text)
    return header, kept


def _introduced_list(blocks: list[Block], index: int) -> bool:
    """A source list and the heading or line that introduces it ("Key figures",
    "… three changes:").

    Below the article's last long paragraph short lines are usually page
    footer, but a list the article announces is part of the article; a list
    of bare links (a menu) is not.
    """
    start = index
    while start > 0 and blocks[start].list_item:
        start -= 1
    end = index + 1
    while end < len(blocks) and blocks[end].list_item:
        end += 1
    items = blocks[start + 1 : end]
    if not items or any(item.link for item in items):
        return False
    intro = blocks[start]
    return not intro.list_item and (intro.heading or intro.text.rstrip().endswith(":"))


def _article_start(blocks: list[Block], kinds: list[str | None], prose: list[int]) -> int:
    """The first prose line that more prose follows closely: a lone sentence in
    the page chrome (a site's tagline) does not start the article."""
    prose_set = set(prose)
    for index in prose:
        following = (j for j in range(index + 1, len(blocks)) if kinds[j] is None)
        if any(j in prose_set for j in itertools.islice(following, DENSE_LOOKAHEAD)):
            return index
    return prose[0] if prose else len(blocks)


def _subheading(blocks: list[Block], kinds: list[str | None], index: int) -> bool:
    """Below the last long paragraph, a heading still counts when a real
    sentence follows it (a closing section with a short paragraph)."""
    following = index + 1
    return (
        is_headline(blocks[index].text)
        and following < len(blocks)
        and kinds[following] is None
        and is_sentence(blocks[following].text, SUBHEADING_SENTENCE_WORDS)
    )


def _comments_start(kinds: list[str | None], first_body: int, prose: list[int]) -> int:
    """Where the comment section begins: a comments heading below the article
    with little prose after it (readers' comments are not the article)."""
    for i in range(first_body, len(kinds)):
        if kinds[i] == "comments":
            after = len(prose) - bisect.bisect_right(prose, i)
            if after <= len(prose) * COMMENTS_MAX_SHARE:
                return i
    return len(kinds)


def _title_index(
    blocks: list[Block],
    first_body: int,
    metas: dict[int, Header | None],
    known: Header,
    document: str,
) -> int | None:
    """Where the headline stands in the header zone, if it is there."""
    zone = [i for i in range(min(first_body, TITLE_WINDOW)) if i in metas and metas[i] is None]
    if known.title:
        wanted = fold(known.title)
        matches = [i for i in zone if fold(split_title_date(blocks[i].text)[0]).startswith(wanted)]
        return matches[-1] if matches else None
    headings = [i for i in zone if blocks[i].heading]
    if headings:
        return headings[0]
    candidates = [i for i in zone if is_headline(split_title_date(blocks[i].text)[0])]
    if not candidates:
        return None
    repeated = [i for i in candidates if _has_variant(blocks, i, zone)]
    if repeated:
        return repeated[-1]
    first_meta = next(
        (i for i in range(candidates[0], first_body) if metas.get(i) is not None), None
    )
    if first_meta is None:
        # No byline or date to anchor on: a "Headline | Site" line is the page title.
        suffixed = [i for i in candidates if _has_site_suffix(blocks, i, document)]
        if suffixed:
            return suffixed[-1]
    before_meta = [i for i in candidates if first_meta is None or i < first_meta]
    quiet = [i for i in before_meta if not _shouting(blocks[i].text)]
    return (quiet or before_meta)[-1]


def _has_site_suffix(blocks: list[Block], index: int, document: str) -> bool:
    headline = split_title_date(blocks[index].text)[0]
    return strip_site_suffix(headline, context=document, mentions=2) != headline


def _has_variant(blocks: list[Block], index: int, zone: list[int]) -> bool:
    """Another header line is this headline plus a site name (``Headline | Site``
    or ``Site | Headline``)."""
    headline = fold(split_title_date(blocks[index].text)[0])
    if word_count(headline) < 3:
        return False
    for other in zone:
        folded = fold(blocks[other].text)
        if other == index or folded == headline:
            continue
        if fold(strip_site_suffix(blocks[other].text)) == headline:
            return True
        prefix = folded.removesuffix(" " + headline)
        if (
            prefix != folded
            and word_count(prefix) <= MAX_SITE_WORDS
            and _SITE_PREFIX.match(blocks[other].text)
        ):
            return True
    return False


def _shouting(text: str) -> bool:
    """Short ALL-CAPS lines are section labels or datelines (``BAAR, SWITZERLAND``)."""
    letters = [c for c in text if c.isalpha()]
    return word_count(text) <= SHOUTING_MAX_WORDS and all(c.isupper() for c in letters)


def _header(
    blocks: list[Block],
    first_body: int,
    metas: dict[int, Header | None],
    title_index: int | None,
    known: Header,
    document: str,
) -> Header:
    found = Header()
    title = known.title
    if title_index is not None:
        headline, day = split_title_date(blocks[title_index].text)
        found = Header(date=day)
        title = title or headline
    if title:
        found = Header(
            title=strip_site_suffix(title, known_site=known.site, context=document, mentions=2),
            date=found.date,
        )
    # Metadata right under the headline describes it; chrome above it may not.
    order = sorted(metas, key=lambda i: (title_index is not None and i < title_index, i))
    for i in order:
        meta = metas[i]
        if meta is not None:
            found = found.merged_with(meta)
    if found.date is None:
        found = found.merged_with(_labelled_date(blocks, first_body))
    return known.merged_with(found) if known.title else found.merged_with(known)


def _labelled_date(blocks: list[Block], first_body: int) -> Header:
    """No date up top: a metadata line just under the first paragraph (after a
    standfirst), or a ``Published …`` line further down, still counts."""
    for index in range(first_body, len(blocks)):
        text = blocks[index].text
        near_top = index < first_body + NEAR_TOP_BLOCKS
        if (near_top or _PUBLISHED_LABEL.search(text)) and is_labelled_metadata(text):
            meta = metadata_of(text)
            if meta is not None and meta.date:
                return Header(date=meta.date, author=meta.author)
    return Header()


def _header_prose(text: str) -> bool:
    """Between the headline and the body, keep only lines that read like text."""
    words = word_count(text)
    return (
        is_sentence(text) or words >= HEADER_PROSE_WORDS or (words >= 8 and not is_headline(text))
    )


def _is_title_repeat(text: str, title: str, site: str | None, document: str) -> bool:
    if not title or len(text) > 2 * len(title) + 40:
        return False
    wanted = fold(title)
    headline = split_title_date(text)[0]
    folded = fold(headline)
    if not folded.startswith(wanted):
        return False
    stripped = strip_site_suffix(headline, known_site=site, context=document, mentions=2)
    return folded == wanted or fold(stripped) == wanted
