"""Read the shape of a scraped page: page chrome, headline and metadata at the
top, the article, then the page footer.

The rules look at each line's shape, position and repetition rather than its
wording:

- a *body* line is prose: a long sentence, or a very long line;
- everything above the article's first body line (one that more prose soon
  follows: a lone tagline sentence in the chrome doesn't count) is the
  *header zone*: navigation, the headline (often repeated with a site name or
  a date prefix), bylines and dates. The headline is found by evidence (see
  ``_title_index``); whatever stands above it is navigation and is dropped
  whatever it says;
- after a list heading ("Related Articles", "TOPICS:") the short lines that
  follow are links or tags, up to the next body line; inside the article, a
  run of other stories' headlines is a link list, and a sign-up button takes
  its box's text with it;
- below the last body line only full sentences (and headings over one)
  survive: menus, link lists and fragments cut mid-sentence are page footer;
  a comments heading near the end starts the comment section.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

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
HEADLINE_OVER_DEK_WORDS = 4
"""A line this long above a sentence-shaped line is the headline over its
standfirst; shorter ones are menu items above a headline that reads like a
sentence."""
TITLE_WINDOW = 80
"""The headline is among the page's first lines, however much chrome precedes it."""
LIST_ITEM_MAX_WORDS = 20
"""After a list heading, lines up to this long are the list's links or tags."""
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
LINK_RUN_MIN = 3
"""Inside the article, this many other stories' headlines in a row are a link list..."""
LINK_MIN_WORDS = 4
"""...each of at least this many words..."""
LINK_HEADING_MAX_WORDS = 4
"""...under a heading of at most this many words ("More football"), which goes too."""
PROMPT_KINDS = frozenset({"newsletter", "paywall"})
BUTTON_MAX_WORDS = 3
PROMPT_BOX_LINES = 2
"""A prompt's button ("Sign up") has at most this many lines of box text above it."""
COMMENTS_MAX_SHARE = 1 / 3
"""A comments heading followed by at most this share of the page's prose starts
the comment section, which is dropped whole."""

_ENDS_SENTENCE = re.compile(r"(?:[.!?…]['\"”’)\]»]*|['\"”’)\]»])$")
_ENDS_FULL_STOP = re.compile(r"\.['\"”’)\]»]*$")
_TRAILING_SYMBOLS = re.compile(
    "(?<![\\s~*\u2190-\u2bff\ufe0f\U0001f000-\U0001faff])[\\s~*\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]+$"
)
"""Emoji and arrows after the last word ("… book now! 🙂") don't change how a line ends.
The lookbehind tries a run from its start only: linear on a line of 100,000 spaces."""
_TRAILING_NON_WORD = re.compile(r"(?<!\W)\W+$")
"""The run of non-word characters a line ends with, tried from the run's start only."""
_ELLIPSIS_MARK = re.compile(r"(?<!\s)\s*(?:\.\s?\.\s?\.|…)")
_NOT_HEADLINE_END = re.compile(r"[,;:(\-–—/|]$")
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


def before_ellipsis(text: str) -> str | None:
    """``text`` without the ellipsis it ends with (``…``, ``...``, then only punctuation),
    or None when it has none. Only the closing run of non-word characters is searched:
    linear on a line of 100,000 dots or spaces, where an end-anchored regex is quadratic."""
    tail = closing_punctuation(text)
    mark = _ELLIPSIS_MARK.search(tail)
    return None if mark is None else text[: len(text) - len(tail) + mark.start()]


def closing_punctuation(text: str) -> str:
    """The run of non-word characters ``text`` ends with ("" after a word), found in
    linear time (an end-anchored ``\\W*$`` is quadratic on 100,000 dots)."""
    tail = _TRAILING_NON_WORD.search(text)
    return tail[0] if tail else ""


def word_count(text: str) -> int:
    return len(text.split())


def is_body(text: str) -> bool:
    text = _TRAILING_SYMBOLS.sub("", text)
    if before_ellipsis(text) is not None:
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
        and not before_ellipsis(text) is not None
    )


def is_headline(text: str) -> bool:
    """Shaped like a heading: short, no final full stop or dangling punctuation."""
    return could_be_headline(text) and not text.endswith(".")


def could_be_headline(text: str) -> bool:
    """Short enough for a headline and not cut off: a full stop is allowed
    (``The museum reopens. Its windows are the exhibit.``)."""
    words = word_count(text)
    return (
        2 <= words <= HEADLINE_MAX_WORDS
        and not _NOT_HEADLINE_END.search(text)
        and not before_ellipsis(text) is not None
        and not _URL.search(text)
    )


def fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def read_layout(blocks: list[Block], known: Header) -> tuple[Header, list[str]]:
    """The article's header (title, date, byline) and its paragraphs, in order."""
    if known.title and known.site and fold(known.title) == fold(known.site):
        known = replace(known, title=None)  # a page titled with its site's name: look in the text
    kinds = boilerplate_kinds([b.text for b in blocks])
    prose = [i for i, b in enumerate(blocks) if kinds[i] is None and is_body(b.text)]
    first_body = _article_start(blocks, kinds, prose)
    if _headline_over_byline(blocks, kinds, first_body, known):
        prose = [i for i in prose if i != first_body]
        first_body = _article_start(blocks, kinds, [i for i in prose if i > first_body])
    metas = {i: metadata_of(blocks[i].text) for i in range(first_body) if kinds[i] is None}
    document = "\n".join(b.text for b in blocks)
    title_index = _title_index(blocks, kinds, first_body, metas, known, document)
    header = _header(blocks, first_body, metas, title_index, known, document)
    title = header.title or ""
    last_body = prose[-1] if prose else -1
    prose_set = set(prose)

    # A short line under the headline that the page repeats further down is
    # content: keeping its first copy keeps the article's order.
    repeats = Counter(fold(b.text) for b in blocks)
    furniture = _link_runs(blocks, kinds, prose_set, first_body, last_body) | _prompt_boxes(
        blocks, kinds, prose_set
    )
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
        if (in_list and word_count(text) <= LIST_ITEM_MAX_WORDS) or i in furniture:
            continue
        if i < first_body and (
            metas.get(i) is not None
            or not (_header_prose(text) or repeats[fold(text)] > 1 or blocks[i].list_item)
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


def _link_runs(
    blocks: list[Block], kinds: list[str | None], prose: set[int], first_body: int, last_body: int
) -> set[int]:
    """Inside the article, LINK_RUN_MIN or more headline-shaped lines in a row are
    a list of links to other stories (with or without a heading): an article's
    subheading is followed by prose, and its own lists are marked as lists."""
    runs: set[int] = set()
    run: list[int] = []
    for i in range(first_body + 1, last_body + 1):
        if kinds[i] is not None:
            continue
        if i not in prose and _story_link(blocks[i]):
            run.append(i)
            continue
        if len(run) >= LINK_RUN_MIN:
            runs.update(run)
            heading = run[0] - 1
            text = blocks[heading].text
            if is_headline(text) and word_count(text) <= LINK_HEADING_MAX_WORDS:
                runs.add(heading)  # the list's own heading ("More football")
        run = []
    return runs


def _story_link(block: Block) -> bool:
    """Another story's headline: no label (``Q:``, ``Note:``), no question, at
    least LINK_MIN_WORDS words, not marked as the article's own list item."""
    text = block.text
    return (
        not block.list_item
        and is_headline(text)
        and word_count(text) >= LINK_MIN_WORDS
        and ":" not in text
        and not text.endswith("?")
    )


def _prompt_boxes(blocks: list[Block], kinds: list[str | None], prose: set[int]) -> set[int]:
    """A sign-up or subscription box: a button (``Sign up``, ``Subscribe``) and
    the name and blurb right above it."""
    boxes: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind in PROMPT_KINDS and word_count(blocks[i].text) <= BUTTON_MAX_WORDS:
            above = i - 1
            while above >= 0 and i - above <= PROMPT_BOX_LINES and above not in prose:
                if kinds[above] is None and not is_sentence(blocks[above].text, BODY_MIN_WORDS):
                    boxes.add(above)
                above -= 1
    return boxes


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
    kinds: list[str | None],
    first_body: int,
    metas: dict[int, Header | None],
    known: Header,
    document: str,
) -> int | None:
    """Where the headline stands in the header zone, if it is there.

    The evidence, strongest first: the title the page's metadata names; a
    heading the source marked; a line the page repeats with its site name; the
    line right above the byline or date (whatever its shape: headlines may end
    in a full stop or hold a date); a ``Headline | Site`` line; else the last
    headline-shaped line before the metadata, preferring mixed case without a
    final full stop (ALL-CAPS labels and standfirst sentences lose)."""
    zone = [i for i in range(min(first_body, TITLE_WINDOW)) if i in metas and metas[i] is None]
    if known.title:
        wanted = fold(known.title)
        matches = [i for i in zone if fold(split_title_date(blocks[i].text)[0]).startswith(wanted)]
        return matches[-1] if matches else None
    headings = [i for i in zone if blocks[i].heading]
    if headings:
        return headings[0]
    candidates = [i for i in zone if could_be_headline(split_title_date(blocks[i].text)[0])]
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
        # Pages that put the date first: the headline is the line right below it.
        dated = [i for i in range(candidates[0]) if metas.get(i) is not None]
        below = [i for i in candidates if dated and _adjacent(kinds, dated[-1], i)]
        if below:
            return below[0]
    before_meta = [i for i in candidates if first_meta is None or i < first_meta]
    if first_meta is not None and _adjacent(kinds, before_meta[-1], first_meta):
        above = before_meta[-1]
        over = before_meta[-2] if len(before_meta) > 1 else None
        if (
            over is not None
            and _adjacent(kinds, over, above)
            and _plain_headline(blocks[over].text)
            and word_count(blocks[over].text) >= HEADLINE_OVER_DEK_WORDS
            and _ENDS_FULL_STOP.search(blocks[above].text)
        ):
            return over  # a headline over a one-line standfirst, not a menu item
        return above
    plain = [i for i in before_meta if _plain_headline(blocks[i].text)]
    mixed_case = [i for i in before_meta if not _all_caps(blocks[i].text)]
    return (plain or mixed_case or before_meta)[-1]


def _adjacent(kinds: list[str | None], above: int, below: int) -> bool:
    """Only page furniture stands between the two lines."""
    return all(kinds[j] is not None for j in range(above + 1, below))


def _plain_headline(text: str) -> bool:
    return is_headline(text) and not _all_caps(text) and not _ENDS_FULL_STOP.search(text)


def _headline_over_byline(
    blocks: list[Block], kinds: list[str | None], first_body: int, known: Header
) -> bool:
    """The first prose line is a long headline (one that ends in a full stop
    reads like a sentence) when a byline or date follows it and no headline
    stands above it."""
    if first_body >= len(blocks) or not could_be_headline(blocks[first_body].text):
        return False
    if known.title:
        return fold(blocks[first_body].text).startswith(fold(known.title))
    below = next((j for j in range(first_body + 1, len(blocks)) if kinds[j] is None), None)
    if below is None or metadata_of(blocks[below].text) is None:
        return False
    above = next((j for j in range(first_body - 1, -1, -1) if kinds[j] is None), None)
    return above is None or not (
        blocks[above].heading
        or (
            _plain_headline(blocks[above].text)
            and word_count(blocks[above].text) >= HEADLINE_OVER_DEK_WORDS
        )
    )


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


def _all_caps(text: str) -> bool:
    """ALL-CAPS lines are section labels, kickers or datelines (``LONDON, ENGLAND``)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


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
