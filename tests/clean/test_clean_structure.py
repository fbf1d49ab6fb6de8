"""Articles keep their structure: links, emphasis, subheadings, lists, quotes and
figures from HTML pages and Markdown, lists from plain text; lead images are
remote https pictures of a real size."""

from __future__ import annotations

import pytest

from maildigest.clean import clean_document, clean_text
from maildigest.models import Document, Figure, Heading, ListBlock, Paragraph, Quote, Run

BODY = (
    "<p>The harbour board approved the <a href='/plans/ferry'>new ferry timetable</a> on Monday "
    "after a <em>long</em> debate that ran late into the evening and drew a full public gallery.</p>"
    "<p>Operators said the change would let them plan crews and maintenance more reliably "
    "through the winter, and <a href='javascript:alert(1)'>residents</a> welcomed it too.</p>"
    "<h2>What changes</h2>"
    "<ul><li>An earlier <b>first</b> sailing</li><li>A stop at the "
    "<a href='https://marina.example/'>marina</a></li></ul>"
    "<blockquote><p>It is the best timetable we have had in a decade, said the chair of the "
    "passengers' association.</p></blockquote>"
    "<figure><img src='https://img.example/ferry.jpg' alt='The ferry at the pier' width='900' "
    "height='600'><figcaption>The ferry at the north pier.</figcaption></figure>"
    "<p>A final vote on the wider regional transport budget is expected next month, when the "
    "finance committee publishes its review of fares.</p>"
    "<img src='https://track.example/p.gif' width='1' height='1' alt=''>"
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        "<!DOCTYPE html><html lang=en><head><title>Ferry timetable approved</title>"
        f"<link rel=canonical href='https://news.example/ferry'>{head}</head><body><article>"
        f"<h1>Ferry timetable approved</h1>{body}</article></body></html>"
    )


def clean_page(html: str) -> object:
    return clean_document(Document(html, "html", "page.html"))


def test_an_html_page_keeps_links_emphasis_headings_lists_quotes_and_figures() -> None:
    article = clean_page(page())
    kinds = [block.kind for block in article.blocks]
    assert kinds == ["paragraph", "paragraph", "heading", "list", "quote", "figure", "paragraph"]
    first, second, heading, items, quote, figure, _ = article.blocks
    # a relative link resolves against the page's URL; emphasis is kept
    assert Run("new ferry timetable", href="https://news.example/plans/ferry") in first.runs
    assert Run("long", emphasis=True) in first.runs
    # a link with a bad scheme becomes its text
    assert "residents" in second.text and not any(run.href for run in second.runs)
    assert heading == Heading((Run("What changes"),), level=2)
    assert isinstance(items, ListBlock) and len(items.items) == 2
    assert Run("first", strong=True) in items.items[0]
    assert Run("marina", href="https://marina.example/") in items.items[1]
    assert isinstance(quote, Quote)
    assert isinstance(figure, Figure)
    assert (figure.image.alt, figure.image.width, figure.image.caption) == (
        "The ferry at the pier",
        900,
        "The ferry at the north pier.",
    )
    # the tracking pixel is no figure; the paragraphs stay plain strings
    assert all("track.example" not in str(block) for block in article.blocks)
    assert article.paragraphs[2:5] == (
        "What changes",
        "An earlier first sailing",
        "A stop at the marina",
    )


def test_the_lead_image_is_the_pages_og_image_with_its_declared_size_and_alt() -> None:
    head = (
        "<meta property='og:image' content='https://img.example/lead.jpg'>"
        "<meta property='og:image:width' content='1200'>"
        "<meta property='og:image:alt' content='Passengers boarding'>"
    )
    image = clean_page(page(head)).image
    assert (image.src, image.width, image.alt) == (
        "https://img.example/lead.jpg",
        1200,
        "Passengers boarding",
    )


def test_without_og_image_the_lead_is_the_first_figure_and_alt_falls_back_to_the_title() -> None:
    body = BODY.replace("alt='The ferry at the pier'", "")
    image = clean_page(page(body=body)).image
    assert image.src == "https://img.example/ferry.jpg"
    assert image.alt == "Ferry timetable approved"


def test_a_figures_alt_text_and_caption_keep_their_joiners() -> None:
    word = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # Persian, with a ZWNJ
    body = BODY.replace("alt='The ferry at the pier'", f"alt='{word}'").replace(
        "The ferry at the north pier.", f"{word} at the north pier."
    )
    image = clean_page(page(body=body)).image
    assert image.alt == word
    assert image.caption == f"{word} at the north pier."


def test_a_feed_entrys_picture_ranks_between_og_image_and_the_first_figure() -> None:
    hints = {"image": "https://feed.example/entry.jpg", "title": "Ferry timetable approved"}
    from_feed = clean_document(Document(page(), "html", "page.html", hints=hints)).image
    assert from_feed.src == "https://feed.example/entry.jpg"  # beats the first figure
    head = "<meta property='og:image' content='https://img.example/lead.jpg'>"
    with_og = clean_document(Document(page(head), "html", "page.html", hints=hints)).image
    assert with_og.src == "https://img.example/lead.jpg"  # the page's own picture wins
    unsafe = {**hints, "image": "http://feed.example/entry.jpg"}
    fallback = clean_document(Document(page(), "html", "page.html", hints=unsafe)).image
    assert fallback.src == "https://img.example/ferry.jpg"  # an unsafe feed picture is dropped


@pytest.mark.parametrize(
    "meta",
    [
        "<meta property='og:image' content='javascript:alert(1)'>",
        "<meta property='og:image' content='data:image/png;base64,iVBORw0KGgo='>",
        "<meta property='og:image' content='http://img.example/lead.jpg'>",
        f"<meta property='og:image' content='https://img.example/{'a' * 10_000}.jpg'>",
        "<meta property='og:image' content='https://t.example/p.gif'>"
        "<meta property='og:image:width' content='1'><meta property='og:image:height' content='1'>",
    ],
    ids=["javascript", "data", "http", "10k-url", "1x1-pixel"],
)
def test_a_hostile_og_image_is_dropped(meta: str) -> None:
    body = BODY.replace("<figure>", "<div>").replace("</figure>", "</div>")
    body = body.replace("src='https://img.example/ferry.jpg'", "src='http://img.example/f.jpg'")
    article = clean_page(page(meta, body))
    assert article.image is None
    assert not any(isinstance(block, Figure) for block in article.blocks)


MARKDOWN = """# Harbour ferry returns

The harbour ferry resumed its crossings on Saturday after three months of repairs to its hull.

Operators said the repairs came in under budget and ahead of the schedule set in the spring.

## Key figures

- Passengers on the first day: 1,240
- Crossings a day: 14
"""


def test_a_markdown_list_of_key_figures_at_the_end_is_kept() -> None:
    article = clean_text(MARKDOWN, format="markdown")
    assert article.paragraphs[-3:] == (
        "Key figures",
        "Passengers on the first day: 1,240",
        "Crossings a day: 14",
    )
    assert isinstance(article.blocks[-1], ListBlock) and len(article.blocks[-1].items) == 2


def test_a_menu_of_links_at_the_end_is_still_page_footer() -> None:
    article = clean_text(
        MARKDOWN.replace(
            "- Passengers on the first day: 1,240\n- Crossings a day: 14",
            "- [Home](https://ferry.example/)\n- [Timetables](https://ferry.example/t)",
        ),
        format="markdown",
    )
    assert "Home" not in article.paragraphs and "Timetables" not in article.paragraphs


def test_plain_text_stays_plain_and_its_dash_and_number_lines_are_lists() -> None:
    text = (
        "Harbour ferry returns\n\n"
        "The harbour ferry resumed its crossings on Saturday after three months of repairs to "
        "its hull, see [the notice](https://ferry.example/n) for details.\n\n"
        "The operator listed three changes for passengers:\n"
        "- an earlier first sailing\n- a new stop at the marina\n"
        "1. card payments on board\n2. a later last sailing\n"
    )
    article = clean_text(text, format="text")
    assert not any(run.href for block in article.blocks for run in getattr(block, "runs", ()))
    lists = [block for block in article.blocks if isinstance(block, ListBlock)]
    assert [(len(b.items), b.ordered) for b in lists] == [(2, False), (2, True)]
    assert isinstance(article.blocks[0], Paragraph)
    assert "1. card payments on board" in article.paragraphs
