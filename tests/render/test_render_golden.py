"""Golden files: the seed's HTML and plain text, byte for byte.

They change whenever cleaning, summaries or templates change on purpose.
Regenerate, then review the diff before committing:

    MAILDIGEST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_render_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

import maildigest
from maildigest.config import Settings

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MAILDIGEST_UPDATE_GOLDEN") == "1"
REGENERATE = "MAILDIGEST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_render_golden.py"


@pytest.fixture(scope="module")
def seed_newsletter() -> maildigest.Newsletter:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"
    # the issue date is the day of the build unless set: fixed here so the files stay put
    return maildigest.build([seed], settings=Settings(issue_date="2026-12-01")).newsletter


@pytest.mark.parametrize(("name", "part"), [("seed.html", "html"), ("seed.txt", "text")])
def test_seed_matches_golden_file(
    seed_newsletter: maildigest.Newsletter, name: str, part: str
) -> None:
    got = getattr(seed_newsletter, part)
    path = GOLDEN / name
    if UPDATE:
        path.write_text(got, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8") if path.exists() else ""
    if got != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.replace(">", ">\n").splitlines(keepends=True),
                    got.replace(">", ">\n").splitlines(keepends=True),
                    fromfile=f"golden/{name}",
                    tofile="rendered",
                    n=1,
                )
            )[:40]
        )
        pytest.fail(f"{name} differs from the golden file; if intended, run: {REGENERATE}\n{diff}")
