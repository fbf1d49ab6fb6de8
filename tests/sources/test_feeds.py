"""Feed parsing and entry selection: metadata, order, filters, and hostile feeds."""

from __future__ import annotations

import datetime as dt

import pytest
from newsite import ENTITY_BOMB, atom_feed, rss_feed

from maildigest.errors import InputError
from maildigest.sources.feeds import Entry, parse_feed, select_entries

BASE = "http://news.test"


def entry(origin: str, day: int | None) -> Entry:
    published = dt.datetime(2026, 11, day, 8, tzinfo=dt.UTC) if day else None
    return Entry(origin, origin.upper(), origin, published, None, "<p>x</p>", None, None)


def test_rss_entries_carry_title_date_author_link_and_full_content() -> None:
    feed = parse_feed(
        rss_feed(
            BASE,
            [
                (
                    "First story",
                    f"{BASE}/1",
                    "<p>Full text one.</p>",
                    dt.date(2026, 11, 3),
                    "Ann Lee",
                ),
                ("Second &amp; last", f"{BASE}/2", None, dt.date(2026, 11, 4), None),
            ],
        ).encode(),
        "feed.rss",
    )
    assert feed.title == "The Lakeside Gazette"
    first, second = feed.entries
    assert (first.title, first.link, first.author) == ("First story", f"{BASE}/1", "Ann Lee")
    assert first.published == dt.datetime(2026, 11, 3, 8, tzinfo=dt.UTC)
    assert first.content == "<p>Full text one.</p>"
    assert second.title == "Second & last"
    assert second.content is None and second.summary  # a teaser is not full content
    assert first.hints() == {
        "title": "First story",
        "date": "2026-11-03",
        "author": "Ann Lee",
        "url": f"{BASE}/1",
        "site": "The Lakeside Gazette",
    }


def test_atom_entries_and_relative_links_resolved_against_the_feed_url() -> None:
    data = atom_feed(
        BASE, [("Atom one", "/stories/1", "<p>Body.</p>", dt.date(2026, 10, 1), "Bo Kim")]
    )
    (only,) = parse_feed(data.encode(), "atom", base_url=f"{BASE}/feeds/atom.xml").entries
    assert only.link == f"{BASE}/stories/1"
    assert only.author == "Bo Kim"
    assert only.published is not None and only.published.date() == dt.date(2026, 10, 1)
    assert "Body." in (only.content or "")


def test_entry_document_is_html_with_the_feed_metadata_as_hints() -> None:
    (item,) = parse_feed(
        rss_feed(
            BASE, [("T <b>bold</b>", f"{BASE}/t", "<p>Body</p>", dt.date(2026, 1, 2), None)]
        ).encode(),
        "f",
    ).entries
    document = item.document()
    assert document.format == "html" and document.origin == f"{BASE}/t"
    assert document.source_url == f"{BASE}/t"
    assert "<p>Body</p>" in document.text and document.hints["date"] == "2026-01-02"


def test_entity_declarations_are_refused() -> None:
    with pytest.raises(InputError, match="entities"):
        parse_feed(ENTITY_BOMB, "bomb.rss")
    broken = ENTITY_BOMB.replace(b"</channel>", b"")  # not well-formed: the lenient path
    with pytest.raises(InputError, match="entities"):
        parse_feed(broken, "bomb.rss")


def test_not_a_feed_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed(b"just some words, no markup at all", "words.txt")


def test_select_newest_first_with_undated_last_since_limit_and_seen() -> None:
    entries = [entry("a", 1), entry("b", 9), entry("u", None), entry("c", 5), entry("d", 3)]
    chosen, left_out = select_entries(entries)
    assert [e.origin for e in chosen] == ["b", "c", "d", "a", "u"] and left_out == 0
    chosen, _ = select_entries(entries, order="oldest")
    assert [e.origin for e in chosen] == ["a", "d", "c", "b", "u"]
    chosen, _ = select_entries(entries, order="feed")
    assert [e.origin for e in chosen] == ["a", "b", "u", "c", "d"]
    chosen, left_out = select_entries(entries, since=dt.date(2026, 11, 4), limit=2, seen={"b"})
    assert [e.origin for e in chosen] == ["c", "u"] and left_out == 3


def test_only_http_links_are_kept() -> None:
    data = rss_feed(
        BASE, [("Sneaky", "javascript:alert(1)", "<p>Body</p>", dt.date(2026, 1, 2), None)]
    )
    (item,) = parse_feed(data.encode(), "feed.rss").entries
    assert item.link is None and item.document().source_url is None
    assert item.origin == "feed.rss#javascript:alert(1)"  # the guid, only as a name


def test_titles_lose_their_markup_but_not_comparisons_in_the_text() -> None:
    items = [
        ("<b>Rates</b> rise: 5 < 6 and 7 > 3", f"{BASE}/1", None, dt.date(2026, 11, 3), None),
        ("<script>alert(1)</script>AT&amp;T &lt;3", f"{BASE}/2", None, dt.date(2026, 11, 4), None),
    ]
    first, second = parse_feed(rss_feed(BASE, items).encode(), "feed.rss").entries
    assert first.title == "Rates rise: 5 < 6 and 7 > 3"
    assert second.title == "AT&T <3"
