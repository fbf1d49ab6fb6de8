"""Read the article's header: headline, date and byline, in whatever order
scrapers glued them together (``date 2023-10-19 Headline``, ``By X | 3 min read``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from maildigest.clean.dates import find_date, parse_date

HEADER_WINDOW = 8
"""How many leading blocks may hold the headline and its metadata."""

_META_LABEL = re.compile(
    r"^(?:date|dated|published|posted|updated|last updated|modified|first published|"
    r"originally published)\s*(?:on|at)?\s*[:\-–—|]?\s*",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written by|words by|author|reporting by)\s*[:\-]?\s+(?P<name>[^|•·\n]{2,80}?)"
    r"\s*(?:$|[|•·,]|\s[-–—]\s|\bon\b|\bpublished\b|\bupdated\b)",
    re.I,
)
_SEPARATORS = " |•·-–—,:;()"
_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\b", re.I)
_READ_TIME = re.compile(r"\b\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s*(?:read|reading)\b", re.I)


@dataclass(frozen=True)
class Header:
    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None
    language: str | None = None

    def merged_with(self, other: Header) -> Header:
        """Fill this header's gaps from ``other``; what this one knows wins."""
        return replace(
            self,
            **{
                f.name: getattr(other, f.name)
                for f in fields(self)
                if getattr(self, f.name) in (None, "") and getattr(other, f.name)
            },
        )

    @classmethod
    def from_hints(cls, hints: dict[str, str]) -> Header:
        return cls(
            title=hints.get("title") or None,
            date=parse_date(hints.get("date")),
            author=hints.get("author") or None,
            url=hints.get("url") or None,
            site=hints.get("site") or None,
            language=hints.get("language") or None,
        )


def metadata_of(line: str) -> Header | None:
    """A header if ``line`` is only metadata (date, byline, reading time), else None."""
    rest = _META_LABEL.sub("", line.strip(), count=1)
    date = author = None
    found = find_date(rest)
    if found:
        date = found[0]
        rest = rest[: found[1].start()] + " " + rest[found[1].end() :]
    byline = _BYLINE.match(rest.strip(_SEPARATORS))
    if byline:
        author = byline.group("name").strip()
        rest = rest.strip(_SEPARATORS)[byline.end("name") :]
    rest = _TIME_OF_DAY.sub(" ", _READ_TIME.sub(" ", rest))
    rest = _META_LABEL.sub("", rest.strip(_SEPARATORS)).strip(_SEPARATORS)
    if rest == line.strip() or len(rest.split()) > 3:
        return None
    return Header(date=date, author=author)


def read_header(blocks: list[str]) -> tuple[Header, list[str]]:
    """Take the headline and metadata from the top of ``blocks``; return the rest."""
    header = Header()
    body: list[str] = []
    for index, block in enumerate(blocks):
        if index >= HEADER_WINDOW or (header.title and not metadata_of(block)):
            body.extend(blocks[index:])
            break
        meta = metadata_of(block)
        if meta is not None:
            header = header.merged_with(meta)
            continue
        if header.title is None and _could_be_title(block):
            title, meta = _strip_title_metadata(block)
            header = replace(header.merged_with(meta), title=title)
            continue
        body.append(block)
    return header, body


def _could_be_title(block: str) -> bool:
    words = block.split()
    return (2 <= len(words) <= 30 and not block.endswith((".", ",", ";"))) or block.endswith("?")


def _strip_title_metadata(block: str) -> tuple[str, Header]:
    """``date 2023-10-19 Headline`` or ``Headline | March 3, 2021`` -> headline + date."""
    text = block
    date = None
    label = _META_LABEL.match(text)
    found = find_date(text)
    if found and found[1].start() <= (label.end() if label else 0):
        date = found[0]
        text = text[found[1].end() :]
    elif found and found[1].end() >= len(text.rstrip(" )]")) - 1:
        date = found[0]
        text = text[: found[1].start()]
    text = re.sub(r"\s*(?:[|•·]|\s[-–—]\s)\s*$", "", text.strip(" |•·-–—,:"))
    return text.strip(), Header(date=date)
