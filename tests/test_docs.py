"""The README's screenshots: the script makes real ones, and the committed ones are current."""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCRIPT = DOCS / "screenshots.py"
EXPECTED_WIDTHS = {
    "newsletter-desktop.png": 800,
    "newsletter-phone.png": 375,
    "newsletter-dark.png": 800,
    "digest-desktop.png": 800,
    "digest-phone.png": 375,
}


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG must start with."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def top_left_pixel(path: Path) -> tuple[int, ...]:
    """The first pixel's RGB: for the first pixel every PNG filter predicts 0, so it is raw."""
    data = path.read_bytes()
    _, _, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (2, 6), "8-bit RGB or RGBA expected"
    idat, at = b"", 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    first_row = zlib.decompressobj().decompress(idat, 8)
    return tuple(first_row[1:4])  # byte 0 is the row's filter type


def luminance(rgb: tuple[int, ...]) -> float:
    red, green, blue = rgb
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("maildigest_docs_screenshots", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("headless chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def shots(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shots")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out-dir", str(out), "--chromium", chromium],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_script_writes_pngs_of_the_right_widths(shots: Path) -> None:
    for name, width in EXPECTED_WIDTHS.items():
        path = shots / name
        assert path.stat().st_size > 10_000, name
        got_width, height = png_size(path)
        assert got_width == width, name
        assert height > 600, f"{name} is {height}px tall: not a full newsletter"


def test_dark_shot_really_applies_the_dark_media_rules(shots: Path) -> None:
    manifest = json.loads((shots / "screenshots.json").read_text("utf-8"))
    matched = {shot["name"]: shot["dark_media_matched"] for shot in manifest["shots"]}
    assert matched == {
        "newsletter-desktop.png": False,
        "newsletter-phone.png": False,
        "newsletter-dark.png": True,
        "digest-desktop.png": False,
        "digest-phone.png": False,
    }
    light = luminance(top_left_pixel(shots / "newsletter-desktop.png"))
    dark = luminance(top_left_pixel(shots / "newsletter-dark.png"))
    assert light > 180 and dark < 80, (light, dark)


def test_committed_screenshots_are_pngs_of_the_right_widths() -> None:
    for name, width in EXPECTED_WIDTHS.items():
        assert png_size(DOCS / name)[0] == width, name


def test_committed_screenshots_match_the_current_templates() -> None:
    manifest = json.loads((DOCS / "screenshots.json").read_text("utf-8"))
    assert manifest["sources_sha256"] == load_script().source_hash(), (
        "templates, seed or digest feed changed since the README screenshots were taken: "
        "run `python docs/screenshots.py` and commit docs/"
    )


def test_digest_shots_show_the_six_pictures(shots: Path) -> None:
    manifest = json.loads((shots / "screenshots.json").read_text("utf-8"))
    shown = {shot["name"]: shot["pictures_shown"] for shot in manifest["shots"]}
    assert shown["digest-desktop.png"] == shown["digest-phone.png"] == 6
    assert shown["newsletter-desktop.png"] == 0


def test_readme_shows_the_screenshots() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name in EXPECTED_WIDTHS:
        assert f"docs/{name}" in readme, name
