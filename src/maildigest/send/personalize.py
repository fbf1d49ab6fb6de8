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


def has_placeholders(text: str) -> bool:
    # a cheap test first: most parts of most newsletters have no placeholder
    return "recipient" in text.lower() and PLACEHOLDER.search(text) is not None


def _value(match: re.Match[str], fields: Mapping[str, str]) -> str:
    value = fields.get(match["field"].lower(), "")
    if not value.strip():
        value = html.unescape(match["default"] or "")
    return value


def _fill(text: str, fields: Mapping[str, str], escape: Callable[[str], str]) -> str:
    return PLACEHOLDER.sub(lambda m: escape(_value(m, fields)), text)


def _url_value(value: str) -> str:
    return quote(single_line(value), safe="@")


def fill_html(text: str, fields: Mapping[str, str]) -> str:
    """HTML: URL-encoded (then HTML-escaped) in link attributes, HTML-escaped elsewhere."""
    if not has_placeholders(text):
        return text

    def attribute(match: re.Match[str]) -> str:
        value = _fill(match["value"], fields, lambda v: html.escape(_url_value(v), quote=True))
        return f"{match['head']}{match['q']}{value}{match['q']}"

    text = _URL_ATTRIBUTE.sub(attribute, text)
    return _fill(text, fields, lambda v: html.escape(v, quote=True))


def fill_text(text: str, fields: Mapping[str, str]) -> str:
    """Plain text or a header: URL-encoded inside URLs, single-line elsewhere."""
    if not has_placeholders(text):
        return text
    text = _URL_TOKEN.sub(lambda m: _fill(m[0], fields, _url_value), text)
    return _fill(text, fields, single_line)
