"""Load an email in headless Chromium at given widths and read back layout and colours.

Headless Chromium will not make a window narrower than 500 px, so the email
goes into same-origin ``srcdoc`` iframes of the wanted widths: each iframe is
its own viewport for media queries. A script in the harness page (never in
the email) measures and writes the result into the DOM, which ``--dump-dom``
prints. Dark mode is Chromium's ``--force-dark-mode`` (prefers-color-scheme).
Host names resolve to nothing, so remote images never reach the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PROBES = {
    "text": ".md-story div",
    "title": ".md-title",
    "meta": ".md-meta",
    "link": ".md-story .md-link",
    "card": ".md-card-bg",
    "page": ".md-body",
    "footer": ".md-footer .md-muted",
}
"""Elements whose computed colours the tests compare (first match of each selector)."""

_HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<pre id="result"></pre>
<script>
const email = %(email)s, widths = %(widths)s, probes = %(probes)s;
function load(width) {
  return new Promise(resolve => {
    const frame = document.createElement('iframe');
    frame.style.cssText = `width:${width}px;height:900px;border:0;display:block`;
    frame.onload = () => resolve(frame);
    frame.srcdoc = email;
    document.body.appendChild(frame);
  });
}
(async () => {
  const out = {};
  for (const width of widths) {
    const frame = await load(width);
    const doc = frame.contentDocument, win = frame.contentWindow;
    const colours = {};
    for (const [name, selector] of Object.entries(probes)) {
      const el = doc.querySelector(selector);
      if (!el) continue;
      const style = win.getComputedStyle(el);
      colours[name] = {color: style.color, background: style.backgroundColor};
    }
    out[width] = {
      viewport: win.innerWidth,
      scrollWidth: doc.documentElement.scrollWidth,
      height: doc.documentElement.scrollHeight,
      imageHeights: Array.from(doc.images, image => image.getBoundingClientRect().height),
      dark: win.matchMedia('(prefers-color-scheme: dark)').matches,
      colours,
      widest: Math.max(...Array.from(doc.querySelectorAll('body *'),
                                     el => el.getBoundingClientRect().right)),
    };
  }
  document.getElementById('result').textContent = JSON.stringify(out);
})();
</script></body></html>
"""


def chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


def measure(html: str, widths: Sequence[int], *, dark: bool = False) -> dict[int, dict[str, Any]]:
    """Per width: viewport, scrollWidth, page height, each image's height, widest element
    edge, computed colours of PROBES."""
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium not found")
    script_safe = json.dumps(html).replace("</", "<\\/")
    page = _HARNESS % {
        "email": script_safe,
        "widths": json.dumps(list(widths)),
        "probes": json.dumps(PROBES),
    }
    with tempfile.TemporaryDirectory(prefix="md-browser-") as folder:
        harness = Path(folder) / "harness.html"
        harness.write_text(page, encoding="utf-8")
        args = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--disable-background-networking", "--no-first-run", "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # tests use no network: images fail fast
            f"--user-data-dir={folder}/profile", "--virtual-time-budget=10000",
            *(["--force-dark-mode"] if dark else []), "--dump-dom", harness.as_uri(),
        ]  # fmt: skip
        done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    import lxml.html

    result = lxml.html.fromstring(done.stdout or "<p></p>").xpath("//pre[@id='result']/text()")
    if not result:
        raise RuntimeError(f"chromium gave no measurement: {done.stderr[-500:]}")
    return {int(width): value for width, value in json.loads(result[0]).items()}


def rgb(css_colour: str) -> str:
    """``rgb(31, 41, 55)`` -> ``#1f2937`` (alpha, if any, is dropped)."""
    numbers = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    return "#" + "".join(f"{int(float(n)):02x}" for n in numbers[:3])
