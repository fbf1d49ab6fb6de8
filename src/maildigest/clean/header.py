"""The article's header: metadata lines (dates, bylines, reading time,
datelines) and headline clean-up (date prefixes, site-name suffixes).

Scrapers glue these together in many ways (a date before the headline, a
byline and a date joined by ``|``, a place or a writer's role beside an
updated time), so a line is read segment by segment rather than matched
against a list of known layouts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

from maildigest.clean.dates import find_dates, parse_date


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


METADATA_MAX_WORDS = 30
BYLINE_MAX_WORDS = 5
"""Longer lines are never metadata only."""
_SEGMENT_SPLIT = re.compile(r"\s*(?:[|•·]|\s[-–—]\s)\s*")
_PUBLISHED = r"(?:first\s+|originally\s+)?(?:published|posted|date[d]?|released|created|written)"
_UPDATED = r"(?:last\s+)?(?:updated|modified|edited|revised)"
_LABEL = re.compile(rf"\b(?:{_PUBLISHED}|{_UPDATED})\b\s*(?:on|at)?\s*:?", re.I)
_UPDATED_LABEL = re.compile(rf"\b{_UPDATED}\b", re.I)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I
)
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d\d){1,2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)", re.I
)
_ZONE = re.compile(
    r"\b(?:[A-Z]{1,2}[SD]?T|UTC|GMT|CES?T|IST|AEST|BST|Z)\b(?:\s*[+-]\d{1,4})?|(?<![\w:])[+-]\d\d:?\d\d\b"
)
_READ_TIME = re.compile(
    r"^[^\w\s]*\s*(?:(?:(?:estimated|est\.?)\s+)?(?:reading|read|listening)\s+time|time\s+to\s+read|"
    r"listen)?\s*[:·|-]?\s*(?:about\s+|approx\.?\s+|~\s*)?\d+\s*(?:-\s*)?"
    r"min(?:ute)?s?\.?(?:\s+(?:read|reading|to read|listen))?$",
    re.I,
)
"""``5 min read``, ``Reading time: 4 minutes``, ``⏱ 6 min``, ``Listen · 5 min``."""
_RELATIVE = re.compile(
    rf"^(?:(?:{_PUBLISHED}|{_UPDATED})\s*:?\s*)?(?:about\s+|an?\s+|\d+\s*)"
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\s+ago$",
    re.I,
)
"""``Updated 3 hours ago``: says when, but not which day."""
_BYLINE = re.compile(
    r"^(?:by|(?:written|words|story|text|reporting|reported|photos?)\s+by|"
    r"(?:authors?|words|text|writer|reporter|byline)\s*:)\s*:?\s+"
    r"(?P<name>[^\d,;:|()]{2,60}?)(?:\s+(?:on|at))?(?:\s*,\s*(?P<role>[^\d|]{2,60}))?$",
    re.I,
)
_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}$")
"""A bare name or place beside a date (``Jane Roe | May 2, 2020``): part of the
metadata line, though not reliably the author."""
_NAME_ROLE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2},\s*(?:[\w'’.&-]+\s+){0,3}[A-Z][\w'’.-]+$"
)
"""A dateline or a writer with a role beside a date (``Oslo, Foreign Desk``,
``Jo Lee, Science Editor``): a capitalised name, a comma, a capitalised label."""
_DATE_LABEL = re.compile(r"[A-Za-z][\w'’-]*(?: [\w'’-]+){0,2},\s*")
"""A short label, a comma, then the date (``Match report, 9 March 2024``); a
headline holding a date has no comma before it (``Opening Bell 11.18.2019``)."""
_METADATA_HINT = re.compile(r"\d|\b(?:ago|by|author)\b|^\w+\s*:", re.I)
"""Every metadata line has a digit (a date, a reading time), ``ago`` or a byline's
``by``/``author``: lines without are ruled out before the full parse."""
_FILLER = re.compile(r"^[\s,;:()\[\]@-]*(?:on|at|the)?[\s,;:()\[\]@-]*$", re.I)


def metadata_of(line: str) -> Header | None:
    """A header if ``line`` holds only metadata (dates, byline, reading time,
    a dateline), else None. A published date wins over an updated one."""
    if not _METADATA_HINT.search(line) or len(line.split()) > METADATA_MAX_WORDS:
        return None
    published: dt.date | None = None
    updated: dt.date | None = None
    author: str | None = None
    useful = False
    for segment in _SEGMENT_SPLIT.split(line.strip()):
        segment = segment.strip()
        if not segment:
            continue
        dates = find_dates(segment)
        if dates:
            day = dates[0][0]
            if _UPDATED_LABEL.search(segment[: dates[0][1].start()]):
                updated = updated or day
            else:
                published = published or day
            rest = segment
            for _, match in reversed(dates):
                rest = rest[: match.start()] + " " + rest[match.end() :]
            rest = _strip_date_words(rest).strip(" ,;:|")
            byline = _BYLINE.match(rest)
            if byline and len(byline["name"].split()) <= BYLINE_MAX_WORDS:
                author = author or byline["name"].strip()
            elif not (_FILLER.match(rest) or _DATE_LABEL.fullmatch(segment[: dates[0][1].start()])):
                return None
            useful = True
            continue
        byline = _BYLINE.match(segment)
        if byline and len(byline["name"].split()) <= BYLINE_MAX_WORDS:
            author = author or byline["name"].strip()
            useful = True
        elif _READ_TIME.match(segment) or _RELATIVE.match(segment):
            useful = True
        elif _LABEL.fullmatch(segment) or _NAME.match(segment) or _NAME_ROLE.match(segment):
            continue
        elif not _FILLER.match(_strip_date_words(segment)):
            return None
    if not useful:
        return None
    return Header(date=published or updated, author=author)


def is_labelled_metadata(line: str) -> bool:
    """Metadata that says what it is (``Published …``, ``By …``, ``5 min read``):
    safe to drop even in the middle of an article."""
    meta = metadata_of(line)
    if meta is None:
        return False
    stripped = line.strip()
    dates = find_dates(stripped)
    return bool(
        meta.author
        or _LABEL.search(stripped)
        or any(_READ_TIME.match(segment.strip()) for segment in _SEGMENT_SPLIT.split(stripped))
        or _RELATIVE.match(stripped)
        or _FILLER.match(_strip_date_words(_remove_dates(stripped)))
        or bool(dates and _DATE_LABEL.fullmatch(stripped[: dates[0][1].start()]))
    )


def _strip_date_words(text: str) -> str:
    return _TIME.sub(" ", _ZONE.sub(" ", _WEEKDAY.sub(" ", _LABEL.sub(" ", text))))


def _remove_dates(text: str) -> str:
    for _, match in reversed(find_dates(text)):
        text = text[: match.start()] + " " + text[match.end() :]
    return text


_DATE_EDGE_SEPARATORS = " |•·-–—,:;()[]"


def split_title_date(line: str) -> tuple[str, dt.date | None]:
    """``date 2023-10-19 Headline``, ``[2019-11-19] Headline`` or ``Headline |
    March 3, 2021`` -> the headline and its date."""
    text = line.strip()
    dates = find_dates(text)
    if not dates:
        return text, None
    day, match = dates[0]
    before = _LABEL.sub("", _strip_date_words(text[: match.start()])).strip(_DATE_EDGE_SEPARATORS)
    if not before or re.fullmatch(r"(?i)date|on", before):
        return text[match.end() :].strip(_DATE_EDGE_SEPARATORS), day
    day, match = dates[-1]
    after = _strip_date_words(text[match.end() :]).strip(_DATE_EDGE_SEPARATORS)
    if not after:
        head = _LABEL.sub("", text[: match.start()])
        return re.sub(r"\s*(?:[|•·]|\s[-–—])\s*$", "", head.strip(" ,:;([")).strip(), day
    return text, None


_SUFFIX = re.compile(r"^(?P<head>.+)\s+(?:[|•·»]|::|[-–—])\s+(?P<site>[^|•·»–—]+?)\s*$")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|co|info|io|news|tv|uk|de|fr|in|au|ca)\b", re.I)
_DANGLING_SEPARATOR = re.compile(r"\s+(?:[|•·»]|::|[-–—])$")
MAX_SITE_WORDS = 4


def strip_site_suffix(
    title: str, *, known_site: str | None = None, context: str = "", mentions: int = 1
) -> str:
    """``Headline – Site`` -> ``Headline``. The tail must look like a site name:
    short, and a domain, ending in a capitalised word, the page's known site, or
    a name the document (``context``) mentions at least ``mentions`` times.
    ``Review – bold, noisy, and over far too soon`` is left alone. A separator
    left dangling (the site name wrapped onto the next line) goes too."""
    title = _DANGLING_SEPARATOR.sub("", title.strip())
    match = _SUFFIX.match(title)
    if not match:
        return title
    head, site = match["head"].strip(), match["site"].strip()
    if known_site and site.casefold() == known_site.casefold():
        return head
    words = site.split()
    if len(words) > MAX_SITE_WORDS or len(head.split()) < 2 or site[-1:] in ".?!,;:":
        return title
    looks_like_name = (
        bool(_DOMAIN.search(site))
        or words[-1][:1].isupper()
        or words[-1][:1].isdigit()
        or context.casefold().count(site.casefold()) >= mentions
    )
    return head if looks_like_name else title
