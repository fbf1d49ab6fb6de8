"""Sentence splitting that survives abbreviations, decimals, initials and quotes.

A rule set rather than a model: fast (linear), deterministic, and tested on
the cases that break naive splitters (``Dr. Smith``, ``3.5 per cent``,
``J. R. R. Tolkien``, ``"Stop." He left.``, ``U.S. officials``).
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon
    pres inc ltd co corp bros dept univ assn est approx vs etc al fig no nos vol vols ed
    eds pp jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n e.g i.e a.m p.m d.c n.y l.a
    """.split()
)
# A boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9À-ÖØ-Þ])""")
_CJK_BOUNDARY = re.compile(r"(?<=[。！？])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")


def split_sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        if _ends_with_abbreviation(candidate):
            continue
        end = match.end()
        sentence = paragraph[start:end].strip()
        if sentence:
            pieces.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return [part for piece in pieces for part in _CJK_BOUNDARY.split(piece) if part.strip()]


def _ends_with_abbreviation(text: str) -> bool:
    text = text.rstrip("\"'”’)]")
    if not text.endswith("."):
        return False
    match = _WORD_BEFORE.search(text)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    # Initials ("J." in "J. Smith", "R." in "J.R.R."), but not a sentence ending in "I."
    return len(word.replace(".", "")) == 1 and word.isalpha() and word != "i"
