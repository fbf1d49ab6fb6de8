"""Inline CSS with premailer, keeping what responsive and dark-mode CSS need.

premailer is used only through its public interface (``Premailer(...).transform``
and its documented options). Its known traps, handled here: it drops a
lowercase ``<!doctype html>`` (we parse and serialise the page ourselves, so the
doctype stays), it fetches ``@import`` even with ``allow_network=False`` (we
remove @import rules and stylesheet links first: nothing is ever fetched), it
strips ``!important`` by default (kept: dark-mode rules must beat inline
colours), and cssutils logs warnings (``cssutils_logging_level``).

Each <style> keeps its text as written (``data-premailer="ignore"``, premailer's
documented opt-out) and its plain rules are handed to premailer as ``css_text``,
in the same order: the rules inside ``@media`` blocks are never inlined, so
cssutils, premailer's slow CSS parser, never has to read them.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from maildigest.errors import ConfigError, RenderError

if TYPE_CHECKING:
    from lxml import etree

INLINERS = ("premailer", "css-inline")
DOCTYPE = "<!DOCTYPE html>"
"""Written when the page has none: MJML's pages always start with one."""

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
    "disable_leftover_css": True,  # the <style> elements are kept whole: nothing is left over
}
PREMAILER_MEDIA = ("all", "screen")
"""premailer inlines a <style> only for these ``media`` values (or none): we hand it the same ones."""


def inline_css(html: str, *, inliner: str = "premailer") -> str:
    """``html`` with its <style> rules copied into style attributes, <style> kept for
    @media and dark mode. premailer is the default; css-inline (Rust) is opt-in."""
    if inliner not in INLINERS:
        raise ConfigError(f"inliner must be one of {', '.join(INLINERS)}, not {inliner!r}")
    tree = _parse(html)
    stylesheets = _without_remote_css(tree)
    if inliner == "css-inline":
        return _css_inline(_serialise(tree, html))
    import premailer

    for style in _inlinable(tree):  # premailer reads the others' media itself
        style.set(premailer.Premailer.attribute_name, "ignore")
    options = {**PREMAILER_OPTIONS, "css_text": stylesheets}
    premailer.Premailer(**options).transform(tree.getroot())
    return _serialise(tree, html)


def _parse(html: str) -> etree._ElementTree:
    from lxml import etree

    root = etree.fromstring(html.strip(), etree.HTMLParser())
    if root is None:
        raise RenderError("the rendered email is empty: nothing to inline")
    return root.getroottree()


def _serialise(tree: etree._ElementTree, html: str) -> str:
    """The page as HTML, with its own doctype or, when it had none, ``DOCTYPE``."""
    from lxml import etree

    if html.lstrip()[:9].lower() == "<!doctype":
        return etree.tostring(tree, method="html", encoding="unicode")
    return f"{DOCTYPE}\n{etree.tostring(tree.getroot(), method='html', encoding='unicode')}"


def _without_remote_css(tree: etree._ElementTree) -> list[str]:
    """Remove stylesheet links and ``@import`` rules (nothing may be fetched, by us
    or by a mail client); return each inlinable <style>'s plain rules, in order."""
    import tinycss2

    for link in list(tree.iter("link")):
        if "stylesheet" in (link.get("rel") or "").lower().split():
            link.getparent().remove(link)
    stylesheets, inlinable = [], _inlinable(tree)
    for style in tree.iter("style"):
        rules = tinycss2.parse_stylesheet(style.text or "")
        if any(_is_import(rule) for rule in rules):
            style.text = tinycss2.serialize(
                node
                for node in tinycss2.parse_stylesheet(style.text or "", skip_comments=False)
                if not _is_import(node) and node.type != "error"
            )
        if style in inlinable:
            plain = [rule for rule in rules if rule.type == "qualified-rule"]
            stylesheets.append(tinycss2.serialize(plain))
    return stylesheets


def _inlinable(tree: etree._ElementTree) -> list[etree._Element]:
    """The <style> elements premailer inlines: those for all media or screen."""
    return [
        style for style in tree.iter("style") if style.get("media") in (None, "", *PREMAILER_MEDIA)
    ]


def _is_import(node: object) -> bool:
    return (
        getattr(node, "type", "") == "at-rule" and getattr(node, "lower_at_keyword", "") == "import"
    )


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
