"""Bytes in, text out: encodings, binary and oversized input, format detection."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.errors import InputError, LimitError
from maildigest.ingest import decode, detect_format, load_document, read_bytes

TEXT = "Café “quoted” — naïve text.\nSecond line here."


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "cp1252"]
)
def test_encodings(encoding: str) -> None:
    assert decode(TEXT.encode(encoding)) == TEXT


def test_latin1_file() -> None:
    assert decode("Ça coûte 5 € à Zürich".replace("€", "E").encode("latin-1")) == (
        "Ça coûte 5 E à Zürich"
    )


def test_line_ends_and_nul_bytes() -> None:
    assert decode(b"one\r\ntwo\rthree\x00 four") == "one\ntwo\nthree four"


def test_mostly_utf8_with_invalid_bytes() -> None:
    data = "Déjà vu, ".encode() + b"\xff" + " encore été.".encode()
    assert decode(data) == "Déjà vu,  encore été."


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04zip", bytes(range(256)) * 8],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data, "blob.txt")


@pytest.mark.parametrize("data", [b"", b"  \n\r\n\t", b"\x00\x00"])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        decode(data, "void.txt")


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(LimitError, match="larger than"):
        read_bytes(big, limit=1024)
    with pytest.raises(LimitError):
        read_bytes("-", limit=1024, stdin=io.BytesIO(b"a" * 2048))
    assert read_bytes(big, limit=4096) == b"a" * 2048


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_bytes(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="folder"):
        read_bytes(tmp_path)


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", "html"),
        ("<p>One</p>\n<p>Two</p>\n<p>Three</p>", "", "html"),
        (
            "Text with a stray <b>bold</b> and <br> in it.\nMore text.\nAnd more.\nEnd.",
            "a.txt",
            "text",
        ),
        ("---\ntitle: A\n---\nBody", "a.txt", "markdown"),
        (
            "# Heading\n\nSee [this](https://x.example) and [that](https://y.example).",
            "",
            "markdown",
        ),
        ("Plain words only.", "notes.md", "markdown"),
        ("Plain words only.", "page.html", "text"),
    ],
)
def test_detect_format(text: str, name: str, fmt: str) -> None:
    assert detect_format(text, name) == fmt


def test_load_document(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    document = load_document(path)
    assert (document.text, document.format, document.origin) == (TEXT, "text", str(path))


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    blob = tmp_path / "image.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    chrome = tmp_path / "chrome.txt"
    chrome.write_text("Share on Facebook\nAdvertisement\nMenu\n", encoding="utf-8")
    for path, message in ((blob, "binary"), (chrome, "no article content found in")):
        result = runner.invoke(app, ["clean", str(path)])
        assert result.exit_code == 3
        assert message in result.output
        assert "Traceback" not in result.output


def test_cli_size_limit_from_settings(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (300 * 1024))  # 1.5 MB
    result = CliRunner().invoke(app, ["clean", str(big)], env={"MAILDIGEST_MAX_INPUT_MB": "1"})
    assert result.exit_code == 3
    assert "larger than the 1 MB input limit" in result.output
    assert len(result.output.strip().splitlines()) == 1
