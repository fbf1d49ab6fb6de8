"""Inline CSS with premailer, keeping what responsive and dark-mode CSS need.

premailer's known traps, handled here: it drops a lowercase ``<!doctype
html>`` (we restore it), it fetches ``@import`` even with
``allow_network=False`` (we strip @import and stylesheet links first: nothing
is ever fetched), it strips ``!important`` by default (kept: dark-mode rules
must beat inline colours), and cssutils logs warnings (silenced).

Speed: ``@media`` blocks are never inlined and premailer keeps <style> text as
written, so they are set aside while it runs and put back after: cssutils, the
slowest part of premailer's first run, never parses them. What cssutils does
parse (stylesheets, style attributes) is remembered between runs in the user
cache, so a template's CSS is parsed once, not on every build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import re
from contextvars import ContextVar

from maildigest.cache import JsonMemo
from maildigest.errors import ConfigError, RenderError

_IMPORT = re.compile(r"@import\s+[^;]+;?", re.I)
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.I | re.S)
_STYLESHEET_LINK = re.compile(r"<link\b[^>]*rel=[\"']?stylesheet[^>]*>", re.I)
_DOCTYPE = "<!DOCTYPE html>"
_MEDIA = re.compile(r"@media\b[^{};]*\{", re.I)


INLINERS = ("premailer", "css-inline")


def inline_css(html: str, *, inliner: str = "premailer") -> str:
    """``html`` with its <style> rules copied into style attributes, <style> kept for
    @media and dark mode. premailer is the default; css-inline (Rust) is opt-in."""
    html = _STYLESHEET_LINK.sub("", _without_imports(html))
    if inliner == "css-inline":
        return _css_inline(html)
    if inliner != "premailer":
        raise ConfigError(f"inliner must be one of {', '.join(INLINERS)}, not {inliner!r}")
    lean, media = _set_aside_media(html)
    restored = _put_back_media(_premailer(lean), media)
    return restored if restored is not None else _premailer(html)


def _css_inline(html: str) -> str:
    try:
        import css_inline
    except ImportError:
        raise ConfigError(
            "inliner 'css-inline' needs the css-inline package: pip install css-inline"
        ) from None
    inliner = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
    try:
        return inliner.inline(html)
    except ValueError as exc:  # css_inline.InlineError: malformed CSS it cannot apply
        raise RenderError(f"css-inline could not inline the CSS: {exc}") from None


PREMAILER_OPTIONS: dict[str, object] = {
    "allow_network": False,
    "allow_loading_external_files": False,
    "keep_style_tags": True,
    "strip_important": False,
    "remove_classes": False,
    "disable_validation": True,
    "disable_basic_attributes": ["width", "height"],
    "cssutils_logging_level": logging.CRITICAL,
    "exclude_pseudoclasses": True,
}


MEMO_FORMAT = 1
"""Bumped whenever the shape of a remembered parse changes."""
_MEMO: ContextVar[JsonMemo | None] = ContextVar("maildigest_parsed_css", default=None)
"""The memo of the page premailer is inlining (premailer's parsers are module functions)."""


def _premailer(html: str) -> str:
    memo = _parsed_css(_stylesheets_digest(html))
    token = _MEMO.set(memo)
    try:
        result = _remembering_premailer()(html, **PREMAILER_OPTIONS).transform(pretty_print=False)
    finally:
        _MEMO.reset(token)
        memo.save()
    if not result.lstrip()[:9].lower().startswith("<!doctype"):
        result = f"{_DOCTYPE}\n{result}"
    return result


def _stylesheets_digest(html: str) -> str:
    return hashlib.sha1("\0".join(m[2] for m in _STYLE_BLOCK.finditer(html)).encode()).hexdigest()


@functools.lru_cache(maxsize=16)
def _parsed_css(stylesheets: str) -> JsonMemo:
    """cssutils' parses, kept between runs: parsing a template's CSS is most of
    premailer's time, and the same template's CSS comes back build after build.
    One small file per set of stylesheets (a template), entries keyed by the CSS
    text; the name also carries our options and the installed premailer and cssutils."""
    return JsonMemo("css", f"premailer-{_library_digest()}-{stylesheets[:16]}.json")


@functools.cache
def _library_digest() -> str:
    """Our entry format, premailer's version and options, and both libraries'
    installed files (size, time)."""
    import cssutils
    import premailer

    key = [MEMO_FORMAT, premailer.__version__, sorted(PREMAILER_OPTIONS.items())]
    for module in (cssutils, premailer):
        info = os.stat(module.__file__ or "")
        key.append(f"{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha1(repr(key).encode()).hexdigest()[:12]


@functools.cache
def _remembering_premailer() -> type:
    """premailer.Premailer whose two CSS parsers consult ``_parsed_css`` first.

    Both are pure: a stylesheet's text gives the same rules, a style attribute the
    same property pairs. premailer validates merged style attributes even with
    ``disable_validation=True`` (validation only logs, but compiles a regex per
    CSS property on first use): the pairs are parsed unvalidated.
    """
    import premailer
    from premailer import merge_style

    parse_pairs = merge_style.csstext_to_pairs
    logging.getLogger("cssutils").setLevel(logging.CRITICAL)

    def csstext_to_pairs(csstext: str, validate: bool = False) -> list[tuple[str, str]]:
        del validate  # premailer passes it; the pairs are the same either way
        memo, key = _MEMO.get(), f"pairs\0{csstext}"
        with contextlib.suppress(TypeError, ValueError):  # a damaged entry is a miss
            if memo is not None and (known := memo.get(key)) is not None:
                return [(str(name), str(value)) for name, value in known]
        pairs = parse_pairs(csstext, validate=False)
        if memo is not None:
            memo.put(key, pairs)
        return pairs

    csstext_to_pairs._lock = parse_pairs._lock  # type: ignore[attr-defined]  # looked up by name
    # premailer calls it by name from both modules
    merge_style.csstext_to_pairs = premailer.premailer.csstext_to_pairs = csstext_to_pairs

    class RememberingPremailer(premailer.Premailer):
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list, list]:
            memo, key = _MEMO.get(), f"rules\0{ruleset_index}\0{css_body}"
            with contextlib.suppress(TypeError, ValueError):  # a damaged entry is a miss
                if memo is not None and (known := memo.get(key)) is not None:
                    rules, leftover = known
                    return [(tuple(s), str(sel), str(bulk)) for s, sel, bulk in rules], [
                        (str(sel), str(bulk)) for sel, bulk in leftover
                    ]
            rules, leftover = super()._parse_style_rules(css_body, ruleset_index)
            if memo is not None and all(isinstance(item, tuple) for item in leftover):
                memo.put(key, [rules, leftover])  # (not when it holds cssutils' @media rules)
            return rules, leftover

    return RememberingPremailer


def _without_imports(html: str) -> str:
    """Drop ``@import`` from <style> blocks only: article text may mention it."""
    return _STYLE_BLOCK.sub(lambda m: m[1] + _IMPORT.sub("", m[2]) + m[3], html)


_MEDIA_MARKER = "/*maildigest-media-{}*/"


def _set_aside_media(html: str) -> tuple[str, list[str]]:
    """``html`` with each plain ``@media {…}`` block in <style> replaced by a
    numbered marker (a CSS comment), and the blocks. Blocks with strings, escapes
    or comments stay (a brace inside them would fool the brace count)."""
    blocks: list[str] = []

    def aside(css: str) -> str:
        out, position = [], 0
        while match := _MEDIA.search(css, position):
            end, depth = match.end(), 1
            while depth and end < len(css):
                depth += {"{": 1, "}": -1}.get(css[end], 0)
                end += 1
            block = css[match.start() : end]
            if depth or any(mark in block for mark in ("'", '"', "\\", "/*")):
                out.append(css[position:end])
            else:
                out.append(css[position : match.start()] + _MEDIA_MARKER.format(len(blocks)))
                blocks.append(block)
            position = end
        out.append(css[position:])
        return "".join(out)

    html = _STYLE_BLOCK.sub(lambda m: m[1] + aside(m[2]) + m[3], html)
    return html, blocks


def _put_back_media(html: str, blocks: list[str]) -> str | None:
    """The set-aside blocks back in place of their markers, looked for in <style>
    only (article text never is); None when premailer lost one."""
    found: list[int] = []

    def restore(css: str) -> str:
        for index, block in enumerate(blocks):
            marker = _MEDIA_MARKER.format(index)
            if marker in css:
                css = css.replace(marker, block, 1)
                found.append(index)
        return css

    html = _STYLE_BLOCK.sub(lambda m: m[1] + restore(m[2]) + m[3], html)
    return html if sorted(found) == list(range(len(blocks))) else None
