"""Hostile article text stays text: in the HTML, in the MJML step and in plain text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import lxml.html
import pytest
from synthetic_articles import Render

from maildigest.check import check_html
from maildigest.models import Article, Bullet, Story, Summary

HOSTILE = [
    "<script>alert('x')</script>",
    "{{ email.footer.unsubscribe_url }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "<mj-raw><iframe src='https://evil.example'></iframe></mj-raw>",
    "</mj-text></mj-column></mj-section><mj-section><mj-column><mj-text>escaped",
    '<img src=x onerror="alert(1)">',
    "Fish & chips <b>bold</b> &amp; &lt;already&gt; @import url(https://evil.example/x.css);",
]


def hostile_story(text: str) -> Story:
    article = Article(
        title=f"Title {text}",
        paragraphs=(f"Paragraph {text}", "A calm second paragraph."),
        date=dt.date(2024, 5, 1),
        author=f"Author {text}",
        source_url="https://news.example.com/a?x=1&y=2",
        site=f"Site {text}",
    )
    bullet = Bullet(text=f"Bullet {text}", paragraph=0, sentence=0)
    return Story(article=article, summary=Summary(bullets=(bullet,), method="test"))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_literal_text_in_html(render: Render, text: str) -> None:
    newsletter = render([hostile_story(text)])
    root = lxml.html.document_fromstring(newsletter.html)
    card = root.xpath("//td[contains(@class, 'md-story')]")[0]
    content = card.text_content()
    for where in ("Title", "Paragraph", "Bullet", "Site", "Author"):
        assert f"{where} {text}" in content
    assert not root.xpath("//script | //iframe | //mj-raw | //mj-text | //b")
    assert not root.xpath("//img")
    assert len(root.xpath("//td[contains(@class, 'md-story')]")) == 1
    assert check_html(newsletter.html).ok


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_unchanged_in_plain_text(render: Render, text: str) -> None:
    plain = render([hostile_story(text)]).text
    # wrapping may break lines, so compare with whitespace collapsed
    assert f"Bullet {text}" in " ".join(plain.split())


def test_link_query_strings_are_attribute_escaped_not_mangled(render: Render) -> None:
    root = lxml.html.document_fromstring(render([hostile_story("x")]).html)
    hrefs = {a.get("href") for a in root.xpath("//td[contains(@class, 'md-story')]//a")}
    assert hrefs == {"https://news.example.com/a?x=1&y=2"}


def test_hostile_brand_and_footer_settings_are_escaped(render: Render) -> None:
    newsletter = render(
        brand_name="<script>alert(1)</script>",
        footer_address="<iframe src=x></iframe> 1 Quay St",
    )
    root = lxml.html.document_fromstring(newsletter.html)
    assert not root.xpath("//script | //iframe")
    assert "<script>alert(1)</script>" in root.xpath("//p[@class='md-brand']")[0].text_content()


def test_preheader_text_is_escaped(render: Render) -> None:
    story = hostile_story("x")
    story = dataclasses.replace(
        story, summary=Summary(bullets=(Bullet("<b>{{ x }}</b> & more", 0, 0),), method="test")
    )
    root = lxml.html.document_fromstring(render([story]).html)
    assert root.xpath("//body/div[1]")[0].text_content().startswith("<b>{{ x }}</b> & more")
