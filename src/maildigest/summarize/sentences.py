"""Sentence splitting that survives abbreviations, decimals, initials and quotes.

A rule set rather than a model: fast (linear), deterministic, and tested on
the cases that break naive splitters (``Dr. Smith``, ``3.5 per cent``,
``J. R. R. Tolkien``, ``"Stop." He left.``, ``U.S. officials``). Scraped news
also glues image captions to the next sentence with no full stop
("... warms up in Porto The 31-year-old ..."): a capitalised function word
right after a lower-case word is taken as such a missing boundary.

Language support: the boundary rules work for any language written with
``. ! ?`` (Latin, Cyrillic, Greek...) and for CJK ``。！？``; the abbreviation
list and the missing-boundary rule are English only.
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
_BOUNDARY = re.compile(r"""(?<=[.!?…])["'”’)\]]*\s+(?=["'“‘(\[]?(\w))""")
"""The next sentence must open with a capital, a digit or a letter of a script without case."""
_NEXT_INITIAL = re.compile(r"[A-Z]\.")
_DOTTED_INITIALS = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")
_CJK_BOUNDARY = re.compile(r"(?<=[。！？])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")

# A missing full stop: "...pictured in 2013 The star..." The opener is a closed-class
# word that is never capitalised mid-sentence; the word before must not be one that
# commonly precedes a capitalised title ("told The Times", "in The Godfather").
_OPENERS = (
    "The A An He She It They We His Her Its Their This These Those But However "
    "After When While Despite In On"
).split()
_MISSING_BOUNDARY = re.compile(
    r"(?<=[a-z0-9%)’'])\s+(?=(?:" + "|".join(_OPENERS) + r")\s)(?!(?:The|A|An)\s+[A-Z])"
)
"""An article followed by a capital is more likely a name ("runs The Green Ladder")."""
_TITLE_LEADERS = frozenset(
    """
    a an the and or but by to told in into of from with on at for as than like about via
    said says see watch read called named titled starring star dubbed is was are were be
    """.split()
)
_MIN_RUN_ON_WORDS = 4


def split_sentences(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        candidate = paragraph[start : match.start()].rstrip()
        # only the next few characters matter: slicing to the end is quadratic on huge paragraphs
        following = paragraph[match.end() : match.end() + 8]
        if match.group(1).islower() or _ends_with_abbreviation(candidate, following):
            continue
        end = match.end()
        sentence = paragraph[start:end].strip()
        if sentence:
            pieces.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        pieces.append(tail)
    return [
        part
        for piece in pieces
        for cjk in _CJK_BOUNDARY.split(piece)
        for part in _split_run_on(cjk)
        if part.strip()
    ]


def _split_run_on(sentence: str) -> list[str]:
    """Split where a caption ran into the next sentence without a full stop."""
    parts: list[str] = []
    start = 0
    for match in _MISSING_BOUNDARY.finditer(sentence):
        before = sentence[start : match.start()].split()
        if len(before) < _MIN_RUN_ON_WORDS or before[-1].lower() in _TITLE_LEADERS:
            continue
        parts.append(sentence[start : match.start()].strip())
        start = match.end()
    parts.append(sentence[start:].strip())
    return parts


def _ends_with_abbreviation(text: str, following: str) -> bool:
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
    # unless another initial follows ("I. M. Pei").
    if word == "i":
        return bool(_NEXT_INITIAL.match(following))
    # dotted initials and initialisms: "R." in "J. R. Smith", "J.R.R.", "U.S.A."
    return bool(_DOTTED_INITIALS.match(word))
