"""Metadata lines, headline date prefixes and site-name suffixes."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from maildigest.clean import header
from maildigest.clean.header import (
    Header,
    is_labelled_metadata,
    metadata_of,
    split_title_date,
    strip_site_suffix,
)


@pytest.mark.parametrize(
    ("line", "day", "author"),
    [
        ("2018-04-09", dt.date(2018, 4, 9), None),
        ("Mar 3, 2021 5:00 AM ET", dt.date(2021, 3, 3), None),
        ("Published: May 2, 2020 | Updated: May 4, 2020", dt.date(2020, 5, 2), None),
        ("Last updated 4 May 2020", dt.date(2020, 5, 4), None),
        (
            "Lisbon, Harbour News Bureau | Updated : 7 July 2021, 09:15 PM",
            dt.date(2021, 7, 7),
            None,
        ),
        ("By Ada Quill | Jan. 5, 2022", dt.date(2022, 1, 5), "Ada Quill"),
        ("Posted on March 5, 2024 by Jane Roe", dt.date(2024, 3, 5), "Jane Roe"),
        ("By Ada Quill", None, "Ada Quill"),
        ("Written by Ada Quill, Science Editor", None, "Ada Quill"),
        ("Tue, 19 Nov 2019 10:32:00 +0000", dt.date(2019, 11, 19), None),
        ("19 Nov 2019 10:32 +05:30", dt.date(2019, 11, 19), None),
        ("Date: 19-Nov-2019", dt.date(2019, 11, 19), None),
        ("7 min read", None, None),
        ("Estimated reading time: 12 minutes", None, None),
    ],
)
def test_metadata_lines(line: str, day: dt.date | None, author: str | None) -> None:
    meta = metadata_of(line)
    assert meta is not None
    assert (meta.date, meta.author) == (day, author)


@pytest.mark.parametrize(
    "line",
    [
        "The storm hit on March 5, 2024 and lasted two days.",
        "By the end of the week the river had risen two metres.",
        "Festival of Lights 29 November 2018 | 20 January 2019 in the old town centre",
        "Monday 10:00PM",
    ],
)
def test_text_is_not_metadata(line: str) -> None:
    assert metadata_of(line) is None


def test_labelled_metadata_is_safe_to_drop_anywhere() -> None:
    assert is_labelled_metadata("Updated: 2 June 2023")
    assert is_labelled_metadata("6 min read")
    assert not is_labelled_metadata("Exhibition 3 March 2024 | 9 June 2024")


@pytest.mark.parametrize(
    ("line", "headline", "day"),
    [
        (
            "date 2023-10-19 Rockets return to the pad",
            "Rockets return to the pad",
            dt.date(2023, 10, 19),
        ),
        (
            "[2019-11-19] Rockets return to the pad",
            "Rockets return to the pad",
            dt.date(2019, 11, 19),
        ),
        (
            "Rockets return to the pad | March 3, 2021",
            "Rockets return to the pad",
            dt.date(2021, 3, 3),
        ),
        ("Rockets return to the pad", "Rockets return to the pad", None),
    ],
)
def test_headline_date(line: str, headline: str, day: dt.date | None) -> None:
    assert split_title_date(line) == (headline, day)


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("Rockets return to the pad - Orbit Weekly", "Rockets return to the pad"),
        ("Rockets return to the pad | orbitweekly.com", "Rockets return to the pad"),
        ("Rockets return to the pad – space magazine International", "Rockets return to the pad"),
        (
            "Game review – bold, noisy, and over far too soon",
            "Game review – bold, noisy, and over far too soon",
        ),
        ("Q&A – what happens next?", "Q&A – what happens next?"),
        ("Rockets return to the pad –", "Rockets return to the pad"),  # the site wrapped away
        ("Rockets return to the pad |", "Rockets return to the pad"),
        ("Rockets return to the pad-", "Rockets return to the pad-"),
    ],
)
def test_site_suffix(title: str, clean: str) -> None:
    assert strip_site_suffix(title) == clean


def test_site_suffix_named_elsewhere_in_the_document() -> None:
    title = "Rockets return to the pad - the orbit desk"
    assert strip_site_suffix(title) == title
    assert strip_site_suffix(title, context="© the orbit desk") == "Rockets return to the pad"


def test_header_merge_keeps_what_is_known() -> None:
    merged = Header(title="A").merged_with(Header(title="B", author="C"))
    assert (merged.title, merged.author) == ("A", "C")


def test_bare_name_beside_a_date_is_metadata_but_a_headline_is_not() -> None:
    meta = metadata_of("Jane Roe | November 19, 2019 | 4 min read")
    assert meta is not None and meta.date == dt.date(2019, 11, 19)
    assert metadata_of("Harbour Reopens After Repairs | Nov 19, 2019") is None
    assert split_title_date("Harbour Reopens After Repairs | Nov 19, 2019") == (
        "Harbour Reopens After Repairs",
        dt.date(2019, 11, 19),
    )


@pytest.mark.parametrize("line", ["Updated 3 hours ago", "Published: 2 days ago", "an hour ago"])
def test_relative_times_are_metadata_without_a_date(line: str) -> None:
    meta = metadata_of(line)
    assert meta is not None and meta.date is None
    assert is_labelled_metadata(line)


def test_the_quick_metadata_hint_changes_no_verdict(
    messy_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines without a digit, "ago", "by" or "author" skip the full parse: on every
    line of the messy-dev inputs the verdict is the same without that shortcut."""
    lines = [line.strip() for line in messy_lines]
    quick = [metadata_of(line) for line in lines]
    monkeypatch.setattr(header, "_METADATA_HINT", re.compile(""))
    assert [metadata_of(line) for line in lines] == quick
    assert sum(meta is not None for meta in quick) > 100


@pytest.mark.parametrize(
    ("line", "day", "author"),
    [
        ("Oslo, Foreign Desk | 3 March 2024", dt.date(2024, 3, 3), None),
        ("Apr 24 2024 | Jo Lee, Science Editor", dt.date(2024, 4, 24), None),
        ("17.05.2024 | Words: Ana Costa", dt.date(2024, 5, 17), "Ana Costa"),
        ("Match report, 9 March 2024", dt.date(2024, 3, 9), None),
    ],
)
def test_datelines_roles_and_labels_beside_a_date(
    line: str, day: dt.date, author: str | None
) -> None:
    meta = metadata_of(line)
    assert meta is not None and (meta.date, meta.author) == (day, author)


@pytest.mark.parametrize("line", ["Opening Bell 11.18.2019", "Storm hits the coast, 3 March 2024"])
def test_a_headline_holding_a_date_is_not_metadata(line: str) -> None:
    assert metadata_of(line) is None
