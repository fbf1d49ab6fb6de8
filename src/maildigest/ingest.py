"""Read inputs as bytes, decode them safely and tell their format.

Decoding order: a byte-order mark wins (UTF-8/16/32), then strict UTF-8, then
charset-normalizer's guess (Latin-1/CP1252 and friends). Size is checked before
anything is read whole, so a huge file is refused cheaply.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from maildigest.errors import InputError, LimitError
from maildigest.models import Document, Format

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Default input size limit (20 MiB); raise it with the ``max_input_mb`` setting."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>])", re.I
)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|h[1-6]|br|article|section|li|ul)\b[^>]*>", re.I)
_MARKDOWN_SNIFF = re.compile(
    r"^(?:---\s*\n.*?\n---\s*$|#{1,6} \S|\s*[-*+] \S|\s*\d+\. \S|> \S|```)", re.M | re.S
)
_MARKDOWN_INLINE = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*")


def read_bytes(
    source: str | Path, *, limit: int = MAX_INPUT_BYTES, stdin: BinaryIO | None = None
) -> bytes:
    """Read a file (or ``-`` for stdin) refusing anything over ``limit`` bytes."""
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        origin = "<stdin>"
    else:
        path = Path(source)
        origin = str(path)
        with reading(origin):
            if path.is_dir():
                raise InputError(f"{origin} is a folder, not a file")
            if path.stat().st_size > limit:
                raise _too_large(origin, limit)
            data = path.read_bytes()
    if len(data) > limit:
        raise _too_large(origin, limit)
    return data


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn the OS errors of reading ``name`` into one-line ``InputError``s."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"no such file: {name}") from None
    except PermissionError:
        raise InputError(f"permission denied reading {name}") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _too_large(origin: str, limit: int) -> LimitError:
    return LimitError(
        f"{origin} is larger than the {limit // (1024 * 1024)} MB input limit "
        "(raise it with max_input_mb in maildigest.toml or MAILDIGEST_MAX_INPUT_MB)"
    )


def decode(data: bytes, origin: str = "<input>") -> str:
    """Bytes to text, or a clear ``InputError`` for binary and undecodable input."""
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise InputError(f"{origin} is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(encoding))
            except UnicodeDecodeError:
                raise InputError(
                    f"{origin} has a {encoding} byte-order mark but is not valid {encoding}"
                ) from None
    wide = _wide_encoding(data)
    if wide:
        return _normalise_newlines(data.decode(wide, errors="replace").replace("\ufffd", ""))
    if _looks_binary(data):
        raise InputError(f"{origin} looks like a binary file, not an article")
    try:
        return _normalise_newlines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(2, sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd") // 10):
        # UTF-8 with a few invalid bytes (a truncated copy, one stray Latin-1 byte).
        return _normalise_newlines(text.replace("\ufffd", ""))
    return _normalise_newlines(_decode_legacy(data, origin))


def _decode_legacy(data: bytes, origin: str) -> str:
    """Not UTF-8: Windows-1252 (a superset of Latin-1 for text) unless
    charset-normalizer is confident of something else."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    confident = best is not None and best.encoding and best.chaos < MAX_GUESS_CHAOS
    if confident and best.encoding not in _WESTERN:
        return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


MAX_GUESS_CHAOS = 0.2
"""charset-normalizer's mess ratio above which its guess is not trusted."""
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "ascii", "utf_8", "mac_roman"}
"""Guesses for which plain Windows-1252 is the safer reading of English news."""


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 saved without a byte-order mark: NULs sit in fixed columns."""
    head = data[:4096]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    for encoding, width, position in (
        ("utf-32-le", 4, 0),
        ("utf-32-be", 4, 3),
        ("utf-16-le", 2, 0),
        ("utf-16-be", 2, 1),
    ):
        units = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
        text_units = sum(1 for u in units if u[position] != 0 and u.count(0) == width - 1)
        if text_units >= 0.8 * len(units):
            return encoding
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith(_BINARY_MAGIC):
        return True
    nul = head.count(b"\x00")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return nul > len(head) // 20 + 1 or controls > len(head) // 10 + 1


_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x01\x00",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
    b"SQLite format 3",
    b"wOFF",
)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def detect_format(text: str, name: str = "") -> Format:
    """Trust the content over the file name: scrapers save HTML as .txt and vice versa."""
    suffix = Path(name).suffix.lower() if name and name != "-" else ""
    head = text[:4096]
    if _HTML_SNIFF.search(head) or _mostly_markup(head):
        return "html"
    if suffix in _HTML_SUFFIXES and "<" in head:
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if head.startswith("---\n") and "\n---" in head[4:]:
        return "markdown"
    if len(_MARKDOWN_SNIFF.findall(head)) >= 2 or len(_MARKDOWN_INLINE.findall(head)) >= 2:
        return "markdown"
    return "text"


def _mostly_markup(head: str) -> bool:
    """An HTML fragment, not text with a few stray tags: block tags on most lines."""
    tags = len(_HTML_TAGS.findall(head))
    lines = sum(1 for line in head.split("\n") if line.strip())
    return tags >= 3 and tags >= lines / 2


def load_document(
    source: str | Path,
    *,
    limit: int = MAX_INPUT_BYTES,
    stdin: BinaryIO | None = None,
    format: Format | None = None,
) -> Document:
    """Read, decode and classify one local input (a file path or ``-``)."""
    origin = "<stdin>" if str(source) == "-" else str(source)
    text = decode(read_bytes(source, limit=limit, stdin=stdin), origin)
    return Document(text=text, format=format or detect_format(text, origin), origin=origin)
