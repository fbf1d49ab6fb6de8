"""The article body in the email: links as links (footnotes in the plain text),
emphasis, subheadings, lists, quotes, and figures with images = "all"."""

from __future__ import annotations

import dataclasses
import re

import lxml.html
import pytest
from synthetic_articles import Render

from maildigest.clean import clean_text
from maildigest.config import GMAIL_CLIP_BYTES, SIZE_BUDGET, Settings
from maildigest.errors import ConfigError
from maildigest.models import Bullet, Story, Summary

MARKDOWN = """# Harbour ferry returns

The harbour ferry resumed its crossings on Saturday, the [operator](https://ferry.example/news) said, after *three months* of repairs to its hull and engines.

![The ferry at the pier](https://img.example/ferry.jpg "The ferry at the north pier")

## Key figures

- Passengers on the first day: **1,240**, see the [count](https://ferry.example/count)
- Crossings a day: 14

> Riders can [write to us](mailto:desk@ferry.example) with questions, the operator's spokesperson said.

The operator said a [full timetable](https://ferry.example/timetable) is posted at both piers and online from today.
"""


def story(images_first: bool = False) -> Story:
    article = clean_text(MARKDOWN, format="markdown")
    if not images_first:
        article = dataclasses.replace(article, image=None)
    return Story(article, Summary((Bullet(article.paragraphs[0], 0, 0),), "lead"))


def test_the_email_shows_links_emphasis_headings_lists_and_quotes(render: Render) -> None:
    root = lxml.html.document_fromstring(render([story()]).html)
    links = {a.text_content(): a.get("href") for a in root.iter("a")}
    assert links["operator"] == "https://ferry.example/news"
    assert links["count"] == "https://ferry.example/count"
    assert links["write to us"] == "mailto:desk@ferry.example"
    assert [e.text_content() for e in root.iter("em")] == ["three months"]
    assert [h.text_content() for h in root.iter("h3")] == ["Key figures"]
    (items,) = root.xpath("//ul[@class='md-list']")
    assert [li.text_content() for li in items] == [
        "Passengers on the first day: 1,240, see the count",
        "Crossings a day: 14",
    ]
    assert root.xpath("//blockquote[@class='md-quote']")


def test_the_text_part_gives_links_as_numbered_footnotes(render: Render) -> None:
    text = render([story()]).text
    notes = dict(re.findall(r"^\[(\d+)\] (\S+)$", text, re.M))
    flat = " ".join(text.split())
    for words, url in [
        ("operator", "https://ferry.example/news"),
        ("count", "https://ferry.example/count"),
        ("write to us", "mailto:desk@ferry.example"),
        ("full timetable", "https://ferry.example/timetable"),
    ]:
        number = re.search(rf"{words} \[(\d+)\]", flat)
        assert number and notes[number[1]] == url, words
    assert "* Crossings a day: 14" in text


@pytest.mark.parametrize(("images", "count"), [("none", 0), ("lead", 0), ("all", 1)])
def test_figures_show_only_with_images_all(render: Render, images: str, count: int) -> None:
    root = lxml.html.document_fromstring(render([story()], images=images).html)
    figures = root.xpath("//p[@class='md-figure']/img")
    assert len(figures) == count
    for img in figures:
        assert img.get("src") == "https://img.example/ferry.jpg"
        assert img.get("alt") == "The ferry at the pier"
        assert img.get("width") == "552" and "height:auto" in img.get("style").replace(" ", "")


def test_the_lead_image_is_not_repeated_in_the_body(render: Render) -> None:
    html = render([story(images_first=True)], images="all").html
    assert not lxml.html.document_fromstring(html).xpath("//p[@class='md-figure']")


def test_an_unknown_images_setting_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="images must be one of lead, all, none"):
        Settings(images="some")


def test_40_stories_full_of_links_and_figures_stay_within_the_clip_budget(render: Render) -> None:
    newsletter = render([story()] * 40, images="all")
    assert len(newsletter.html.encode("utf-8")) <= SIZE_BUDGET < GMAIL_CLIP_BYTES
    assert newsletter.stories[0].full_text
