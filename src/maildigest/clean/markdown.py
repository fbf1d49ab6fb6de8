"""Markdown, wherever it turns up (``.md`` files, or scraped text that kept
``**bold**`` and ``[links](…)``): front matter gives title/date/author, and
markdown-it (``js-default``: no raw HTML, no ``javascript:`` links) turns each
block's inline syntax into plain text. Links keep their text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from maildigest.clean.dates import parse_date
from maildigest.clean.header import Header
from maildigest.clean.structure import Unit, all_linked, plain_runs, tidy_runs, unit
from maildigest.models import Figure, Heading, Image, ListBlock, Paragraph, Quote, Run, Runs
from maildigest.sanitize import MAX_MARKDOWN_DELIMITERS, cap_markdown, safe_image, safe_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

FRONT_MATTER_WINDOW = 4000
"""Front matter may follow a little page chrome; look this many characters in."""

_FRONT_MATTER = re.compile(
    r"(?:\A|\n)---[ \t]*\n(?P<body>(?:[ \t]*\n)*(?:[ \t]*[A-Za-z_][\w-]*[ \t]*:.*\n(?:[ \t]*\n)*)+)"
    r"---[ \t]*(?:\n|\Z)"
)
_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$", re.M)
MAX_LIST_NUMBER = 999
"""A line opening with a larger number and a full stop starts with a year, not a list item."""

_MAY_BE_SYNTAX = re.compile(r"^[#>*+=_~`-]|^\d{1,9}[.)]\s|[\[\]*_`\\<&]")
"""A line without any of these is plain text however it is parsed: no need to parse it."""
_SPACE = re.compile(r"\s+")
_HAS_WORD = re.compile(r"\w")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]{1,999}\]:")
_REFERENCE_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")


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


def parse_blocks(
    blocks: list[str], *, markdown: bool, inline: bool = True, document: str = ""
) -> list[Unit]:
    """Each block's units, read from markdown-it's token stream (``js-default``:
    no raw HTML, links through ``safe_url``). ``document`` supplies reference
    link definitions (``[text][1]`` … ``[1]: https://…``). Plain text stays
    plain: only its headings and ``-``/``*``/``1.`` list lines are structure.
    ``inline=False`` for text that came from HTML: its ``*``, ``_`` and brackets
    are the page's words (``2*3*4``), not Markdown to read."""
    env: dict[str, Any] = {}
    if markdown and "]:" in document:
        # markdown-it collects the reference definitions into env; only the lines
        # that may be one are parsed (a whole 20 MB document would take long)
        definitions = "\n\n".join(line for line in document.splitlines() if _DEFINITION.match(line))
        _parser().parse(cap_markdown(definitions), env)
    units: list[Unit] = []
    for block in blocks:
        if inline and not _delimiter_storm(block):
            units.extend(_parse_block(block, markdown, env))
        else:
            units.append(unit(Paragraph((Run(_SPACE.sub(" ", block).strip()),))))
    return units


def _delimiter_storm(block: str) -> bool:
    """markdown-it builds a token per emphasis delimiter: past the limit the block
    is shown as written (3 MB of ``*_`` took 116 s)."""
    return sum(block.count(mark) for mark in "*_`~") > MAX_MARKDOWN_DELIMITERS


def _parse_block(block: str, markdown: bool, env: dict[str, Any]) -> list[Unit]:
    if block.startswith("• "):  # a typographic bullet: a list item in any text
        block = "- " + block[2:]
    if not _MAY_BE_SYNTAX.search(block):  # most lines of most articles
        return [unit(Paragraph((Run(block.strip()),)))]
    units: list[Unit] = []
    tokens = _parser().parse(cap_markdown(block), env)
    where = _Where()
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            where.ordered = token.type == "ordered_list_open"
            where.start = int(str(token.attrGet("start") or 1))
            if where.ordered and where.start > MAX_LIST_NUMBER:
                return _as_line(block, markdown, env)  # "1989. A year…" opens a sentence
        elif token.type == "list_item_open":
            where.items += 1
            where.number = token.info
        elif token.type == "list_item_close":
            where.items -= 1
        elif token.type == "heading_open":
            where.heading = int(token.tag[1:])
        elif token.type == "blockquote_open":
            where.quotes += 1
        elif token.type == "blockquote_close":
            where.quotes -= 1
        elif token.type == "inline":
            units.extend(_units(token, markdown, where))
            where.heading = 0
        elif token.type in ("fence", "code_block"):
            units.append(unit(Paragraph((Run(_SPACE.sub(" ", token.content).strip()),))))
    units = [u for u in units if u.layout.text or isinstance(u.content, Figure)]
    if not units and _HAS_WORD.search(block) and "]:" not in block:
        # past markdown-it's nesting limit (500 ">") the text is dropped: keep it as a line
        return _as_line(block, markdown, env)
    return units


def _as_line(block: str, markdown: bool, env: dict[str, Any]) -> list[Unit]:
    """The block as one paragraph, its block syntax read as text (inline syntax still counts)."""
    line = _parser().parseInline(cap_markdown(block), env)[0]
    return [unit(Paragraph(_inline(line, markdown)[0]))]


@dataclass
class _Where:
    """Where in the block's token stream an inline token stands."""

    items: int = 0
    ordered: bool = False
    start: int = 1
    number: str = ""
    heading: int = 0
    quotes: int = 0


def _units(token: Token, markdown: bool, where: _Where) -> list[Unit]:
    """The inline token's text as the block around it, and its images as figures."""
    runs, link = _inline(token, markdown)
    runs = _unresolved_references(runs)
    units: list[Unit] = []
    if runs and where.items:
        item = ListBlock((runs,), ordered=where.ordered, start=where.start)
        # a numbered item keeps its number in the plain text, as the reader saw it
        text = f"{where.number}. {item.text}" if where.ordered and where.number else None
        units.append(unit(item, text=text, link=link))
    elif runs and where.heading:
        content = Heading(runs, level=where.heading) if markdown else Paragraph(runs)
        units.append(unit(content, heading=True, link=link))
    elif runs:
        quote = where.quotes and markdown
        units.append(unit(Quote(runs) if quote else Paragraph(runs), link=link))
    if markdown:
        units += [unit(Figure(image)) for image in _images(token)]
    return units


def _unresolved_references(runs: Runs) -> Runs:
    """``[text][1]`` whose definition is elsewhere (or lost) keeps its text."""
    return tuple(replace(run, text=_REFERENCE_LINK.sub(r"\1", run.text)) for run in runs)


def _inline(token: Token, markdown: bool) -> tuple[Runs, bool]:
    """The inline token's runs, and whether all their text is inside links."""
    runs: list[Run] = []
    pieces: list[tuple[str, bool]] = []
    href: str | None = None
    linked = False
    emphasis = strong = 0
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            runs.append(Run(child.content, href, emphasis > 0, strong > 0))
            pieces.append((child.content, linked))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", href, emphasis > 0, strong > 0))
        elif child.type == "link_open":
            href, linked = safe_url(str(child.attrGet("href") or "")) or None, True
        elif child.type == "link_close":
            href, linked = None, False
        elif child.type in ("em_open", "em_close"):
            emphasis += 1 if child.type == "em_open" else -1
        elif child.type in ("strong_open", "strong_close"):
            strong += 1 if child.type == "strong_open" else -1
    tidy = tidy_runs(runs) if markdown else plain_runs(tidy_runs(runs))
    return tidy, all_linked(pieces)


def _images(token: Token) -> list[Image]:
    images = []
    for child in token.children or []:
        if child.type == "image":
            alt = "".join(c.content for c in child.children or [])
            title = str(child.attrGet("title") or "") or None
            image = safe_image(str(child.attrGet("src") or ""), alt, caption=title)
            if image is not None:
                images.append(image)
    return images


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("js-default")
    # Every link becomes a link token, whatever its scheme: safe_url then keeps the
    # safe ones and a link with a bad scheme keeps only its text (markdown-it's own
    # check would leave "[text](javascript:…)" as literal text).
    parser.validateLink = lambda url: True
    return parser
