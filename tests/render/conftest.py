"""Fixtures for render tests: real renders of synthetic stories, parsed with lxml."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic_articles as synthetic
from synthetic_articles import Render

from maildigest.config import Settings
from maildigest.models import Newsletter, Story
from maildigest.render import render_newsletter


@pytest.fixture
def render() -> Render:
    """render(stories=None, count=1, **settings) -> Newsletter, from synthetic stories by default."""

    def _render(
        stories: Sequence[Story] | None = None, count: int = 1, **settings: object
    ) -> Newsletter:
        chosen = list(stories) if stories is not None else synthetic.stories(count)
        return render_newsletter(chosen, Settings(**settings))  # type: ignore[arg-type]

    return _render


@pytest.fixture(scope="session")
def digest_40() -> Newsletter:
    """A 40-story issue with every full text asked for (``digest_from = 0``), so the size
    budget must shorten some: rendered once, shared by several tests."""
    return render_newsletter(synthetic.stories(40), Settings(digest_from=0))


@pytest.fixture(scope="session")
def digest_12() -> Newsletter:
    """12 stories in full: the most text an issue holds without shortening."""
    return render_newsletter(synthetic.stories(12), Settings(digest_from=0))


@pytest.fixture(scope="session")
def everything() -> Newsletter:
    """Every element the templates can show: full texts, images with captions, a table
    of contents, an editor's note, an issue number and a web version."""
    note = "Welcome to **issue 7**. Read [our policy](https://example.com/policy) first."
    settings = Settings(
        digest_from=0, issue_number=7, editor_note=note, web_url="https://news.example.com/7"
    )
    return render_newsletter(synthetic.stories(5, images=True), settings)


@pytest.fixture(scope="session")
def cards_40() -> Newsletter:
    """A 40-story digest in the default layout, every story with a lead image."""
    return render_newsletter(synthetic.stories(40, images=True), Settings())
