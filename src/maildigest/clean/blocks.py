"""Split repaired text into candidate paragraphs.

Scrapers separate paragraphs with blank lines, single newlines, or a mix, so
each line is its own paragraph. The exception is hard-wrapped prose (lines
broken at a fixed width). When the whole document shows a wrap margin, a line
the wrapper had to break (the next word would not have fitted) runs on into
the next line, even after a full stop: in wrapped news text such a break falls
inside a paragraph about two times in three. Without a margin, long lines
between blank lines that run on in lower case are one paragraph.
"""

from __future__ import annotations

import itertools
import re

from maildigest.clean.boilerplate import boilerplate_kind
from maildigest.clean.header import metadata_of

HARD_WRAP_MIN_CHARS = 40
"""Without a margin, wrapped lines are long: short lines are headings, menus or list items."""
MIN_WRAP_WIDTH = 24
"""The margin is looked for among lines at least this long (texts are wrapped at
widths from about 30 to 80 columns); a line under half the margin is not a
wrapped one, unless a long word (a link) did not fit after it."""
MIN_RUN_ONS = 3
"""A document is hard-wrapped when at least this many lines stop at a common
margin and plainly continue on the next line (it starts in lower case, or the
line ends on a word like "the" or "of")..."""
RUN_ON_SHARE = 0.25
"""...and they are at least this share of its long lines."""
BEYOND_SHARE = 0.25
"""Headlines and short paragraphs a wrapper left alone may exceed the margin."""
MARGIN_SLACK = 1.05
"""The margin is estimated from the longest lines; allow a little over it."""
MARGIN_TOLERANCE = 3
"""...and repairs (entities, mojibake) shorten wrapped lines a little."""
REACH_SHARE = 0.5
"""A line stopping mid-sentence this close to the margin may have been wrapped."""
REPEAT_WORDS = 4
"""A line opening with the same words as the one above repeats it, never continues it."""

_BLANK = re.compile(r"\n\s*\n")
_OPENERS = "[(\"'“‘"
"""Brackets and quotes that may open a line or word before its first letter."""
_ENDS_SENTENCE = re.compile(r"[.!?…\"'”’)\]]$")
_FUNCTION_WORDS = frozenset(
    "the a an to of in and or for with by at on from as that into than has have had is are "
    "was were be his her its their our this which who".split()
)


def split_blocks(text: str) -> list[str]:
    chunks = [
        [line.strip() for line in chunk.split("\n") if line.strip()] for chunk in _BLANK.split(text)
    ]
    margin = _wrap_margin([line for lines in chunks for line in lines])
    blocks: list[str] = []
    for lines in chunks:
        if not margin and _one_wrapped_paragraph(lines):
            blocks.append(_joined(lines))
        else:
            blocks.extend(_reflow(lines, margin) if margin else lines)
    return [re.sub(r" {2,}", " ", b) for b in blocks]


def _one_wrapped_paragraph(lines: list[str]) -> bool:
    """Between blank lines, in a text without a wrap margin: long lines that mostly
    run on in lower case are one paragraph (a headline over its byline, or a
    menu, does not run on)."""
    if len(lines) < 2 or any(len(line) < HARD_WRAP_MIN_CHARS for line in lines[:-1]):
        return False
    lower = sum(1 for following in lines[1:] if _starts_lower(following))
    return lower >= (len(lines) - 1) / 2


def _wrap_margin(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not.

    Wrapped prose has a ceiling: long lines pile up just under one width, and
    many of them break mid-sentence (the next line starts in lower case).
    Unwrapped paragraphs have no common ceiling, and a list of headlines has
    even lengths but every line starts with a capital."""
    long = sorted(len(line) for line in lines if len(line) >= MIN_WRAP_WIDTH)
    if len(long) < MIN_RUN_ONS:
        return None
    margin = long[int(0.9 * (len(long) - 1))]
    if sum(1 for length in long if length > margin * MARGIN_SLACK) > BEYOND_SHARE * len(long):
        return None
    run_ons = sum(
        1
        for line, following in itertools.pairwise(lines)
        if (_starts_lower(following) or _ends_on_function_word(line))  # the cheap test first
        and _continues(line, following, margin)
    )
    return margin if run_ons >= max(MIN_RUN_ONS, RUN_ON_SHARE * len(long)) else None


def _reflow(lines: list[str], margin: int) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line, following in itertools.zip_longest(lines, lines[1:], fillvalue=""):
        current.append(line)
        if not _continues(line, following, margin):
            paragraphs.append(_joined(current))
            current = []
    if current:
        paragraphs.append(_joined(current))
    return paragraphs


def _continues(line: str, following: str, margin: int) -> bool:
    """A wrapped line reaches the margin and breaks mid-sentence, or where the
    next word would not have fitted; a line that stops short, ends a sentence
    with room to spare, or is followed by a repeat of itself, page furniture or
    a metadata line, ends its paragraph."""
    next_word = following.split(" ", 1)[0]
    if not next_word or len(line) > margin * MARGIN_SLACK:
        return False
    if not any(c.isalnum() for c in following):
        return False  # a rule (``=====`` under a setext heading, ``---``) is never wrapped text
    if following.split()[:REPEAT_WORDS] == line.split()[:REPEAT_WORDS]:
        return False  # "Headline | Site" over "Headline": a repeat starts a new block
    forced = len(line) + 1 + len(next_word) > margin - MARGIN_TOLERANCE
    if len(line) < REACH_SHARE * margin:
        # short only because a long word (a Markdown link, a URL) did not fit
        return forced and not _ENDS_SENTENCE.search(line) and _starts_lower(following)
    if _ENDS_SENTENCE.search(line):
        return _starts_lower(following) or (
            forced and metadata_of(following) is None and boilerplate_kind(following) is None
        )
    # A headline at the margin does not run on into its byline or date line;
    # a line ending on "the", "of", "to"… is mid-sentence whatever follows.
    return (forced or _starts_lower(following) or _ends_on_function_word(line)) and (
        metadata_of(following) is None
    )


def _starts_lower(line: str) -> bool:
    """Its first letter is lower case, past opening brackets and quotes (``[link](…)``)."""
    return line.lstrip(_OPENERS)[:1].islower()


def _joined(lines: list[str]) -> str:
    """Wrapped lines as one: a space between them, none after a word's hyphen
    (wrappers break compounds there: ``long-`` + ``term``)."""
    parts = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        compound = previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].isalpha()
        parts += ["" if compound else " ", line]
    return "".join(parts)


def _ends_on_function_word(line: str) -> bool:
    """``…signed by the`` is mid-sentence whatever follows."""
    last = line[line.rfind(" ") + 1 :]
    return last.lstrip(_OPENERS).lower() in _FUNCTION_WORDS
