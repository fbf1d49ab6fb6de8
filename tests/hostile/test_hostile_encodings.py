"""Broken and unusual encodings give clean text in every output (or one clear
error line), never mojibake, U+FFFD or NUL."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hostile_invariants import assert_invariants, assert_kept, read_outputs
from typer.testing import CliRunner

from maildigest.cli import app

runner = CliRunner()
TITLE = "Zürich café owners welcome the new ferry timetable"
BEFORE = (
    "The harbour board in Zürich approved a new ferry timetable for the café district on Monday."
)
AFTER = (
    "Officials said the naïve first draft was rewritten after residents complained in the spring."
)
FILLER = (
    "The council met for three hours and heard from residents on both sides of the debate "
    "before the chair called the final vote late in the evening.\n\n"
    "Several ferry operators welcomed the decision, saying the new timetable would let them "
    "plan crews and maintenance more reliably through the winter months."
)
ARTICLE = f"{TITLE}\n\n{BEFORE}\n\n{AFTER}\n\n{FILLER}\n"
CP1252_ARTICLE = ARTICLE.replace("welcome", "“welcome”") + "Tickets cost €5 – a “fair” price.\n"

ENCODED = {
    "utf8-bom": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
    "utf16-le-bom": ARTICLE.encode("utf-16"),  # Python writes the native-order BOM
    "utf16-be-bom": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
    "utf32-le-bom": codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"),
    "utf32-be-bom": codecs.BOM_UTF32_BE + ARTICLE.encode("utf-32-be"),
    "latin1": ARTICLE.encode("latin-1"),
    "cp1252": CP1252_ARTICLE.encode("cp1252"),
    "crlf": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "cr-only": ARTICLE.replace("\n", "\r").encode("utf-8"),
    "mixed-line-ends": ARTICLE.replace("\n\n", "\r\n\r", 2).replace("\n\n", "\r\r").encode(),
    "nul-bytes": ARTICLE.replace("ferry", "fer\x00ry").encode("utf-8"),
    "invalid-bytes": ARTICLE.encode("utf-8").replace(b"Monday.", b"Monday.\xff\xc3\x28"),
    "mojibake": ARTICLE.encode("utf-8").decode("latin-1").encode("utf-8"),
    "utf8-bom-then-bom": codecs.BOM_UTF8 * 2 + ARTICLE.encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_encoding_gives_clean_text(tmp_path: Path, name: str) -> None:
    source = tmp_path / "article.txt"
    source.write_bytes(ENCODED[name])
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = read_outputs(tmp_path / "out")
    assert_invariants(out)
    assert_kept(out, BEFORE, AFTER)
    for damage in ("Ã", "Â", "â€", "\ufeff", "\ufffd", "\x00", "\r"):
        assert damage not in out.text and damage not in out.html_text, f"{damage!r} left in"
    assert "Zürich" in out.digest["subject"]
    if name == "cp1252":
        assert "Tickets cost €5 – a “fair” price." in out.text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16-bom-odd-length", codecs.BOM_UTF16_LE + b"a\x00b"),
        ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        ("nul-only", b"\x00" * 4096),
        ("empty", b""),
        ("whitespace", b" \r\n\t \r\n"),
    ],
)
def test_undecodable_input_is_one_clear_error(tmp_path: Path, name: str, data: bytes) -> None:
    source = tmp_path / "article.txt"
    source.write_bytes(data)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 3, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("maildigest: error: "), lines
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
