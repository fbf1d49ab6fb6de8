"""Split repaired text into candidate paragraphs.

Scrapers separate paragraphs with blank lines, single newlines, or a mix. A
line is its own paragraph unless the block is hard-wrapped prose (lines broken
mid-sentence), which is joined back together.
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
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return [re.sub(r" {2,}", " ", b) for b in blocks]


HARD_WRAP_MIN_CHARS = 40
"""Wrapped prose lines are long; short lines broken before a lower-case word are
menus or lists (``icon camera`` / ``icon check``), not one paragraph."""


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Most lines are long, break mid-sentence and continue in lower case."""
    if len(lines) < 2:
        return False
    breaks = sum(
        1
        for line, following in itertools.pairwise(lines)
        if len(line) >= HARD_WRAP_MIN_CHARS
        and not _ENDS_SENTENCE.search(line)
        and following[:1].islower()
    )
    return breaks >= (len(lines) - 1) / 2
