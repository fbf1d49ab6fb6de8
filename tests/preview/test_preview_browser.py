"""The preview page in Debian's headless Chromium: phone width, forced dark and light, live reload.

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
from cdp_pipe import HEADLESS_FLAGS, Page
from preview_site import Site, write

pytestmark = pytest.mark.slow

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None
)


def _render_info(site: Site, tmp_path: Path, query: str, *flags: str) -> dict[str, str]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    command = [
        CHROMIUM,
        *HEADLESS_FLAGS,
        f"--user-data-dir={tmp_path / 'chromium'}",
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


STATE_JS = """JSON.stringify({
  version: document.documentElement.dataset.version,
  failed: !!document.getElementById("build-error"),
  title: (document.getElementById("render-info") || {dataset: {}}).dataset.title || null,
})"""


def test_open_page_reloads_itself_after_a_save_and_after_a_fix(site: Site, tmp_path: Path) -> None:
    """A real browser tab: the page follows the builds, error page included, with no help."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    import json

    page = Page(CHROMIUM, f"{site.base}/preview?width=375&scheme=dark", tmp_path / "profile")
    try:

        def shows(version: int, *, failed: bool = False, title: str | None = None) -> bool:
            state = json.loads(page.evaluate(STATE_JS) or "{}")
            return (
                state.get("version") == str(version)
                and state.get("failed") is failed
                and (failed or state.get("title") == (title or site.status()["subject"]))
            )

        site.wait_for(lambda: shows(1), "the first build in the tab")
        assert page.evaluate("window.scrollTo(0, 300), window.scrollY") == 300
        lines = site.article.read_text(encoding="utf-8").splitlines()
        new_title = "A headline the open tab must pick up by itself"
        write(site.article, "\n".join([new_title, *lines[1:]]) + "\n")
        site.wait_for(lambda: shows(2, title=new_title), "the tab to reload with the new title")
        assert page.evaluate("window.scrollY") == 300  # the reader stays where they were
        write(site.article, "")
        site.wait_for(lambda: shows(3, failed=True), "the tab to show the build error")
        write(site.article, "\n".join(lines) + "\n")
        site.wait_for(lambda: shows(4), "the tab to recover after the fix")
    finally:
        page.close()
