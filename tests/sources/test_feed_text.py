"""Feeds that carry their own text and pictures, served by the local site on
127.0.0.1: an entry whose page cannot be used is built from the feed's text
(with a notice), one with only a teaser is skipped as before, and media:content,
media:thumbnail or an image enclosure becomes the story's lead image when it is
a safe https picture."""

from __future__ import annotations

import html
from pathlib import Path

import lxml.html
from newsite import Site

from maildigest.config import Settings
from maildigest.pipeline import build

PROSE = {
    "tide": (
        "The tide gauge at the north pier recorded its highest reading in forty years on "
        "Sunday night, and the harbour master closed the outer moorings until the morning."
    ),
    "kiln": (
        "A pottery cooperative has rebuilt the wood-fired kiln that stood behind the old "
        "brickworks, and its members plan to fire it four times a year for visiting classes."
    ),
    "choir": (
        "The youth choir will sing at the cathedral on the first weekend of December, after "
        "a season of rehearsals that the conductor called the most demanding in a decade."
    ),
    "tram": (
        "Night trams return to the river line from January, the transport board said, with "
        "a service every twenty minutes between midnight and five in the morning."
    ),
}
EMPTY_PAGE = (
    "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><ul>"
    '<li><a href="/a">Home</a></li><li><a href="/b">Sport</a></li></ul></nav></body></html>'
)


def rss(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:media="http://search.yahoo.com/mrss/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Harbour Weekly</title><link>https://harbour.example/</link>{''.join(items)}"
        "</channel></rss>"
    )


def item(title: str, link: str, description: str = "", extra: str = "") -> str:
    return (
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>"
        f"<description>{html.escape(description)}</description>{extra}</item>"
    )


def run(site: Site, tmp_path: Path, path: str, items: list[str], **settings: object):
    feed = site.add(path, rss(items), "application/rss+xml")
    options = Settings(fetch_timeout=1, fetch_max_mb=1, bullets=2, digest_from=0, **settings)  # type: ignore[arg-type]
    return build([feed], out_dir=tmp_path / "out", settings=options)


def test_entries_whose_page_fails_are_built_from_the_feeds_own_text(
    site: Site, tmp_path: Path
) -> None:
    site.add("/menu-only.html", EMPTY_PAGE)
    items = [
        item("Record tide closes moorings", site.url("/news/vanished.html"), PROSE["tide"]),
        item("Kiln fired again", "http://169.254.169.254/latest/meta-data", PROSE["kiln"]),
        item("Choir to sing at cathedral", site.url("/picture.png"), PROSE["choir"]),
        item(
            "Trams to run through the night", site.url("/menu-only.html"), f"<p>{PROSE['tram']}</p>"
        ),
        item("Teaser only", site.url("/news/also-gone.html"), "Read the story on our site."),
    ]
    result = run(site, tmp_path, "/feeds/own-text.rss", items)
    titles = [story.article.title for story in result.newsletter.stories]
    assert titles == [
        "Record tide closes moorings",
        "Kiln fired again",
        "Choir to sing at cathedral",
        "Trams to run through the night",
    ]
    for story, key in zip(
        result.newsletter.stories, ("tide", "kiln", "choir", "tram"), strict=True
    ):
        assert story.article.paragraphs == (PROSE[key],)
    notices = result.newsletter.notices
    built_from_feed = [n for n in notices if "built from the feed's own text" in n]
    assert len(built_from_feed) == 4
    assert any("vanished.html" in n and "HTTP 404" in n for n in built_from_feed)
    assert any("169.254.169.254" in n for n in built_from_feed)
    assert any("menu-only.html" in n and "holds no article" in n for n in built_from_feed)
    # only a teaser: skipped for its page's failure, as before
    assert any("also-gone.html" in n and "HTTP 404" in n and "skipped" in n for n in notices)
    assert "Read the story on our site" not in result.newsletter.text


def test_feed_text_is_sanitized_like_a_page(site: Site, tmp_path: Path) -> None:
    hostile = (
        f"<p>{PROSE['kiln']}</p><script>alert('x')</script>"
        '<p onclick="steal()">Click <a href="javascript:steal()">here</a>.</p>'
        '<iframe src="https://evil.example/"></iframe>'
    )
    result = run(
        site, tmp_path, "/feeds/hostile-text.rss", [item("Kiln", site.url("/gone"), hostile)]
    )
    page = result.newsletter.html
    for bad in ("<script", "alert(", "javascript:", "onclick", "<iframe", "evil.example"):
        assert bad not in page
    assert PROSE["kiln"] in page


def test_feed_pictures_become_lead_images_and_unsafe_ones_are_dropped(
    site: Site, tmp_path: Path
) -> None:
    pictures = {
        "media content": '<media:content url="https://cdn.harbour.example/tide.jpg" '
        'medium="image" width="1200" height="675"/>',
        "thumbnail": '<media:thumbnail url="https://cdn.harbour.example/kiln.jpg" '
        'width="640" height="360"/>',
        "enclosure": '<enclosure url="https://cdn.harbour.example/choir.png" type="image/png" '
        'length="1000"/>',
        "plain http": '<media:content url="http://cdn.harbour.example/a.jpg" medium="image"/>',
        "data url": '<media:content url="data:image/png;base64,iVBORw0KGgo=" medium="image"/>',
        "script": '<media:thumbnail url="javascript:alert(1)"/>',
        "pixel": '<media:content url="https://track.example/p.gif" medium="image" '
        'width="1" height="1"/>',
        "huge url": f'<media:thumbnail url="https://cdn.harbour.example/{"x" * 10_000}.jpg"/>',
        "audio": '<enclosure url="https://cdn.harbour.example/a.mp3" type="audio/mpeg" length="1"/>',
    }
    body = f"<p>{PROSE['tram']}</p>"
    items = [
        item(name, f"https://harbour.example/{n}", extra=f"<content:encoded>{html.escape(body)}"
             f"</content:encoded>{markup}")
        for n, (name, markup) in enumerate(pictures.items())
    ]  # fmt: skip
    result = run(site, tmp_path, "/feeds/pictures.rss", items)
    images = {s.article.title: s.article.image for s in result.newsletter.stories}
    assert images["media content"] is not None
    assert (images["media content"].src, images["media content"].width) == (
        "https://cdn.harbour.example/tide.jpg",
        1200,
    )
    assert images["thumbnail"] is not None and images["thumbnail"].height == 360
    assert images["enclosure"] is not None and images["enclosure"].src.endswith("choir.png")
    for unsafe in ("plain http", "data url", "script", "pixel", "huge url", "audio"):
        assert images[unsafe] is None, unsafe
    root = lxml.html.document_fromstring(result.newsletter.html)
    shown = root.xpath("//img[@class='md-image']")
    assert [img.get("src") for img in shown] == [
        "https://cdn.harbour.example/tide.jpg",
        "https://cdn.harbour.example/kiln.jpg",
        "https://cdn.harbour.example/choir.png",
    ]
    assert all(img.get("alt") and img.get("width") for img in shown)
