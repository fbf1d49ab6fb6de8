"""Force an email's light or dark colour scheme, whatever the viewer's system uses.

Browsers take ``prefers-color-scheme`` from the operating system, and an
iframe cannot be told otherwise. So the preview serves a variant of the HTML
whose colour-scheme media conditions are rewritten to constants: in the dark
variant every ``(prefers-color-scheme: dark)`` becomes always true and every
``(prefers-color-scheme: light)`` never true (the light variant the reverse).
That works in every engine, for ``@media`` blocks in ``<style>`` and for
``media="..."`` attributes (``<picture><source>`` dark logos, ``<link>``).
The page is read by lxml and its CSS by tinycss2; text is never touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tinycss2.ast import Node

Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")

_ALWAYS = "(min-width: 0px)"
_NEVER = "(max-width: 0px)"
"""A preview is never 0 px wide, so this condition is false in any viewport."""


def force_color_scheme(html: str, scheme: Scheme) -> str:
    """The same email with its colour-scheme media queries fixed to ``scheme``."""
    import tinycss2
    from lxml import etree

    root = etree.fromstring(html, etree.HTMLParser())
    for style in root.iter("style"):
        rules = tinycss2.parse_stylesheet(style.text or "")
        media = [r for r in rules if r.type == "at-rule" and r.lower_at_keyword == "media"]
        if [rule for rule in media if _fix(rule.prelude, scheme)]:
            style.text = tinycss2.serialize(rules)
    for element in root.xpath("//*[@media]"):
        query = tinycss2.parse_component_value_list(element.get("media"))
        if _fix(query, scheme):
            element.set("media", tinycss2.serialize(query))
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    # the default canvas, scrollbars and form controls follow the forced scheme too
    pin = etree.SubElement(head, "style")
    pin.text = f":root {{ color-scheme: {scheme} !important; }}"
    page = root.getroottree() if html.lstrip()[:9].lower() == "<!doctype" else root
    return etree.tostring(page, method="html", encoding="unicode")


def _fix(tokens: list[Node], scheme: Scheme) -> bool:
    """Replace each ``(prefers-color-scheme: …)`` in ``tokens`` (nested too) by a
    constant condition; True when one was found."""
    import tinycss2

    found = False
    for index, token in enumerate(tokens):
        if token.type != "() block":
            continue
        words = [t for t in token.content if t.type not in ("whitespace", "comment")]
        if (
            len(words) == 3
            and words[0].type == "ident"
            and words[0].lower_value == "prefers-color-scheme"
            and words[1] == ":"
            and words[2].type == "ident"
            and words[2].lower_value in SCHEMES
        ):
            constant = _ALWAYS if words[2].lower_value == scheme else _NEVER
            tokens[index] = tinycss2.parse_one_component_value(constant)
            found = True
        else:
            found = _fix(token.content, scheme) or found
    return found
