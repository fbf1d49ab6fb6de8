"""Find publication dates written the ways news sites write them.

Recognised: ISO (``2019-11-19``, ``2019-11-19T08:30Z``), ``2019/11/19``,
``Nov. 19, 2019``, ``Tuesday, 19 November 2019``, ``19th of November 2019``,
``19-Nov-2019``, ``11/19/2019`` (US) or ``19/11/2019`` (day first when the
first number can't be a month; also with hyphens), ``19.11.2019``, ``[2019-11-19]`` and
``2019年11月19日`` / ``2019년 11월 19일``. Only real calendar days count.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_PATTERNS = [
    re.compile(
        r"(?<!\d)"
        + _YEAR
        + r"-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?:[T ]\d\d:\d\d[\d:.]*(?:Z|[+-]\d\d:?\d\d)?)?(?!\d)"
    ),
    re.compile(r"(?<!\d)" + _YEAR + r"[/.](?P<mnum>[01]?\d)[/.](?P<day>[0-3]?\d)(?!\d)"),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"\b,?\s+" + _YEAR + r"\b", re.I),
    re.compile(
        r"\b" + _DAY + r"\.?(?:\s+(?:of\s+)?|-)" + _MONTH + r"(?:,?\s+|-)" + _YEAR + r"\b", re.I
    ),
    re.compile(r"(?<![\d/-])(?P<first>[0-3]?\d)([/-])(?P<second>[0-3]?\d)\2" + _YEAR + r"(?!\d)"),
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.\s?" + _YEAR + r"(?!\d)"),
    re.compile(_YEAR + r"\s?[年년]\s?(?P<mnum>[01]?\d)\s?[月월]\s?(?P<day>[0-3]?\d)\s?[日일]"),
]


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first (leftmost) well-formed calendar date in ``text`` and where it stands."""
    dates = find_dates(text)
    return dates[0] if dates else None


def find_dates(text: str) -> list[tuple[dt.date, re.Match[str]]]:
    """Every well-formed, non-overlapping calendar date in ``text``, left to right."""
    found: list[tuple[dt.date, re.Match[str]]] = []
    if not _ANY_YEAR.search(text):  # cheap exit: most lines hold no date at all
        return found
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed and not any(_overlaps(match, other) for _, other in found):
                found.append((parsed, match))
    return sorted(found, key=lambda item: item[1].start())


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    found = find_date(value)
    return found[0] if found else None


def _overlaps(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.start() < b.end() and b.start() < a.end()


def _to_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("first"):
        first, second = int(parts["first"]), int(parts["second"])
        month, day = (second, first) if first > 12 else (first, second)
    else:
        day = int(parts["day"])
        month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
