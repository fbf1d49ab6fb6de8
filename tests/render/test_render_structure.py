"""Real renders parsed with lxml: document attributes, components and accessibility."""

from __future__ import annotations

import dataclasses
import re

import lxml.html
import pytest
import synthetic_articles as synthetic
from synthetic_articles import Render

from maildigest.check import check_html
from maildigest.render import FONT_STACK


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def test_document_head_declares_language_colour_schemes_and_viewport(render: Render) -> None:
    root = parse(render().html)
    assert root.get("lang") == "en" and root.get("dir") == "ltr"
    metas = {m.get("name"): m.get("content") for m in root.xpath("//meta[@name]")}
    assert metas["color-scheme"] == "light dark"
    assert metas["supported-color-schemes"] == "light dark"
    assert "width=device-width" in metas["viewport"]
    assert root.xpath("//title")[0].text_content().startswith("Story 1:")


def test_no_web_fonts_imports_or_stylesheet_links(render: Render) -> None:
    html = render().html
    assert "@import" not in html
    assert "fonts.googleapis" not in html
    assert not parse(html).xpath("//link")


def test_every_layout_table_is_presentational(render: Render) -> None:
    tables = parse(render(count=5).html).xpath("//table")
    assert tables
    assert {t.get("role") for t in tables} == {"presentation"}


def test_font_stack_reaches_every_text_block(render: Render) -> None:
    root = parse(render(count=4).html)
    blocks = root.xpath("//td[contains(@class, 'md-story')]/div")
    assert len(blocks) == 2  # the table of contents, then every story
    assert all(FONT_STACK in (div.get("style") or "") for div in blocks)


def test_story_card_shows_title_link_date_source_bullets_text_and_read_more(
    render: Render,
) -> None:
    story = synthetic.stories(1)[0]
    article = story.article
    root = parse(render([story]).html)
    (card,) = root.xpath("//div[contains(@class, 'md-item')]")
    title = card.xpath(".//h2[@class='md-title']/a")[0]
    assert title.text_content() == article.title
    assert title.get("href") == article.source_url
    meta = card.xpath(".//p[@class='md-meta']")[0].text_content()
    assert article.date is not None and f"{article.date:%B %Y}" in meta
    assert (article.site or "news.example.com") in meta
    (panel,) = card.xpath(".//div[@class='md-panel']")
    assert panel.xpath("./div[@class='md-label']")[0].text_content() == "Key points"
    bullets = [li.text_content() for li in panel.xpath("./ul[@class='md-points']/li")]
    assert bullets == story.summary.texts
    # one article keeps its full text, after the key points and outside their panel
    paragraphs = [p.text_content() for p in card.xpath("./p[@class='md-paragraph']")]
    assert paragraphs == list(article.paragraphs)
    assert card.index(panel) < card.index(card.xpath("./p[@class='md-paragraph']")[0])
    read_more = card.xpath(".//div[@class='md-more']/a[@class='md-link']")[-1]
    assert read_more.get("href") == article.source_url
    assert read_more.text_content() == "View the original article"


def test_story_without_source_has_no_links_and_falls_back_to_plain_title(render: Render) -> None:
    base = synthetic.stories(1)[0]
    story = dataclasses.replace(
        base, article=dataclasses.replace(base.article, source_url=None, site=None)
    )
    card = parse(render([story]).html).xpath("//div[contains(@class, 'md-item')]")[0]
    assert card.xpath(".//h2")[0].text_content() == story.article.title
    assert not card.xpath(".//a")


def test_header_shows_brand_name_or_logo_with_alt_and_pixel_width(render: Render) -> None:
    root = parse(render(brand_name="The Harbour Weekly").html)
    assert root.xpath("//p[@class='md-brand']")[0].text_content() == "The Harbour Weekly"
    root = parse(render(brand_name="Harbour", logo_url="https://cdn.example.com/logo-320.png").html)
    (img,) = root.xpath("//img")
    assert img.get("alt") == "Harbour"
    assert re.fullmatch(r"\d+", img.get("width") or "")
    assert "max-width:100%" in (img.get("style") or "").replace(" ", "") or "width:100%" in (
        img.get("style") or ""
    ).replace(" ", "")


def test_footer_has_sender_address_and_unsubscribe_link(render: Render) -> None:
    root = parse(
        render(
            sender="Harbour News <news@harbour.example>",
            footer_address="1 Quay Street, Portsmouth",
            unsubscribe_url="https://harbour.example/unsubscribe?u=1",
        ).html
    )
    footer = root.xpath("//*[contains(@class, 'md-footer')]")[0].text_content()
    assert "Sent by Harbour News" in footer and "1 Quay Street, Portsmouth" in footer
    link = root.xpath("//a[text()='Unsubscribe']")[0]
    assert link.get("href") == "https://harbour.example/unsubscribe?u=1"


def test_unsubscribe_defaults_to_a_mailto_to_the_sender(render: Render) -> None:
    root = parse(render(sender="news@harbour.example").html)
    href = root.xpath("//a[text()='Unsubscribe']")[0].get("href")
    assert href == "mailto:news@harbour.example?subject=unsubscribe"


def test_preheader_is_hidden_first_bullet_padded_against_body_leak(render: Render) -> None:
    newsletter = render()
    root = parse(newsletter.html)
    (hidden,) = root.xpath("//div[@class='md-preheader']")
    style = hidden.get("style").replace(" ", "")
    assert "display:none" in style and "max-height:0" in style
    # hidden without colour or size tricks, which spam filters read as hidden text
    assert "color" not in style and "font-size" not in style and "opacity" not in style
    first_text = next(t for t in root.xpath("//body//text()") if t.strip())
    assert first_text.strip().startswith(newsletter.preheader)
    text = hidden.text_content()
    assert text.startswith(newsletter.preheader)
    assert newsletter.preheader == newsletter.stories[0].summary.texts[0]
    padding = text[len(newsletter.preheader) :]
    assert len(padding) > 150 and not padding.strip("\u034f\u200c\u00a0 ")


def test_configured_preheader_wins(render: Render) -> None:
    newsletter = render(preheader="This week: ferries, floods and a new bridge")
    assert newsletter.preheader == "This week: ferries, floods and a new bridge"
    (hidden,) = parse(newsletter.html).xpath("//div[@class='md-preheader']")
    assert "This week: ferries" in hidden.text_content()


@pytest.mark.parametrize(
    ("language", "direction", "align"),
    [("he", "rtl", "right"), ("ar-EG", "rtl", "right"), ("fr", "ltr", "left")],
)
def test_language_and_direction_come_from_the_articles(
    render: Render, language: str, direction: str, align: str
) -> None:
    stories = [
        dataclasses.replace(s, article=dataclasses.replace(s.article, language=language))
        for s in synthetic.stories(2)
    ]
    newsletter = render(stories)
    root = parse(newsletter.html)
    assert root.get("lang") == language and root.get("dir") == direction
    text_div = root.xpath("//td[contains(@class, 'md-story')]/div")[0]
    assert f"text-align:{align}" in text_div.get("style").replace(" ", "")
    bullets = root.xpath("//ul[@class='md-points']")[0].get("style").replace(" ", "")
    assert f"padding-{align}:22px" in bullets
    assert check_html(newsletter.html).ok


@pytest.mark.parametrize("language", ["und", "", "not a language!"])
def test_unusable_language_never_reaches_html_lang(render: Render, language: str) -> None:
    story = synthetic.stories(1)[0]
    story = dataclasses.replace(
        story, article=dataclasses.replace(story.article, language=language)
    )
    assert parse(render([story]).html).get("lang") == "en"


def test_a_story_in_another_language_is_marked_on_its_card(render: Render) -> None:
    stories = synthetic.stories(3)
    stories[1] = dataclasses.replace(
        stories[1], article=dataclasses.replace(stories[1].article, language="he")
    )
    root = parse(render(stories).html)
    assert root.get("lang") == "en"
    marked = root.xpath("//div[contains(@class, 'md-item')]//div[@lang]")
    assert [(d.get("lang"), d.get("dir")) for d in marked] == [("he", "rtl")]
    assert stories[1].article.title in marked[0].text_content()


def test_table_of_contents_from_four_stories(render: Render) -> None:
    assert not parse(render(count=3).html).xpath("//ol[contains(@class, 'md-toc')]")
    root = parse(render(count=4).html)
    links = root.xpath("//ol[contains(@class, 'md-toc')]/li/a")
    assert [a.text_content() for a in links] == [s.article.title for s in synthetic.stories(4)]
    # each entry links to its story's heading
    for link in links:
        (target,) = root.xpath(f"//*[@id='{link.get('href').removeprefix('#')}']")
        assert target.tag == "h2" and target.text_content() == link.text_content()


def test_same_stories_render_byte_identical(render: Render) -> None:
    assert render(count=3).html == render(count=3).html


def test_low_contrast_colours_are_reported_not_silently_used(render: Render) -> None:
    assert not render().notices
    notices = render(text_color="#aaaaaa", brand_color="#ffdd00").notices
    assert any(n.startswith("warning: text_color #aaaaaa has contrast 2.3:1") for n in notices)
    assert sum("brand_color #ffdd00" in n for n in notices) == 2
