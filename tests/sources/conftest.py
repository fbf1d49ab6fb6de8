"""Fixtures for the folder/feed/URL tests: the local news site (see ``newsite``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsite import Site, start_site, stop_site

from maildigest.config import Settings


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    # fetching honours proxy variables: keep the tests' traffic on loopback whatever they say
    saved = os.environ.get("NO_PROXY")
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    site, server = start_site()
    yield site
    stop_site(site, server)
    if saved is None:
        del os.environ["NO_PROXY"]
    else:
        os.environ["NO_PROXY"] = saved


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Short timeouts so the misbehaving endpoints cost about a second."""
    return Settings(
        fetch_timeout=1,
        fetch_deadline=30,
        fetch_max_mb=1,
        state_file=str(tmp_path / "seen.json"),
        bullets=2,
    )
