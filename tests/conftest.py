"""Shared fixtures: paths to the project's seed and to ../shared material."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed() -> Path:
    return SEED


@pytest.fixture
def shared() -> Path:
    """../shared beside the project; tests that need it skip clearly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project (needed for scorers and datasets)")
    return SHARED
