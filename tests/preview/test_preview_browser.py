"""The preview page in Debian's headless Chromium: phone width, forced dark and light.

Headless Chromium will not make a window narrower than 500 px, so the phone
check goes through the preview's own 375 px iframe (what the "Phone 375"
switch shows). The page's script measures what Chromium really rendered in
that iframe — viewport, scroll width, body text colour on its background —
and writes it into ``#render-info``, which ``--dump-dom`` prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from preview_site import Site

pytestmark = pytest.mark.slow

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)


def _render_info(site: Site, tmp_path: Path, query: str, *flags: str) -> dict[str, str]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1200,900",
        *flags,
        "--dump-dom",
        f"{site.base}/preview?{query}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    import lxml.html

    page = lxml.html.fromstring(result.stdout)
    info = page.get_element_by_id("render-info")
    assert info.get("data-viewport"), f"the page script did not measure: {info.text_content()!r}"
    return {key.removeprefix("data-"): value for key, value in info.attrib.items()} | {
        "text": info.text_content()
    }


def _luminance(color: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"[\d.]+", color)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_phone_width_dark_mode_renders_the_newsletter(site: Site, tmp_path: Path) -> None:
    status = site.status()
    info = _render_info(site, tmp_path, "width=375&scheme=dark")
    assert info["viewport"] == "375"
    assert int(info["scroll-width"]) <= 375, info["text"]
    assert info["text"].startswith("fits 375 px")
    assert info["title"] == status["subject"]
    sample = info["text-sample"]
    assert len(sample) > 40 and sample[:40] in site.get("/newsletter.html").text
    # Chromium's own preference is light here: the dark colours come from the forced variant
    assert _luminance(info["background"]) < 0.25 < _luminance(info["text-color"])
    assert float(info["contrast"]) >= 4.5


def test_light_switch_stays_light_when_the_system_is_dark(site: Site, tmp_path: Path) -> None:
    forced = _render_info(site, tmp_path, "width=600&scheme=light", "--force-dark-mode")
    assert forced["viewport"] == "600"
    assert _luminance(forced["background"]) > 0.75 > _luminance(forced["text-color"])
    assert float(forced["contrast"]) >= 4.5
