"""The clean stage end to end: the seed (golden), other formats, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from maildigest.clean import clean_document, clean_text
from maildigest.errors import NoContentError
from maildigest.ingest import load_document
from maildigest.models import Document

SEED_TITLE = "Leica collaboration confirmed: Xiaomi 14 series hits the stage in October"
SEED_OPENINGS = [
    "Earlier this month, we shared rumors",
    "Xiaomi shared on Weibo (via of GSMArena)",
    "According to the Weibo post",
    "Just recently, the Chinese company",
    "In terms of performance",
    "While the exact launch date remains uncertain",
    "Back in 2022, Xiaomi teamed up with Leica",
    "While the exact launch date isn't officially confirmed",
]


def test_seed_golden(seed: Path) -> None:
    article = clean_document(load_document(seed))
    assert article.title == SEED_TITLE
    assert article.date == dt.date(2023, 10, 19)
    assert len(article.paragraphs) == len(SEED_OPENINGS)
    for paragraph, opening in zip(article.paragraphs, SEED_OPENINGS, strict=True):
        assert paragraph.startswith(opening)
    assert not any("NOT allowed" in p for p in article.paragraphs)
    assert article.paragraphs[-1].endswith("expected to come next week.")


def test_same_input_same_output(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    assert clean_text(text) == clean_text(text)


SCRAPED = """\ufeffSkip to content\r
World | Business | Tech\r
Harbour reopens after repairs | Coast Times\r
Harbour reopens after repairs\r
By Ana Costa | Mar. 4, 2022\r
Share on Facebook\r
The harbour reopened on Friday after engineers finished repairs to the storm\u2011damaged sea wall, the port authority said.\r
Fishing crews said the closure had cost them most of the autumn season\u00e2\u20ac\u2122s catch.\r
Advertisement\r
The harbour reopened on Friday after engineers finished repairs to the storm-damaged sea  wall, the port authority said.\r
A longer-term plan for the wall will be published next spring, officials told [reporters](https://example.org/x).\r
\u00a9 2022 Coast Times. All rights reserved.\r
Comments (\r
"""


def test_scraped_text() -> None:
    article = clean_text(SCRAPED)
    assert article.title == "Harbour reopens after repairs"
    assert (article.date, article.author) == (dt.date(2022, 3, 4), "Ana Costa")
    assert article.paragraphs == (
        "The harbour reopened on Friday after engineers finished repairs to the storm\u2011damaged "
        "sea wall, the port authority said.",
        "Fishing crews said the closure had cost them most of the autumn season’s catch.",
        "A longer-term plan for the wall will be published next spring, officials told reporters.",
    )


MARKDOWN = """---
title: Rivers are running warmer
date: 2024-06-01
author: Sam Field
---

# Rivers are running warmer

Water temperatures in **most large rivers** have risen over the past four
decades, according to a [new study](https://example.org/study) of 300 gauges.

## Why it matters

Warmer water holds less oxygen, which stresses *cold-water* species in summer.
"""


def test_markdown_document() -> None:
    article = clean_text(MARKDOWN, format="markdown")
    assert (article.title, article.date, article.author) == (
        "Rivers are running warmer",
        dt.date(2024, 6, 1),
        "Sam Field",
    )
    assert article.paragraphs == (
        "Water temperatures in most large rivers have risen over the past four decades, "
        "according to a new study of 300 gauges.",
        "Why it matters",
        "Warmer water holds less oxygen, which stresses cold-water species in summer.",
    )


HTML = """<!doctype html><html><head><title>Storm batters the coast - Coastal Times</title>
<meta property="og:title" content="Storm batters the coast">
<meta property="og:site_name" content="Coastal Times">
<meta property="article:published_time" content="2024-01-12T08:00:00Z">
<meta name="author" content="Ana Costa"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm batters the coast</h1>
<p>A powerful storm brought winds of more than 120 km/h to the coast on Thursday night, cutting
power to thousands of homes and closing the main harbour.</p>
<p>Emergency services said they had received more than 400 calls overnight, most about fallen
trees and flooded basements.</p>
<p>Forecasters expect the wind to ease by Saturday, but warned that high tides could cause
further flooding along the estuary.</p></article>
<footer><p>© 2024 Coastal Times. All rights reserved.</p></footer></body></html>"""


def test_html_page_uses_trafilatura_and_page_metadata() -> None:
    article = clean_text(HTML)
    assert (article.title, article.date, article.author) == (
        "Storm batters the coast",
        dt.date(2024, 1, 12),
        "Ana Costa",
    )
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("A powerful storm brought winds")
    assert not any("Coastal Times" in p or p == "Home" for p in article.paragraphs)


@pytest.mark.parametrize(
    "text",
    [
        "Share on Facebook\nAdvertisement\n© 2024 Example",
        "<html><body><nav>Home</nav></body></html>",
    ],
)
def test_nothing_left_is_no_content(text: str) -> None:
    with pytest.raises(NoContentError, match=r"no article content found in page\.txt"):
        clean_text(text, origin="page.txt")


def test_html_fragment_is_read_as_text() -> None:
    fragment = (
        "<p>Harbour reopens after repairs</p>\n<p>By Ana Costa | Mar. 4, 2022</p>\n"
        "<p>The harbour reopened on Friday after engineers finished repairs to the "
        "<b>storm-damaged</b> sea wall.</p><p>Fishing crews said the closure had cost them "
        "most of the autumn season.</p>"
    )
    article = clean_text(fragment)
    assert (article.title, article.date, article.author) == (
        "Harbour reopens after repairs",
        dt.date(2022, 3, 4),
        "Ana Costa",
    )
    assert article.paragraphs == (
        "The harbour reopened on Friday after engineers finished repairs to the storm-damaged "
        "sea wall.",
        "Fishing crews said the closure had cost them most of the autumn season.",
    )


def test_the_same_page_extracts_the_same_way_every_time() -> None:
    """Extraction must not depend on what ran before in the process (no global dedup cache)."""
    page = (
        "<html><head><title>Tide tables updated</title></head><body><article>"
        "<h1>Tide tables updated</h1>"
        "<p>The harbour office published corrected tide tables for the spring season on Monday.</p>"
        "<p>Sailors had reported that the old tables were off by as much as twenty minutes.</p>"
        "</article></body></html>"
    )
    results = [clean_document(Document(page, "html", "page.html")).paragraphs for _ in range(5)]
    assert all(result == results[0] for result in results)
    assert len(results[0]) == 2


@pytest.mark.parametrize(
    ("head", "language"),
    [
        ('<html lang="de-AT">', "de-AT"),
        ('<html><head><meta property="og:locale" content="fr_FR">', "fr-FR"),
        ("<html>", "en"),
    ],
)
def test_an_html_page_keeps_its_declared_language(head: str, language: str) -> None:
    page = (
        f"{head}<head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
        "<p>The new footbridge over the river opened on Tuesday after three years of work.</p>"
        "<p>It links the old town with the new harbour district and shortens many commutes.</p>"
        "</article></body></html>"
    )
    assert clean_document(Document(page, "html", "page.html")).language == language


def test_markdown_front_matter_language() -> None:
    source = (
        "---\ntitle: Puente abierto\nlang: es\n---\n\nEl nuevo puente peatonal sobre el río se "
        "abrió el martes después de tres años de obras en el centro.\n"
    )
    assert clean_text(source, format="markdown").language == "es"


def test_a_very_large_page_keeps_its_metadata_and_text() -> None:
    """Pages over LARGE_PAGE_CHARS take the fast path: metadata from the page's head."""
    from maildigest.clean.html import LARGE_PAGE_CHARS

    filler = "".join(
        f"<p>Section {n}: the committee heard evidence from witness number {n} about the "
        f"harbour works, the costs of dredging and the timetable for phase {n % 7}.</p>"
        for n in range(LARGE_PAGE_CHARS // 120)
    )
    page = (
        '<!DOCTYPE html><html lang="en"><head><title>Harbour inquiry report</title>'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z">'
        '<meta name="author" content="Ines Duarte"></head><body><article>'
        "<h1>Harbour inquiry report</h1>"
        "<p>The harbour inquiry published its final report on Tuesday after a year of hearings.</p>"
        f"{filler}</article></body></html>"
    )
    assert len(page) > LARGE_PAGE_CHARS
    article = clean_document(Document(page, "html", "big.html"))
    assert article.title == "Harbour inquiry report"
    assert article.date == dt.date(2024, 3, 5)
    assert article.author == "Ines Duarte"
    assert article.paragraphs[0].startswith("The harbour inquiry published its final report")
