"""Responsive layout in headless Chromium: no horizontal scroll at 375 px, 600 px max."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
import synthetic_articles as synthetic
from chromium_probe import chromium, measure
from synthetic_articles import Render

from maildigest.config import Settings
from maildigest.models import Newsletter
from maildigest.pipeline import build

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sources"))
from newsite import feed_with_pictures

pytestmark = pytest.mark.skipif(chromium() is None, reason="chromium is not installed")


def assert_fits(html: str) -> None:
    result = measure(html, [375, 600, 900])
    for width in (375, 600):
        assert result[width]["viewport"] == width
        assert result[width]["scrollWidth"] <= width, f"horizontal scroll at {width}px"
        assert result[width]["widest"] <= width + 0.5
    # on a wide screen the email stays a 600 px column
    assert result[900]["widest"] <= 900
    assert result[900]["scrollWidth"] == 900


def test_digest_fits_phone_and_desktop_widths(digest_12: Newsletter) -> None:
    assert_fits(digest_12.html)


def test_long_unbroken_words_logo_and_shortened_stories_fit(render: Render) -> None:
    stories = synthetic.stories(6)
    long_word = "Supercalifragilistic" * 8
    url = "https://news.example.com/" + "segment/" * 20
    first = stories[0]
    stories[0] = dataclasses.replace(
        first,
        article=dataclasses.replace(
            first.article,
            title=f"{long_word} title",
            paragraphs=(f"{long_word} {url}", *first.article.paragraphs),
        ),
    )
    newsletter = render(
        stories,
        logo_url="https://cdn.example.com/logo-1200x300.png",
        size_budget=30_000,
        digest_from=0,
    )
    assert not all(s.full_text for s in newsletter.stories)
    assert_fits(newsletter.html)


MAX_DIGEST_HEIGHT = 6_000
"""A 6-story digest on a 375 px phone: the issue's target (about ten screens)."""


def test_six_story_digest_with_images_is_short_on_a_phone(tmp_path: Path) -> None:
    """Built with the default settings from a feed carrying each article's full text
    and picture. Remote images do not load here; Chromium still gives each its
    box from the width and height attributes, so the page is as tall as with them."""
    feed = tmp_path / "six.rss"
    feed.write_text(feed_with_pictures(6), encoding="utf-8")
    newsletter = build([feed], settings=Settings()).newsletter
    result = measure(newsletter.html, [375])[375]
    assert result["scrollWidth"] <= 375
    assert len(result["imageHeights"]) == 6 and min(result["imageHeights"]) > 150
    assert result["height"] <= MAX_DIGEST_HEIGHT, result["height"]
    # the web version holds at a phone's width too
    assert measure(newsletter.web, [375])[375]["scrollWidth"] <= 375
