"""Undo encoding damage: mojibake, entities, stray tags, invisible characters."""

from __future__ import annotations

import html
import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_STRAY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,200})?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def repair_text(text: str) -> str:
    """Return text a reader would see: fixed mojibake, real characters, plain spaces."""
    import ftfy

    # ftfy repairs mojibake like "â€™"; keep curly quotes as the publisher wrote them.
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=True, normalization="NFC")
    for _ in range(2):  # double-escaped entities such as "&amp;amp;" need two passes
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    text = _STRAY_TAG.sub("", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.strip() for line in text.split("\n"))
