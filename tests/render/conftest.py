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
    """A 40-story digest under the default budget: rendered once, shared by several tests."""
    return render_newsletter(synthetic.stories(40), Settings())


@pytest.fixture(scope="session")
def digest_12() -> Newsletter:
    return render_newsletter(synthetic.stories(12), Settings())
