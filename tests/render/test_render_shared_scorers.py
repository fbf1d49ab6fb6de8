"""The measured targets, with the shared scorers: ../shared/tools/email_check.py
and browser_check.py on the seed and on 12- and 40-article digests built end
to end from synthetic Markdown files (``maildigest build``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import synthetic_articles as synthetic
from chromium_probe import chromium

import maildigest
from maildigest.config import Settings

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
GMAIL_CLIP = 102_000


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """newsletter.html of the seed and of 12 and 40 synthetic articles."""
    pages = {}
    for name, count in (("seed", 0), ("12", 12), ("40", 40)):
        folder = tmp_path_factory.mktemp(f"digest-{name}")
        inputs = [SEED] if not count else synthetic.write_article_files(folder, count)
        result = maildigest.build(inputs, out_dir=folder / "out", settings=Settings())
        pages[name] = result.files["newsletter.html"]
    return pages


def scorer(shared: Path, name: str) -> Path:
    tool = shared / "tools" / name
    if not tool.is_file():
        pytest.skip(f"{tool} is missing")
    return tool


@pytest.mark.parametrize("name", ["seed", "12", "40"])
def test_email_check_passes(shared: Path, built: dict[str, Path], name: str) -> None:
    tool = scorer(shared, "email_check.py")
    done = subprocess.run(
        [sys.executable, str(tool), str(built[name]), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0, report["failures"]
    assert report["ok"] and not report["failures"]


def test_40_article_digest_under_gmail_clip_with_every_title(built: dict[str, Path]) -> None:
    html = built["40"].read_bytes()
    assert len(html) < GMAIL_CLIP
    titles = lxml.html.document_fromstring(html).xpath("//h2[@class='md-title']")
    assert len(titles) == 40 and all(t.text_content().startswith("Story ") for t in titles)


@pytest.mark.skipif(chromium() is None, reason="chromium is not installed")
@pytest.mark.parametrize("name", ["seed", "40"])
def test_browser_check_reports_no_overflow_at_375(
    shared: Path, built: dict[str, Path], name: str, tmp_path: Path
) -> None:
    tool = scorer(shared, "browser_check.py")
    done = subprocess.run(
        [sys.executable, str(tool), str(built[name]), "--check-width", "375",
         "--widths", "375,600", "--out-dir", str(tmp_path), "--json"],
        capture_output=True, text=True, check=False, timeout=180,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["ok"]
    assert {r["width"]: r["overflow_px"] for r in report["widths"]} == {375: 0, 600: 0}
    assert not report["blocked_requests"]
