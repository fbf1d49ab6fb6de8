#!/usr/bin/env python3
"""Screenshots for the README: the seed newsletter (desktop, phone and dark mode)
and a six-story digest with pictures (desktop and phone).

Usage: python docs/screenshots.py [--out-dir docs] [--chromium /usr/bin/chromium]

Builds ``seeds/xiaomi-14-leica.txt`` with the default settings, and the feed
``docs/examples/six-stories.rss`` with the default settings plus an issue
number and date, with the current templates, opens the HTML in headless Chromium and drives it over
the DevTools protocol on a pipe (``--remote-debugging-pipe``: commands on fd
3, replies on fd 4, NUL-separated JSON), so nothing but the standard library
and Debian's ``chromium`` is needed. Dark mode is real: ``Emulation.
setEmulatedMedia`` sets ``prefers-color-scheme: dark``, so the template's
``@media`` rules apply exactly as in a mail client that honours them.
Network access is cut off (every host resolves to nothing); the digest's
pictures stay remote https URLs in the email, and only here, in the browser,
each request for one is answered with a generated placeholder of the size its
URL names (``…-1200x630.jpg``), so the shots show the layout with its images.

Writes one full-page PNG per shot and ``screenshots.json`` (what was shot,
at which size, and a hash of the templates and seed they show): the test
suite compares that hash with the current templates, so the README's images
are regenerated whenever the templates change. Prints the manifest.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
DIGEST = ROOT / "docs" / "examples" / "six-stories.rss"
MANIFEST = "screenshots.json"
TIMEOUT = 60.0


PICTURE_SIZE = re.compile(r"(\d{2,4})x(\d{2,4})")


@dataclass(frozen=True)
class Shot:
    name: str
    width: int
    mobile: bool
    dark: bool
    source: str = "seed"
    """``seed`` (one article) or ``digest`` (six stories with pictures)."""


SHOTS = (
    Shot("newsletter-desktop.png", 800, mobile=False, dark=False),
    Shot("newsletter-phone.png", 375, mobile=True, dark=False),
    Shot("newsletter-dark.png", 800, mobile=False, dark=True),
    Shot("digest-desktop.png", 800, mobile=False, dark=False, source="digest"),
    Shot("digest-phone.png", 375, mobile=True, dark=False, source="digest"),
)


class DevToolsError(RuntimeError):
    pass


class Chromium:
    """Headless Chromium spoken to over ``--remote-debugging-pipe``."""

    def __init__(self, executable: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="maildigest-shots-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()

        def use_fds_3_and_4() -> None:  # in the child, before exec
            # park both ends on free fds above 4 first so neither dup2 clobbers the other
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (commands_read, replies_write)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--font-render-hinting=none",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=use_fds_3_and_4,
        )
        os.close(commands_read)
        os.close(replies_write)
        self._buffer = b""
        self._last_id = 0
        self._events: list[dict] = []
        self.session: str | None = None

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DevToolsError("Chromium did not answer in time")
            ready, _, _ = select.select([self._replies], [], [], min(remaining, 0.5))
            if ready:
                chunk = os.read(self._replies, 1 << 20)
                if not chunk:
                    raise DevToolsError(f"Chromium exited (status {self.process.poll()})")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, *, browser: bool = False) -> dict:
        self._last_id += 1
        message: dict = {"id": self._last_id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._last_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._event(reply)

    def _send(self, method: str, params: dict) -> None:
        """A command whose reply nobody waits for (its id matches no ``call``)."""
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")

    def _event(self, reply: dict) -> None:
        if reply.get("method") == "Fetch.requestPaused":
            self._answer(reply["params"])
        elif "method" in reply:
            self._events.append(reply)

    def _answer(self, request: dict) -> None:
        """A picture gets a placeholder PNG; any other request fails (no network)."""
        if request.get("resourceType") != "Image":
            self._send(
                "Fetch.failRequest", {"requestId": request["requestId"], "errorReason": "Failed"}
            )
            return
        url = request["request"]["url"]
        size = PICTURE_SIZE.search(url)
        width, height = (int(size[1]), int(size[2])) if size else (1200, 630)
        self._send(
            "Fetch.fulfillRequest",
            {
                "requestId": request["requestId"],
                "responseCode": 200,
                "responseHeaders": [{"name": "Content-Type", "value": "image/png"}],
                "body": base64.b64encode(placeholder_png(url, width, height)).decode(),
            },
        )

    def wait_for(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not any(e["method"] == event for e in self._events):
            self._event(self._receive(deadline))
        self._events.clear()

    def open_tab(self) -> None:
        target = self.call("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = self.call(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True
        )
        self.session = attached["sessionId"]
        self.call("Page.enable")
        # remote requests only: the newsletter itself is a file:// page
        remote = [{"urlPattern": "http://*"}, {"urlPattern": "https://*"}]
        self.call("Fetch.enable", {"patterns": remote})

    def evaluate(self, expression: str) -> object:
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        return result["result"].get("value")

    def screenshot(self, url: str, shot: Shot) -> tuple[bytes, int, bool, int]:
        """A full-page PNG of ``url``; also its height, whether dark mode matched and
        how many pictures showed."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": shot.width, "height": 900, "deviceScaleFactor": 1, "mobile": shot.mobile},
        )
        scheme = "dark" if shot.dark else "light"
        self.call(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        self._events.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")
        height = int(
            self.evaluate(
                "Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"
            )
            or 900
        )
        dark = bool(self.evaluate("matchMedia('(prefers-color-scheme: dark)').matches"))
        pictures = int(
            self.evaluate("Array.from(document.images).filter(i => i.naturalWidth > 0).length") or 0
        )
        clip = {"x": 0, "y": 0, "width": shot.width, "height": height, "scale": 1}
        image = self.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "clip": clip},
        )
        return base64.b64decode(image["data"]), height, dark, pictures

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                with contextlib.suppress(DevToolsError):
                    self.call("Browser.close", browser=True)
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()  # our own child, by its handle
                    self.process.wait()
        finally:
            for fd in (self._commands, self._replies):
                with contextlib.suppress(OSError):
                    os.close(fd)
            shutil.rmtree(self.profile, ignore_errors=True)


def placeholder_png(url: str, width: int, height: int) -> bytes:
    """A soft vertical gradient in a colour taken from the URL: a stand-in photo."""
    width, height = max(1, min(width, 2400)), max(1, min(height, 2400))
    seed = hashlib.sha256(url.encode()).digest()
    top = [90 + seed[i] % 120 for i in range(3)]
    rows = []
    for y in range(height):
        shade = 1 - 0.45 * y / height
        rows.append(b"\0" + bytes(int(c * shade) for c in top) * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


def source_hash() -> str:
    """What the pictures depend on: every template file, the seed and the digest's feed."""
    from maildigest.templates import default_template_dir

    templates = default_template_dir()
    digest = hashlib.sha256()
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    for path in [*files, SEED, DIGEST]:
        name = path.name if path in (SEED, DIGEST) else path.relative_to(templates).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_sources(folder: Path) -> dict[str, Path]:
    """The newsletters to photograph: ``seed`` and ``digest`` -> their HTML file."""
    from maildigest.config import Settings
    from maildigest.pipeline import build

    build([str(SEED)], out_dir=folder / "seed", settings=Settings())
    issue = Settings(brand_name="Lakeside Weekly", issue_number=48, issue_date="2026-12-07")
    build([str(DIGEST)], out_dir=folder / "digest", settings=issue)
    return {name: folder / name / "newsletter.html" for name in ("seed", "digest")}


def find_chromium(given: str | None) -> str | None:
    if given:
        return given if Path(given).is_file() or shutil.which(given) else None
    return next(
        (found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))),
        None,
    )


def take(out_dir: Path, chromium: str) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="maildigest-shots-") as work:
        pages = build_sources(Path(work))
        browser = Chromium(chromium)
        try:
            browser.open_tab()
            shots = []
            for shot in SHOTS:
                png, height, dark, pictures = browser.screenshot(pages[shot.source].as_uri(), shot)
                (out_dir / shot.name).write_bytes(png)
                shots.append(
                    {
                        **asdict(shot),
                        "height": height,
                        "dark_media_matched": dark,
                        "pictures_shown": pictures,
                    }
                )
        finally:
            browser.close()
    manifest = {
        "sources": [SEED.name, DIGEST.relative_to(ROOT).as_posix()],
        "sources_sha256": source_hash(),
        "shots": shots,
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default=None, help="default: chromium on PATH")
    args = parser.parse_args(argv)
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print("screenshots: chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        manifest = take(args.out_dir, chromium)
    except DevToolsError as exc:
        print(f"screenshots: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(manifest, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
