"""Find publication dates written the ways news sites write them."""

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
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(
        r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?:[T ][\d:.+Z-]*)?\b"
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    re.compile(
        _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(r"\b(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
]


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first well-formed calendar date in ``text`` and where it stands."""
    best: tuple[dt.date, re.Match[str]] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed and (best is None or match.start() < best[1].start()):
                best = (parsed, match)
                break
    return best


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    found = find_date(value)
    return found[0] if found else None


def _to_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
