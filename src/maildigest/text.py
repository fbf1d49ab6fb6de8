"""Small text helpers shared by the plain-text part and header building."""

from __future__ import annotations

import re
import textwrap

from maildigest.unicode import body_text

PLAIN_TEXT_WIDTH = 78
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def wrap(text: str, width: int = PLAIN_TEXT_WIDTH, bullet: str = "") -> str:
    """Wrap at ``width`` columns; long words (URLs) are never broken."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=bullet,
        subsequent_indent=" " * len(bullet),
        break_long_words=False,
        break_on_hyphens=False,
    )


def underline(text: str, char: str = "-") -> str:
    """A rule as long as the (wrapped) heading's longest line."""
    return char * max(len(line) for line in wrap(text).split("\n"))


def single_line(value: str) -> str:
    """Header-safe: control characters (CR, LF, NUL…) become one space."""
    return re.sub(r" {2,}", " ", _CONTROL.sub(" ", value)).strip()


def shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


_PLACEHOLDER_OPENER = re.compile(r"(\{|%7B)(?=(?:\{|%7B)(?:\s|%20)*recipient\.)", re.I)
WORD_JOINER = "\u2060"


def inert(text: str) -> str:
    """Article text as plain data: a ``{{ recipient.x }}`` (or URL-encoded ``%7B%7B``)
    gets an invisible word joiner after its first brace, so ``send``'s personalization
    can never fill, and so disclose a subscriber's address inside, text a stranger wrote.
    Other template-looking text is already literal (Jinja escapes it) and stays unchanged.
    The Unicode policy for the HTML and text parts (``unicode.body_text``) is applied here,
    the one door every article field goes through on its way to a template."""
    return _PLACEHOLDER_OPENER.sub(lambda m: m[1] + WORD_JOINER, body_text(text))
