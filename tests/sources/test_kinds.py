"""Inputs are told apart from their name or first bytes alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from maildigest.sources.kinds import is_url, looks_like_feed


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<rss version="2.0">', True),
        (b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b"<rdf:RDF xmlns:rdf='x'>", True),
        (b"<!DOCTYPE html><html><body><p>rss feed</p>", False),
        (b"# A markdown article about <rss> feeds", False),
    ],
)
def test_feed_sniffing_trusts_the_root_element(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("https://example.org/a", True),
        (
            "ftp://example.org/feed.xml",
            True,
        ),  # shaped like a URL: refused later, not read as a file
        ("seeds/article.txt", False),
        ("C:/news/article.txt", False),
        ("-", False),
    ],
)
def test_urls_are_told_from_paths_by_their_scheme(name: str, expected: bool) -> None:
    assert is_url(name) is expected


def test_sorting_inputs_does_not_load_feed_or_fetch_code() -> None:
    """A build from local files never pays for feedparser, httpx or the thread pool."""
    probe = (
        "import sys; from maildigest.sources import expand_sources; "
        "from maildigest.config import Settings; "
        "expand_sources([sys.argv[1]], Settings()); "
        "print(sorted(m for m in sys.modules if m.startswith('maildigest.sources.')))"
    )
    seed = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"
    loaded = subprocess.run(
        [sys.executable, "-c", probe, str(seed)], capture_output=True, text=True, check=True
    ).stdout
    assert "maildigest.sources.kinds" in loaded
    assert "maildigest.sources.feeds" not in loaded and "maildigest.sources.fetch" not in loaded
