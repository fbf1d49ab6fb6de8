"""Markdown, wherever it turns up (``.md`` files, or scraped text that kept
``**bold**`` and ``[links](…)``): front matter gives title/date/author, and
markdown-it (``js-default``: no raw HTML, no ``javascript:`` links) turns each
block's inline syntax into plain text. Links keep their text."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from maildigest.clean.dates import parse_date
from maildigest.clean.header import Header
from maildigest.clean.layout import Block
from maildigest.sanitize import MAX_MARKDOWN_DELIMITERS, cap_markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

FRONT_MATTER_WINDOW = 4000
"""Front matter may follow a little page chrome; look this many characters in."""

_FRONT_MATTER = re.compile(
    r"(?:\A|\n)---[ \t]*\n(?P<body>(?:[ \t]*\n)*(?:[ \t]*[A-Za-z_][\w-]*[ \t]*:.*\n(?:[ \t]*\n)*)+)"
    r"---[ \t]*(?:\n|\Z)"
)
_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$", re.M)
_BLOCK_MARKER = re.compile(r"^(?:(?P<heading>#{1,6})[ \t]+|>[ \t]?|(?P<item>[-*+•])[ \t]+(?=\S))")
_RULE_LINE = re.compile(r"^[ \t]*(?:[-=*_~][ \t]*){3,}$")
_SPACE_RUN = re.compile(r"[ \t]{2,}")
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
"""``[text][1]`` whose definition is elsewhere (or lost): keep the text."""
_INLINE_SYNTAX = re.compile(
    r"\]\(|\]\[|[*_~`]{1,3}\S|\\[!-/:-@\[-`{-~]|<https?://|&(?:#[0-9xX]|[A-Za-z])\w{0,31};"
)
"""Inline Markdown worth parsing: ``\\`` before any ASCII punctuation is an escape,
and entities are Markdown's to decode."""


def split_front_matter(text: str) -> tuple[Header, str]:
    """YAML-style front matter near the top -> its header, and the text after it
    (anything before the block is page chrome)."""
    match = _FRONT_MATTER.search(text[:FRONT_MATTER_WINDOW])
    if not match:
        return Header(), text
    fields = {m["key"].lower(): _unquote(m["value"]) for m in _FIELD.finditer(match["body"])}
    header = Header(
        title=fields.get("title") or None,
        date=parse_date(fields.get("date") or fields.get("published") or fields.get("pubdate")),
        author=fields.get("author") or None,
        url=fields.get("url") or fields.get("link") or fields.get("canonical") or None,
        site=fields.get("site") or fields.get("source") or None,
        language=fields.get("lang") or fields.get("language") or None,
    )
    return header, text[match.end() :]


def _unquote(value: str) -> str:
    """YAML scalar: one pair of matching outer quotes goes, inner quotes stay."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    return value


def render_block(block: str, *, inline: bool = True) -> Block:
    """One block as plain text, remembering whether it was a heading or a list item.

    ``inline=False`` for text that came from HTML: its ``*``, ``_`` and brackets
    are the page's words (``2*3*4``), not Markdown to read."""
    if _RULE_LINE.match(block):
        return Block("")
    heading = list_item = False
    marker = _BLOCK_MARKER.match(block)
    if marker:
        heading = bool(marker["heading"])
        list_item = bool(marker["item"])
        block = block[marker.end() :]
        if heading:
            block = re.sub(r"[ \t]+#+[ \t]*$", "", block)
    if inline and _INLINE_SYNTAX.search(block) and not _delimiter_storm(block):
        block = _REFERENCE_LINK.sub(r"\1", _render_inline(cap_markdown(block)))
    # Markup that renders to nothing (``![]()``) leaves runs of spaces: one space each,
    # so no later step rescans a run once per position.
    return Block(_SPACE_RUN.sub(" ", block).strip(), heading=heading, list_item=list_item)


def _delimiter_storm(block: str) -> bool:
    return sum(block.count(mark) for mark in "*_`~") > MAX_MARKDOWN_DELIMITERS


def _render_inline(text: str) -> str:
    tokens = _parser().parseInline(text)
    parts: list[str] = []
    for child in (tokens[0].children or []) if tokens else []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")
