"""The quick metadata hint is only a shortcut: it never changes a verdict.

``metadata_of`` skips its full parse for lines without a digit, "ago", "by"
or "author". This checks, on header-zone lines written for each kind (dates,
bylines, reading times, navigation, headlines, captions, prose), that every
verdict is the same with the shortcut disabled. The same comparison runs on
every messy-dev line in ``test_clean_header.py`` when ../shared is present.
"""

from __future__ import annotations

import re

import pytest

from maildigest.clean import header
from maildigest.clean.header import metadata_of

HEADER_ZONE_LINES = [
    # dates and times, labelled or not
    "2018-04-09",
    "Mar 3, 2021 5:00 AM ET",
    "Published: May 2, 2020 | Updated: May 4, 2020",
    "Tuesday, November 19",
    "Nov. 19",
    "Updated 3 hours ago",
    "an hour ago",
    "Last updated: just now",
    "Yesterday",
    "Monday",
    # bylines and authors
    "By Ada Quill | Jan. 5, 2022",
    "Posted on March 5, 2024 by Jane Roe",
    "Written by Ada Quill, Science Editor",
    "Author: Jane Roe",
    "Jane Roe",
    "Jane Roe, Science Editor",
    "Jane Roe and John Doe",
    "Jane Roe · Science",
    "Staff Reporter",
    "By",
    # reading time and other furniture
    "7 min read",
    "Estimated reading time: 12 minutes",
    "Reading time: five minutes",
    "Listen to this article",
    "Home | News | Sport",
    "Share this article",
    "Sponsored",
    "Photo: AP",
    "Editor's pick",
    # headlines and prose
    "Rockets return to the pad",
    "Harbour Reopens After Repairs | Nov 19, 2019",
    "The storm hit on March 5, 2024 and lasted two days.",
    "By the end of the week the river had risen two metres.",
    "Fishing crews said the closure had cost them most of the autumn catch.",
    "Écrit par Jeanne Roux",
    "Publié le 5 mars 2024",
]


def test_the_quick_metadata_hint_changes_no_verdict_on_our_examples(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    quick = [metadata_of(line) for line in HEADER_ZONE_LINES]
    monkeypatch.setattr(header, "_METADATA_HINT", re.compile(""))
    full = [metadata_of(line) for line in HEADER_ZONE_LINES]
    assert full == quick
    assert sum(meta is not None for meta in quick) >= 10  # the examples do hold metadata
