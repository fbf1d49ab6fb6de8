"""The invariants every build must keep, checked on the real output files.

HTML is parsed with lxml (as a mail client's sanitizer would), the ``.eml``
with ``email.policy.default``. Each check fails with the offending snippet so a
regression names its own cause.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import lxml.html

from maildigest.outputs import MANIFEST, verified_set

OUTPUTS = ("newsletter.html", "newsletter.txt", "newsletter.eml", "web.html", "digest.json")
FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
                      "base", "input", "button", "textarea", "select"}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "poster", "cite",
                  "longdesc", "lowsrc", "dynsrc", "xlink:href", "srcset", "data"}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto", "cid"}
SMALL_DATA_IMAGE = 64 * 1024
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_DANGEROUS_CSS = re.compile(
    r"expression\s*\(|javascript:|vbscript:|-moz-binding|behavior\s*:|@import", re.I
)
EXPECTED_HEADERS = {"from", "subject", "date", "message-id", "mime-version", "content-type",
                    "list-unsubscribe", "list-unsubscribe-post", "to"}  # fmt: skip


@dataclass(frozen=True)
class Outputs:
    html: str
    web: str
    """web.html: the same issue as a page of its own, held to the same rules."""
    text: str
    eml: EmailMessage
    eml_bytes: bytes
    digest: dict

    @property
    def html_text(self) -> str:
        """What a reader sees in the HTML, whitespace collapsed."""
        return squash(lxml.html.document_fromstring(self.html).text_content())

    @property
    def eml_text(self) -> str:
        part = self.eml.get_body(preferencelist=("plain",))
        assert part is not None, "the .eml has no text/plain part"
        return part.get_content()

    @property
    def eml_html(self) -> str:
        part = self.eml.get_body(preferencelist=("html",))
        assert part is not None, "the .eml has no text/html part"
        return part.get_content()


def squash(text: str) -> str:
    return " ".join(text.split())


def read_outputs(folder: Path) -> Outputs:
    """Every output file, each present and of one build, parsed the way a client reads it."""
    present = sorted(p.name for p in folder.iterdir())
    assert present == sorted((*OUTPUTS, MANIFEST)), f"unexpected output files: {present}"
    assert sorted(verified_set(folder)) == sorted(OUTPUTS)
    raw = (folder / "newsletter.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return Outputs(
        html=(folder / "newsletter.html").read_text("utf-8"),
        web=(folder / "web.html").read_text("utf-8"),
        text=(folder / "newsletter.txt").read_text("utf-8"),
        eml=message,
        eml_bytes=raw,
        digest=json.loads((folder / "digest.json").read_text("utf-8")),
    )


def assert_no_active_content(html: str) -> None:
    """No element, attribute, URL or CSS that can run code, navigate or submit."""
    root = lxml.html.document_fromstring(html)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.lower().rpartition("}")[2]
        assert tag not in FORBIDDEN_ELEMENTS, f"<{tag}> in the output: {_snippet(element)}"
        if tag == "meta":
            assert (element.get("http-equiv") or "").lower() != "refresh", "meta refresh"
        if tag == "style":
            assert not _DANGEROUS_CSS.search(element.text or ""), f"CSS: {element.text[:200]}"
        for name, value in element.attrib.items():
            lowered = name.lower()
            assert not lowered.startswith("on"), f"event handler {name}= on <{tag}>"
            if lowered == "style":
                assert not _DANGEROUS_CSS.search(value), f"style={value[:200]!r}"
                assert "url(" not in value.lower() or _safe_css_urls(value), value[:200]
            if lowered in URL_ATTRIBUTES or lowered.endswith(":href"):
                _assert_safe_url(value, tag)


def _safe_css_urls(style: str) -> bool:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", style, re.I)
    return all(_scheme_of(u) in SAFE_SCHEMES | {""} for u in urls)


def _scheme_of(url: str) -> str:
    match = _SCHEME.match(_URL_NOISE.sub("", url))
    return match.group(1).lower() if match else ""


def _assert_safe_url(value: str, tag: str) -> None:
    scheme = _scheme_of(value)
    if scheme == "data":
        assert tag == "img" and value.lower().startswith("data:image/"), f"data: URL on <{tag}>"
        assert len(value) <= SMALL_DATA_IMAGE, f"data: image of {len(value):,} bytes"
        return
    assert scheme in SAFE_SCHEMES, f"<{tag}> URL with scheme {scheme!r}: {value[:120]!r}"


def assert_headers_single_line(eml: EmailMessage, raw: bytes) -> None:
    """Every header parses back as one known header whose value has no line break."""
    head = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
    for line in head.splitlines():
        assert line[:1] in (b" ", b"\t") or b":" in line, f"stray header line {line[:80]!r}"
    names = [name.lower() for name in eml]
    assert len(names) == len(set(names)), f"repeated headers: {names}"
    assert set(names) <= EXPECTED_HEADERS, f"unexpected headers: {set(names) - EXPECTED_HEADERS}"
    for name, value in eml.items():
        text = str(value)
        assert "\r" not in text and "\n" not in text, f"{name} spans lines: {text!r}"
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), f"{name}: {text!r}"


def assert_invariants(out: Outputs) -> None:
    """The checks every hostile build must pass, on every output."""
    assert_no_active_content(out.html)
    assert_no_active_content(out.web)
    assert_no_active_content(out.eml_html)
    assert_headers_single_line(out.eml, out.eml_bytes)
    assert squash(out.eml_text) == squash(out.text), "the .eml text part differs from .txt"
    assert "\ufffd" not in out.text and "\x00" not in out.text, "replacement or NUL in text"
    subject = out.digest["subject"]
    assert "\n" not in subject and "\r" not in subject
    assert_unicode_policy(out)


def assert_kept(out: Outputs, *sentences: str) -> None:
    """Each sentence is readable in the HTML and in both plain-text copies."""
    html_text, text = out.html_text, squash(out.text)
    for sentence in sentences:
        assert sentence in html_text, f"lost from HTML: {sentence!r}"
        assert sentence in text, f"lost from plain text: {sentence!r}"


def _snippet(element: lxml.html.HtmlElement) -> str:
    return lxml.html.tostring(element, encoding="unicode")[:200]


_EMOJI_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")


def _is_noncharacter(char: str) -> bool:
    return 0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE


def assert_unicode_policy(out: Outputs) -> None:
    """docs/guides/unicode.md, checked from the outside: headers hold no format character
    (but the word joiner that defuses an ``=?`` opener) and no noncharacter; the parts hold
    no noncharacter, no tag character outside a flag, and no bidi control but our own
    balanced FSI...PDI isolates."""
    for name, value in out.eml.items():
        text = str(value).replace("=\u2060?", "=?")
        bad = [c for c in text if unicodedata.category(c) == "Cf" or _is_noncharacter(c)]
        joiners = {"\u200c", "\u200d"}
        assert all(c in joiners for c in bad), f"{name}: format characters {bad!r} in {text!r}"
    for what, text in (("html", out.html_text), ("text", out.text)):
        rest = _EMOJI_FLAG.sub("", text)
        assert not any(_is_noncharacter(c) for c in rest), f"noncharacter in the {what} part"
        assert not re.search("[\U000e0000-\U000e007f]", rest), f"tag character in the {what} part"
        controls = re.findall("[\u202a-\u202e\u2066-\u2069]", rest)
        assert set(controls) <= {"\u2068", "\u2069"}, f"bidi controls {controls!r} in {what}"
        assert rest.count("\u2068") == rest.count("\u2069"), f"unbalanced isolates in {what}"


def build_kept(file: Path, *sentences: str) -> Outputs:
    """Build one input file into a folder beside it and check every invariant, and that
    each of ``sentences`` is still readable in the output."""
    import maildigest
    from maildigest.config import Settings

    maildigest.build([file], out_dir=file.parent / "out", settings=Settings())
    out = read_outputs(file.parent / "out")
    assert_invariants(out)
    assert_kept(out, *sentences)
    return out
