"""The digest layout, the issue header, the editor's note and the web version:
stories become cards from ``digest_from`` stories on, a single article keeps its
full text, the key points sit in their own labelled panel, and web.html is the
same issue as a page of its own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import lxml.html
import pytest
import synthetic_articles as synthetic
from synthetic_articles import Render

from maildigest.config import Settings
from maildigest.errors import ConfigError
from maildigest.issue import issue_of, note_to_html
from maildigest.models import Image


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def items(html: str) -> list[lxml.html.HtmlElement]:
    return parse(html).xpath("//div[contains(@class, 'md-item')]")


def test_from_two_stories_each_is_a_card_without_full_text(render: Render) -> None:
    stories = synthetic.stories(3, images=True)
    newsletter = render(stories)
    cards = items(newsletter.html)
    assert len(cards) == 3
    for card, story in zip(cards, stories, strict=True):
        assert card.xpath(".//h2")[0].text_content() == story.article.title
        (image,) = card.xpath(".//img")
        assert image.get("src") == story.article.image.src
        assert image.get("width") == "552" and image.get("height") == "290"
        assert "height:auto" in image.get("style").replace(" ", "")
        panel = card.xpath(".//div[@class='md-panel']")[0]
        assert panel.xpath("./div[@class='md-label']")[0].text_content() == "Key points"
        assert [li.text_content() for li in panel.xpath(".//li")] == story.summary.texts
        assert not card.xpath(".//p[@class='md-paragraph']")
        (more,) = card.xpath(".//div[@class='md-more']/a")
        assert (more.text_content(), more.get("href")) == ("Read more", story.article.source_url)
        assert not [p for p in story.article.paragraphs[1:] if p in newsletter.html]
    assert not [n for n in newsletter.notices if "size budget" in n]
    # the panel is visibly set apart: its own background and a coloured edge
    style = cards[0].xpath(".//div[@class='md-panel']")[0].get("style").replace(" ", "")
    assert "background-color:#f1f5f9" in style and "border-left:4pxsolid" in style


def test_a_single_article_keeps_its_full_text_unless_told(render: Render) -> None:
    (story,) = synthetic.stories(1)
    full = items(render([story]).html)[0]
    assert [p.text_content() for p in full.xpath("./p[@class='md-paragraph']")] == list(
        story.article.paragraphs
    )
    assert items(render([story], digest_from=1).html)[0].xpath(".//div[@class='md-more']")
    assert not items(render([story], digest_from=1).html)[0].xpath("./p[@class='md-paragraph']")
    # digest_from = 0: never cards, as before
    assert len(items(render(count=3, digest_from=0).html)[2].xpath("./p[@class='md-paragraph']"))


def test_key_points_label_follows_the_story_language(render: Render) -> None:
    stories = synthetic.stories(2)
    stories[1] = dataclasses.replace(
        stories[1], article=dataclasses.replace(stories[1].article, language="de")
    )
    newsletter = render(stories)
    labels = [d.text_content() for d in parse(newsletter.html).xpath("//div[@class='md-label']")]
    assert labels == ["Key points", "Das Wichtigste"]
    assert "Das Wichtigste:" in newsletter.text and "Weiterlesen: [2]" in newsletter.text


def test_header_carries_issue_date_and_number(render: Render) -> None:
    newsletter = render(count=2, issue_date="2026-12-07", issue_number=42)
    line = parse(newsletter.html).xpath("//p[@class='md-issue']")[0].text_content()
    assert " ".join(line.split()) == "7 December 2026 · Issue 42"
    assert "7 December 2026 · Issue 42" in newsletter.text
    assert (
        "Issue" not in parse(render(count=2).html).xpath("//p[@class='md-issue']")[0].text_content()
    )


def test_editor_note_opens_the_issue_from_settings_or_a_file(
    render: Render, tmp_path: Path
) -> None:
    note = (
        "Hello **readers**.\n\nSee [the schedule](https://example.com/s) and [this](javascript:x)."
    )
    newsletter = render(count=4, editor_note=note)
    root = parse(newsletter.html)
    (block,) = root.xpath("//td[contains(@class, 'md-note')]")
    first_story = root.xpath("//div[contains(@class, 'md-item')]")[0]
    toc = root.xpath("//ol[contains(@class, 'md-toc')]")[0]
    order = list(root.iter())
    assert order.index(block) < order.index(toc) < order.index(first_story)
    assert block.xpath(".//strong")[0].text_content() == "readers"
    assert [a.get("href") for a in block.xpath(".//a")] == ["https://example.com/s"]
    assert not root.xpath("//a[contains(@href, 'javascript')]")  # shown as text, not a link
    assert "Hello **readers**." in newsletter.text
    path = tmp_path / "note.md"
    path.write_text("From a *file*.", encoding="utf-8")
    from_file = render(count=2, editor_note="ignored", editor_note_file=str(path))
    assert "From a <em>file</em>." in from_file.html and "ignored" not in from_file.html


def test_note_markdown_cannot_inject_html_or_images() -> None:
    html = note_to_html('<script>x</script> ![p](https://img.example/p.png) <b onclick="y">b</b>')
    assert "<script" not in html and "<img" not in html and "<b " not in html


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"issue_date": "7 Dec"}, "issue_date must be a date"),
        ({"issue_number": -1}, "issue_number must be 0"),
        ({"web_url": "javascript:alert(1)"}, "web_url must be an absolute http(s) URL"),
        (
            {"web_url": "https://x.example/{issue}"},
            "web_url 'https://x.example/{issue}' is invalid",
        ),
        ({"archive_url": "ftp://x.example/"}, "archive_url must be an absolute http(s) URL"),
        ({"editor_note_file": "/no/such/note.md"}, "editor's note:"),
        ({"digest_from": -1}, "digest_from must be 0"),
    ],
)
def test_bad_issue_settings_are_config_errors(
    render: Render, settings: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        render(count=2, **settings)


def test_view_in_browser_link_in_html_and_text(render: Render) -> None:
    newsletter = render(
        count=2, web_url="https://news.example.com/issues/{number}.html", issue_number=9
    )
    (link,) = parse(newsletter.html).xpath("//a[text()='View in your browser']")
    assert link.get("href") == "https://news.example.com/issues/9.html"
    assert newsletter.text.startswith(
        "View in your browser: https://news.example.com/issues/9.html"
    )
    plain = render(count=2)
    assert "View in your browser" not in plain.html + plain.text
    archived = issue_of(
        Settings(archive_url="https://news.example.com/archive", issue_date="2026-12-07")
    )
    assert archived.web_url == "https://news.example.com/archive/2026-12-07.html"


def test_web_page_is_the_same_issue_without_email_machinery(render: Render) -> None:
    stories = synthetic.stories(4, images=True)
    newsletter = render(stories, web_url="https://news.example.com/7.html", issue_number=7)
    root = parse(newsletter.web)
    head = {(m.get("property") or m.get("name")): m.get("content") for m in root.xpath("//meta")}
    assert root.xpath("//title")[0].text_content() == newsletter.subject
    assert head["description"] == head["og:description"] == newsletter.preheader
    assert head["og:title"] == newsletter.subject
    assert head["og:url"] == "https://news.example.com/7.html"
    assert head["og:image"] == stories[0].article.image.src
    assert head["viewport"].startswith("width=device-width")
    assert "prefers-color-scheme: dark" in newsletter.web
    style = root.xpath("//style")[0].text_content()
    assert "'Segoe UI'" in style and "&#" not in style  # a sheet, not attribute-escaped
    # no preheader, no layout tables, no inlined styles (but an image's own size), no MSO
    assert not root.xpath("//*[contains(@class, 'md-preheader')] | //table")
    assert not root.xpath("//*[@style][not(self::img)]")
    assert "<!--[if" not in newsletter.web
    titles = [h.text_content() for h in root.xpath("//article//h2")]
    assert titles == [s.article.title for s in stories]
    toc = [a.get("href") for a in root.xpath("//nav//a")]
    assert toc == [f"#story-{n}" for n in range(1, 5)]


@pytest.mark.parametrize(
    "image",
    [
        Image(src="javascript:alert(1)", alt="x", width=600, height=300),
        Image(src="data:image/png;base64,iVBORw0KGgo=", alt="x", width=600, height=300),
        Image(src="http://images.example.com/plain.jpg", alt="x", width=600, height=300),
        Image(src="https://images.example.com/" + "a" * 10_000 + ".jpg", alt="x"),
        Image(src="https://track.example.com/pixel.gif", alt="", width=1, height=1),
        Image(src="https://images.example.com/{{ recipient.email }}.jpg", alt="x"),
    ],
    ids=["javascript", "data", "http", "10k-url", "tracking-pixel", "placeholder"],
)
def test_hostile_lead_images_are_never_rendered(render: Render, image: Image) -> None:
    """An Article made by library code skips cleaning: the render checks its image again."""
    stories = synthetic.stories(2)
    stories[0] = dataclasses.replace(
        stories[0], article=dataclasses.replace(stories[0].article, image=image)
    )
    newsletter = render(stories)
    for part in (newsletter.html, newsletter.web):
        assert not parse(part).xpath("//img[contains(@class, 'md-image')]")
        assert "og:image" not in part
    assert image.src[:40] not in newsletter.html + newsletter.web + newsletter.text


def test_image_without_size_gets_the_column_width_and_its_own_alt(render: Render) -> None:
    stories = synthetic.stories(2)
    stories[0] = dataclasses.replace(
        stories[0],
        article=dataclasses.replace(
            stories[0].article, image=Image(src="https://img.example.com/a.jpg", alt="  A  quay ")
        ),
    )
    stories[1] = dataclasses.replace(
        stories[1],
        article=dataclasses.replace(
            stories[1].article,
            image=Image(src="https://img.example.com/b.jpg", alt="", width=300, height=200),
        ),
    )
    first, second = parse(render(stories).html).xpath("//img[@class='md-image']")
    assert (first.get("alt"), first.get("width"), first.get("height")) == ("A quay", "552", None)
    assert (second.get("alt"), second.get("width"), second.get("height")) == (
        stories[1].article.title,
        "300",
        "200",
    )
