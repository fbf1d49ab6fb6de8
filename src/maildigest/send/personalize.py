"""Fill ``{{ recipient.FIELD }}`` placeholders left in a built newsletter.

WHY not Jinja: the built files are final HTML/text, and recipient data must
never be able to run template code. A placeholder is a fixed, tiny syntax:

    {{ recipient.name }}    {{ recipient.name | default("reader") }}

A missing or empty field gives the default (or nothing). Values are escaped
for where they land: HTML-escaped in HTML, percent-encoded inside a URL
(``href``/``src`` attributes, ``https://…``/``mailto:`` tokens in text and
headers), and made single-line in text and headers. The build step may have
URL-escaped a placeholder inside a link (``{{%20recipient.email%20}}``), or
wrapped one across lines in the plain text: both forms are recognised.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from maildigest.text import single_line

_SPACE = r"(?:\s|%20)*"
_OPEN = r"(?:\{\{|%7B%7B)"
_CLOSE = r"(?:\}\}|%7D%7D)"
_QUOTE = r"(?:\"|'|&quot;|&\#34;|&\#39;|%22|%27)"
PLACEHOLDER = re.compile(
    rf"{_OPEN}{_SPACE}recipient\.(?P<field>\w+){_SPACE}"
    rf"(?:\|{_SPACE}default{_SPACE}\({_SPACE}{_QUOTE}(?P<default>.*?){_QUOTE}{_SPACE}\){_SPACE})?"
    rf"{_CLOSE}",
    re.IGNORECASE | re.DOTALL,
)
_URL_ATTRIBUTE = re.compile(
    r"""(?P<head>\b(?:href|src)\s*=\s*)(?P<q>["'])(?P<value>.*?)(?P=q)""", re.I | re.S
)
_URL_TOKEN = re.compile(r"(?:https?://|mailto:)(?:[^\s{<>\"']|\{\{[^}]*\}\})+", re.I)


Escape = Callable[[str], str]
_SLOT = "\x00"
"""Marks a placeholder in a compiled template; never part of a valid email body."""
_SLOT_MARK = re.compile(f"{_SLOT}(\\d+){_SLOT}")


def has_placeholders(text: str) -> bool:
    # a cheap test first: most parts of most newsletters have no placeholder
    return "recipient" in text.lower() and PLACEHOLDER.search(text) is not None


@dataclass(frozen=True)
class Template:
    """A text with its placeholders found once, filled cheaply per recipient.

    ``pieces`` are the literal runs around the placeholders; each slot is
    (field, default, escape for where it stands).
    """

    pieces: tuple[str, ...]
    slots: tuple[tuple[str, str, Escape], ...] = ()

    def fill(self, fields: Mapping[str, str]) -> str:
        out = [self.pieces[0]]
        for (name, default, escape), literal in zip(self.slots, self.pieces[1:], strict=True):
            value = fields.get(name, "")
            out += (escape(value if value.strip() else default), literal)
        return "".join(out)


def _compile(
    text: str, mark: Callable[[str, Callable[[re.Match[str], Escape], str]], str]
) -> Template:
    if not has_placeholders(text):
        return Template((text,))
    slots: list[tuple[str, str, Escape]] = []

    def slot(match: re.Match[str], escape: Escape) -> str:
        slots.append((match["field"].lower(), html.unescape(match["default"] or ""), escape))
        return f"{_SLOT}{len(slots) - 1}{_SLOT}"

    # slots are found in two passes (URLs first): the marks carry their number
    parts = _SLOT_MARK.split(mark(text.replace(_SLOT, ""), slot))
    order = [int(number) for number in parts[1::2]]
    return Template(tuple(parts[::2]), tuple(slots[n] for n in order))


def _url_value(value: str) -> str:
    return quote(single_line(value), safe="@")


def _html_url_value(value: str) -> str:
    return html.escape(_url_value(value), quote=True)


def _html_value(value: str) -> str:
    return html.escape(value, quote=True)


def _mark_html(text: str, slot: Callable[[re.Match[str], Escape], str]) -> str:
    def attribute(match: re.Match[str]) -> str:
        value = PLACEHOLDER.sub(lambda m: slot(m, _html_url_value), match["value"])
        return f"{match['head']}{match['q']}{value}{match['q']}"

    return PLACEHOLDER.sub(lambda m: slot(m, _html_value), _URL_ATTRIBUTE.sub(attribute, text))


def _mark_text(text: str, slot: Callable[[re.Match[str], Escape], str]) -> str:
    def url(match: re.Match[str]) -> str:
        return PLACEHOLDER.sub(lambda m: slot(m, _url_value), match[0])

    return PLACEHOLDER.sub(lambda m: slot(m, single_line), _URL_TOKEN.sub(url, text))


@lru_cache(maxsize=32)
def compile_html(text: str) -> Template:
    """HTML: URL-encoded (then HTML-escaped) in link attributes, HTML-escaped elsewhere."""
    return _compile(text, _mark_html)


@lru_cache(maxsize=32)
def compile_text(text: str) -> Template:
    """Plain text or a header: URL-encoded inside URLs, single-line elsewhere."""
    return _compile(text, _mark_text)


def fill_html(text: str, fields: Mapping[str, str]) -> str:
    """``text`` is compiled once (cached), then filled: cheap for the next recipient."""
    return compile_html(text).fill(fields)


def fill_text(text: str, fields: Mapping[str, str]) -> str:
    """``text`` is compiled once (cached), then filled: cheap for the next recipient."""
    return compile_text(text).fill(fields)
