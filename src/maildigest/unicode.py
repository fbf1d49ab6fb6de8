"""The Unicode policy: which characters of an article reach each output, and why.

One function per output kind (see docs/guides/unicode.md for examples):

* ``header_text`` -- Subject, display names, List-* values. A header is one
  line that mail clients show out of context, so nothing invisible may change
  how it reads: no format character (category Cf: bidi controls, tag
  characters, zero-width spaces...) and no noncharacter. The one exception is
  a joiner (ZWJ/ZWNJ) between two non-ASCII letters, marks or symbols, where
  it shapes a Persian word or an emoji sequence: next to ASCII it can only hide
  a word from a filter ("Pay<ZWNJ>Pal"), so there it goes.
* ``body_text`` -- every article field the HTML and text parts show. Joiners,
  variation selectors and emoji sequences are kept whole; characters the
  bidi algorithm ignores and no font draws (bidi class BN: zero-width space,
  word joiner, soft hyphen, stray tag characters...) go, as do explicit bidi
  embeddings, overrides and isolates (an unclosed RLO would reverse the text
  after it), and noncharacters (MJML refuses them). Text holding right-to-left
  letters is then wrapped in FSI...PDI, its own isolate, so it cannot reorder
  the brackets, numbers and separators the newsletter puts around it.

Character classes come from ``unicodedata`` (categories and bidi classes), not
hand-written lists; only the two joiners and the emoji tag sequence are named.
"""

from __future__ import annotations

import functools
import re
import unicodedata

ZWNJ, ZWJ = "\u200c", "\u200d"
JOINERS = frozenset({ZWNJ, ZWJ})
FSI, PDI = "\u2068", "\u2069"
"""First-strong isolate and its end: a run's direction is its own first strong letter."""
EXPLICIT_BIDI = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})
RTL_CLASSES = frozenset({"R", "AL"})
_EMOJI_TAG_SEQUENCE = re.compile("\U0001f3f4[\U000e0020-\U000e007e]{1,30}\U000e007f")
"""A subdivision flag (England, Scotland...): black flag, tag letters, cancel tag."""


def is_noncharacter(char: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane: never for interchange."""
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def _dropped_from_body(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cs" or (category == "Cn" and is_noncharacter(char)):
        return True
    if category != "Cf" or char in JOINERS:
        return False
    return unicodedata.bidirectional(char) in EXPLICIT_BIDI | {"BN"}


def body_text(text: str) -> str:
    """Article text for the HTML and text parts (see the module docstring)."""
    if text.isascii():
        return text
    kept: list[str] = []
    position = 0
    for flag in _EMOJI_TAG_SEQUENCE.finditer(text) if "\U0001f3f4" in text else ():
        kept.extend(c for c in text[position : flag.start()] if not _dropped_from_body(c))
        kept.append(flag[0])
        position = flag.end()
    kept.extend(c for c in text[position:] if not _dropped_from_body(c))
    return isolate("".join(kept))


def isolate(text: str) -> str:
    """``text`` in FSI...PDI when it holds right-to-left letters, else unchanged."""
    if text.isascii() or not any(unicodedata.bidirectional(c) in RTL_CLASSES for c in text):
        return text
    return f"{FSI}{text}{PDI}"


def header_text(text: str) -> str:
    """Text for a header value: no format characters, no noncharacters (see above)."""
    if text.isascii():
        return text
    out: list[str] = []
    last = len(text) - 1
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if category == "Cs" or (category == "Cn" and is_noncharacter(char)):
            continue
        if category == "Cf" and not (
            char in JOINERS
            and 0 < index < last
            and _joinable(text[index - 1])
            and _joinable(text[index + 1])
        ):
            continue
        out.append(char)
    return "".join(out)


def _joinable(char: str) -> bool:
    """A non-ASCII letter, mark or symbol: what a joiner may sit between in a header."""
    return not char.isascii() and unicodedata.category(char)[0] in "LMS"


_SHIELD = "\u2e3b"
"""THREE-EM DASH, printable and rare: opens the printable stand-in of a format character."""
_SHIELDED = re.compile(f"{_SHIELD}([0-9a-f]{{1,6}});")


@functools.cache
def _kept_format_characters() -> re.Pattern[str]:
    kept = [
        chr(point)
        for point in range(0x110000)
        if (category := unicodedata.category(chr(point))) in ("Cf", "Cn")
        and (not _dropped_from_body(chr(point)) or 0xE0020 <= point <= 0xE007F)
        and not (category == "Cn" and 0xE0000 <= point <= 0xE0FFF)
    ]
    return re.compile("[" + re.escape("".join(kept) + _SHIELD) + "]")


def shield(text: str) -> str:
    """The format characters ``body_text`` keeps (joiners, marks, flag tags), and
    characters newer than this Python's Unicode tables (an emoji of Unicode 15 is
    unassigned to Python 3.11), as printable stand-ins, for a library that drops every
    non-printable character (trafilatura); ``unshield`` puts them back in its output."""
    if text.isascii():
        return text
    return _kept_format_characters().sub(lambda m: f"{_SHIELD}{ord(m[0]):x};", text)


def unshield(text: str) -> str:
    if _SHIELD not in text:
        return text
    return _SHIELDED.sub(lambda m: chr(int(m[1], 16)), text)
