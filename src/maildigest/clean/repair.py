"""Undo encoding and transport damage: mojibake, entities, stray tags, invisible
characters, and the ``> `` quoting of a forwarded email."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

_INVISIBLE = re.compile("[\ufffd\u200b\u2060\ufeff\u00ad]")
"""Zero-width characters, soft hyphens, stray BOMs and the U+FFFD a lossy decode leaves."""
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_HIDDEN_OPEN = re.compile(r"<(script|style|noscript)\b[^>]{0,1000}>", re.I)
_HIDDEN_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "noscript")
}
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|br|div|dd|dl|dt|figcaption|figure|footer|form|"
    "h[1-6]|head|header|hr|html|li|main|nav|ol|p|pre|section|table|tbody|td|th|thead|title|tr|ul"
)
_INLINE_TAGS = (
    "a|abbr|audio|b|big|button|center|cite|code|del|em|font|i|iframe|img|input|ins|label|link|"
    "mark|meta|picture|q|s|small|source|span|strike|strong|sub|sup|time|tt|u|video|wbr"
)
_BLOCK_TAG = re.compile(
    rf"(?<!\\)</?(?=[A-Za-z])(?:{_BLOCK_TAGS})(?:\s[^<>]{{0,300}})?\s*/?>", re.I
)
"""Block tags end a line, as a browser would render them (a Markdown-escaped ``\\<`` is text)."""
_INLINE_TAG = re.compile(
    rf"(?<!\\)</?(?=[A-Za-z])(?:{_INLINE_TAGS})(?:\s[^<>]{{0,300}})?\s*/?>", re.I
)
_SHORTCODE = re.compile(r"\[(?:/[a-z][\w-]*|[a-z][\w-]*\s+[\w-]+\s*=\s*[^\]]{0,200})\]")
"""WordPress-style ``[button link=…]…[/button]``; plain ``[word]`` is text."""
_ENTITY = re.compile(r"(?<!\\)&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
"""An entity, unless Markdown's ``\\&`` escapes it."""
_LINE_BREAK_ENTITY = re.compile(r"&#(?:0*1[03](?![0-9])|[xX]0*[aAdD](?![0-9a-fA-F]));?")
_MOJIBAKE_ENCODINGS = (
    "latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso-8859-2",
    "mac_roman", "cp437",
)  # fmt: skip
"""The single-byte encodings ftfy undoes (its ``chardata.CHARMAP_ENCODINGS``)."""
_FTFY_ASCII = "\x0b\x1b"
"""ASCII ftfy changes and we would not: vertical tabs, terminal escape sequences."""
_FTFY_CHARACTERS = _FTFY_ASCII + (
    "\x80-\x9f\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\u2028\u2029\u206a-\u206f\u3000"
    "\ud800-\udfff\ufb00-\ufb06\ufff9-\ufffc\uff01-\uffef"
)
"""What ftfy fixes on its own: C1 controls, ligatures, line/paragraph separators,
invisible format controls, full-width forms, surrogates."""
_FTFY_DROPS = "\x00-\x08\x0e-\x1f\x7f\ufeff"
"""Characters ftfy deletes (so do we, later): between mojibake's bytes they still count."""


def _misread(byte_values: Iterable[int], encodings: Iterable[str] = _MOJIBAKE_ENCODINGS) -> str:
    """The characters these bytes become when read in any of ``encodings``, for a regex class."""
    data = bytes(byte_values)
    found = {char for name in encodings for char in data.decode(name, errors="ignore")}
    return re.escape("".join(sorted(found)))


@functools.cache
def _ftfy_suspect() -> re.Pattern[str]:
    """Text ftfy could change. Mojibake always has a misread UTF-8 lead byte
    (0xC0-0xF4) next to a misread continuation byte (0x80-0xBF), a U+FFFD, or a
    character ftfy drops; a lossy decoder may also have left a space (ftfy's
    ``restore_byte_a0``, not for MacRoman) or a "?" after certain leads.
    Anything else ftfy fixes is a known character."""
    lead = _misread(range(0xC0, 0xF5))
    continuation = _misread(range(0x80, 0xC0)) + "\ufffd" + _FTFY_DROPS
    before_space = _misread(
        b"\xc2\xc3\xc5\xce\xd0\xd9\xe2\xe3\xf0",
        (name for name in _MOJIBAKE_ENCODINGS if name != "mac_roman"),
    )
    before_question_mark = _misread(b"\xc2\xc3")
    return re.compile(
        f"[{lead}][{continuation}]|[{before_space}] |[{before_question_mark}]\\?"
        f"|[{_FTFY_CHARACTERS}]"
    )


def needs_ftfy(text: str) -> bool:
    """False when ftfy would leave NFC ``text`` as it is: most articles never pay
    for importing it."""
    if text.isascii():
        return any(char in text for char in _FTFY_ASCII)
    return _ftfy_suspect().search(text) is not None


Markup = Literal["html", "remnants", "none"]
"""How to read tags in the text: see ``repair_text``."""


def repair_text(text: str, *, markup: Markup = "html") -> str:
    """Return text a reader would see: fixed mojibake, real characters, plain spaces.

    ``markup``: ``"html"`` for an HTML fragment: its tags become line breaks, its
    scripts, styles and comments go. ``"remnants"`` for text and Markdown files:
    the HTML formatting tags a scraper left (``<p>``, ``<br>``, ``<b>``, ``<a …>``,
    WordPress shortcodes) go, but whatever else looks like markup (``<script>``
    and its content, ``<mj-raw>``, ``<!-- -->``) is the article's words and stays.
    ``"none"`` for text an extractor took from a page: nothing in it is markup.
    Entities are decoded only after tags are gone, so ``&lt;script&gt;`` is always
    text, never a tag; one that Markdown escapes (``\\&amp;``) stays as written.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markup == "html":
        text = _drop_comments(_drop_hidden_elements(text))
    if markup != "none":
        text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("\n", text))
        text = _SHORTCODE.sub(" ", text)
    for _ in range(3):  # "&amp;amp;" needs more than one pass
        if not _ENTITY.search(text):
            break
        # a line break written as an entity is whitespace inside a paragraph, never a new one
        text = _ENTITY.sub(lambda m: html.unescape(m[0]), _LINE_BREAK_ENTITY.sub(" ", text))
    # NFC as ftfy sees it (U+0387 is mojibake's "·"); a leading BOM goes either way
    text = unicodedata.normalize("NFC", text).removeprefix("\ufeff")
    if needs_ftfy(text):
        import ftfy

        # ftfy repairs mojibake like "â€™"; keep curly quotes as the publisher wrote them.
        text = ftfy.fix_text(
            text,
            uncurl_quotes=False,
            fix_latin_ligatures=True,
            unescape_html=False,
            normalization="NFC",
        )
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return "\n".join(_unquoted(lines))


MAX_QUOTE_LEVELS = 5


def _unquoted(lines: list[str]) -> list[str]:
    """A text quoted whole (every line starts with ``>``, as in a forwarded or
    replied-to email) without its quoting, one level at a time."""
    for _ in range(MAX_QUOTE_LEVELS):
        written = [line for line in lines if line]
        if len(written) < 2 or not all(line.startswith(">") for line in written):
            break
        lines = [line[1:].lstrip(" ") for line in lines]
    return lines


def _drop_hidden_elements(text: str) -> str:
    """Remove ``<script>``/``<style>``/``<noscript>`` elements with their content.

    A loop, not a non-greedy regex: the regex rescans to the end of the text
    for every opener that is never closed (quadratic: minutes on 1 MB).
    """
    out, position, unclosed = [], 0, set()
    while match := _HIDDEN_OPEN.search(text, position):
        name = match[1].lower()
        end = None if name in unclosed else _HIDDEN_CLOSE[name].search(text, match.end())
        if end is None:
            unclosed.add(name)  # no closer after this one means none after later ones either
            out.append(text[position : match.end()])
            position = match.end()
        else:
            out.append(text[position : match.start()])
            position = end.end()
    out.append(text[position:])
    return "".join(out)


def _drop_comments(text: str) -> str:
    """Remove ``<!-- … -->`` in linear time (an unclosed ``<!--`` stays as text)."""
    out, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[position:start])
        position = end + 3
    out.append(text[position:])
    return "".join(out)
