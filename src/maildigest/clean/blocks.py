"""Split repaired text into candidate paragraphs.

Scrapers separate paragraphs with blank lines, single newlines, or a mix. A
line is its own paragraph unless the block is hard-wrapped prose (lines broken
mid-sentence), which is reflowed: a line that reaches the wrap margin continues
on the next line, and a short line ends its paragraph.
"""

from __future__ import annotations

import itertools
import re

_BLANK = re.compile(r"\n\s*\n")
_ENDS_SENTENCE = re.compile(r"[.!?:;…\"'”’)\]]$")


def split_blocks(text: str) -> list[str]:
    blocks: list[str] = []
    for chunk in _BLANK.split(text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            blocks.extend(_reflow(lines))
        else:
            blocks.extend(lines)
    return [re.sub(r" {2,}", " ", b) for b in blocks]


HARD_WRAP_MIN_CHARS = 40
"""Wrapped prose lines are long; short lines broken before a lower-case word are
menus or lists (``icon camera`` / ``icon check``), not one paragraph."""
MARGIN_SHARE = 0.7
"""A line that reached the wrap margin is at least this share of the longest line."""


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Most lines stop near a common margin, and many run on in lower case
    (a list of headlines also has even lines, but each starts with a capital)."""
    if len(lines) < 2:
        return False
    if len(lines) == 2:  # a headline over a byline looks like this: need a lower-case run-on
        return len(lines[0]) >= HARD_WRAP_MIN_CHARS and lines[1][:1].islower()
    margin = MARGIN_SHARE * max(len(line) for line in lines)
    at_margin = [
        (line, following)
        for line, following in itertools.pairwise(lines)
        if len(line) >= max(margin, HARD_WRAP_MIN_CHARS)
    ]
    run_on = sum(1 for line, following in at_margin if following[:1].islower())
    return len(at_margin) >= max(2, (len(lines) - 1) / 2) and run_on >= len(at_margin) / 3


def _reflow(lines: list[str]) -> list[str]:
    """A line at the margin continues on the next one unless a sentence ends
    there and the next line starts a new one; a short line ends its paragraph."""
    margin = max(MARGIN_SHARE * max(len(line) for line in lines), HARD_WRAP_MIN_CHARS)
    paragraphs: list[str] = []
    current: list[str] = []
    for line, following in itertools.zip_longest(lines, lines[1:], fillvalue=""):
        current.append(line)
        continues = len(line) >= margin and not (
            _ENDS_SENTENCE.search(line) and following[:1].isupper()
        )
        if not continues:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
