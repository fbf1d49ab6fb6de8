"""Dark mode: the rules are there, they beat the inlined colours, and text stays readable.

The static tests read the rendered HTML (every dark rule is !important and
reaches elements that carry an inline colour; contrast from the actual
colours). The browser tests load it in headless Chromium with
prefers-color-scheme dark, and check the computed colours.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
import tinycss2
from chromium_probe import PROBES, chromium, measure, rgb
from cssselect import HTMLTranslator

from maildigest.models import Newsletter
from maildigest.render import DARK, MIN_CONTRAST, contrast_ratio

needs_chromium = pytest.mark.skipif(chromium() is None, reason="chromium is not installed")


def dark_rules(html: str) -> list[tuple[str, list[tinycss2.ast.Declaration]]]:
    """(selector, declarations) of every rule inside @media (prefers-color-scheme: dark)."""
    root = lxml.html.document_fromstring(html)
    found = []
    for style in root.xpath("//style"):
        for rule in tinycss2.parse_stylesheet(style.text or "", skip_whitespace=True):
            if rule.type != "at-rule" or "prefers-color-scheme: dark" not in tinycss2.serialize(
                rule.prelude
            ):
                continue
            for inner in tinycss2.parse_rule_list(rule.content, skip_whitespace=True):
                decls = [
                    d
                    for d in tinycss2.parse_blocks_contents(inner.content)
                    if d.type == "declaration"
                ]
                for selector in tinycss2.serialize(inner.prelude).split(","):
                    found.append((selector.strip(), decls))
    return found


def inline_value(element: lxml.html.HtmlElement, prop: str) -> str | None:
    match = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([^;]+)", element.get("style") or "")
    return match.group(1).strip() if match else None


def test_dark_rules_are_important_and_reach_inline_coloured_elements(
    everything: Newsletter,
) -> None:
    root = lxml.html.document_fromstring(everything.html)
    rules = dark_rules(everything.html)
    assert len(rules) >= 8
    coloured_targets = 0
    for selector, decls in rules:
        assert all(d.important for d in decls), (
            f"{selector}: every dark declaration needs !important"
        )
        matched = root.xpath(HTMLTranslator().css_to_xpath(selector))
        assert matched, f"{selector} matches nothing"
        props = {d.lower_name for d in decls}
        coloured_targets += sum(
            1 for el in matched if any(inline_value(el, p) for p in props | {"background"})
        )
    assert coloured_targets > 20


def test_every_inline_text_colour_in_a_story_has_a_dark_override(everything: Newsletter) -> None:
    root = lxml.html.document_fromstring(everything.html)
    covered: set[lxml.html.HtmlElement] = set()
    for selector, decls in dark_rules(everything.html):
        if any(d.lower_name == "color" for d in decls):
            covered.update(root.xpath(HTMLTranslator().css_to_xpath(selector)))
    coloured = [
        el
        for el in root.xpath("//td[contains(@class, 'md-story')]//*[@style]")
        if inline_value(el, "color")
    ]
    assert coloured
    assert not [el.tag for el in coloured if el not in covered]


def test_body_text_contrast_in_both_schemes_from_the_rendered_colours(
    everything: Newsletter,
) -> None:
    root = lxml.html.document_fromstring(everything.html)
    text = inline_value(root.xpath("//td[contains(@class, 'md-story')]/div")[0], "color")
    card = inline_value(root.xpath("//div[contains(@class, 'md-card-bg')]")[0], "background-color")
    meta = inline_value(root.xpath("//p[contains(@class, 'md-meta')]")[0], "color")
    assert text and card and meta
    assert contrast_ratio(text, card) >= MIN_CONTRAST
    assert contrast_ratio(meta, card) >= MIN_CONTRAST
    dark = {
        selector: {d.lower_name: tinycss2.serialize(d.value).strip() for d in decls}
        for selector, decls in dark_rules(everything.html)
    }
    dark_card = dark[".md-card-bg"]["background-color"]
    for selector in (".md-story div", ".md-meta", ".md-title", ".md-link"):
        assert contrast_ratio(dark[selector]["color"], dark_card) >= MIN_CONTRAST, selector


@needs_chromium
def test_chromium_dark_mode_applies_the_dark_palette_over_inline_colours(
    everything: Newsletter,
) -> None:
    light = measure(everything.html, [600])[600]
    dark = measure(everything.html, [600], dark=True)[600]
    assert not light["dark"] and dark["dark"]
    assert set(light["colours"]) == set(PROBES)
    got = {name: rgb(v["color"]) for name, v in dark["colours"].items()}
    assert got["text"] == DARK["text"]
    assert got["title"] == DARK["heading"]
    assert got["meta"] == DARK["muted"]
    assert got["link"] == DARK["link"]
    assert rgb(dark["colours"]["card"]["background"]) == DARK["card"]
    assert rgb(dark["colours"]["page"]["background"]) == DARK["background"]
    for scheme in (light, dark):
        card = rgb(scheme["colours"]["card"]["background"])
        page = rgb(scheme["colours"]["page"]["background"])
        for name in ("text", "title", "meta", "link"):
            assert contrast_ratio(rgb(scheme["colours"][name]["color"]), card) >= MIN_CONTRAST
        assert contrast_ratio(rgb(scheme["colours"]["footer"]["color"]), page) >= MIN_CONTRAST
