"""Unit tests of ``maildigest.sanitize``: depth cap, page sanitizing before
extraction, link schemes, Markdown link storms and the count limit."""

from __future__ import annotations

import lxml.html
import pytest

from maildigest.errors import LimitError
from maildigest.sanitize import (
    MAX_HTML_DEPTH,
    MAX_MARKDOWN_BRACKETS,
    cap_html_depth,
    cap_markdown,
    check_count,
    prepare_page,
    safe_url,
)


def depth_of(html: str) -> int:
    root = lxml.html.document_fromstring(html)
    deepest = max(root.iter(), key=lambda e: sum(1 for _ in e.iterancestors()))
    return sum(1 for _ in deepest.iterancestors())


def test_a_shallow_page_is_unchanged() -> None:
    page = (
        "<html><body><div><p>One <b>two</b></p><!-- c --><script>x<y</script></div></body></html>"
    )
    assert cap_html_depth(page) == page


def test_100k_nested_divs_keep_their_text_within_the_parser_depth() -> None:
    page = "<body>" + "<div>" * 100_000 + "<p>deep words</p>" + "</div>" * 100_000 + "<p>after</p>"
    capped = cap_html_depth(page)
    assert len(capped) < 3_000
    text = lxml.html.document_fromstring(capped).text_content()
    assert "deep words" in text and "after" in text  # lxml drops text past ~255 levels
    assert depth_of(capped) <= MAX_HTML_DEPTH + 3


def test_unclosed_inline_and_list_tags_are_capped_too() -> None:
    page = "<body>" + "<li><span>" * 5_000 + "<p>one</p><p>two</p>" + "<b><i>" * 5_000 + "end"
    capped = cap_html_depth(page)
    text = lxml.html.document_fromstring(capped).text_content()
    assert all(word in text for word in ("one", "two", "end"))
    assert depth_of(capped) <= MAX_HTML_DEPTH + 3


def test_deep_raw_text_goes_whole_and_shallow_raw_text_is_not_parsed() -> None:
    deep = "<div>" * (MAX_HTML_DEPTH + 5) + "<script>var a = 1;</script><p>kept</p>"
    assert "var a" not in cap_html_depth(deep) and "<p>kept</p>" in cap_html_depth(deep)
    shallow = '<script>var t = "' + "<div>" * 500 + '";</script>' + "<p>x</p>" * 60
    assert cap_html_depth(shallow) == shallow  # tags inside a script are not elements


def test_prepare_page_removes_active_content_and_keeps_the_text() -> None:
    page = (
        '<html><head><title>A &lt;body&gt; title <body onload="x"></title>'
        '<meta name="author" content="Jane"><script type="application/ld+json">{"a": 1}'
        "</script></head><body><p>Before <embed src=x.swf> after the embed.</p>"
        '<script>alert(1)</script><iframe src="javascript:alert(1)"></iframe>'
        '<p onclick="alert(1)">Clicked <a href="javascript:alert(1)">link</a> text.</p>'
        '<form action="https://evil.example/"><input name=q></form>'
        '<script type="application/ld+json">{"author": "Jane"}</script></body></html>'
    )
    prepared = prepare_page(page)
    head, body = prepared.split("<body>", 1)
    assert "<title>A &lt;body&gt; title <body onload=" in head  # the head is kept as written
    assert '<meta name="author" content="Jane">' in head
    assert '{"author": "Jane"}' in body  # JSON-LD is put back for the metadata reader
    body_without_json = body.split('<script type="application/ld+json">')[0]
    for gone in ("<embed", "alert(1)", "<iframe", "onclick", "javascript:", "<form", "<input"):
        assert gone not in body_without_json, gone
    text = lxml.html.document_fromstring(prepared).text_content()
    assert "after the embed." in text and "Clicked link text." in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("http://example.com/", "http://example.com/"),
        ("mailto:editor@example.com", "mailto:editor@example.com"),
        ("  https://example.com/a b  ", "https://example.com/a%20b"),
        ("https://exa\nmple.com/", "https://example.com/"),
        ("https://evil.example/?e={{ recipient.email }}", None),
        ("https://evil.example/?e=%7b%7Brecipient.email%7D%7D", None),
        ("https://example.com/{%raw%}", None),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("\x01javascript:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html;base64,PHNjcmlwdD4=", None),
        ("file:///etc/passwd", None),
        ("/relative/path", None),
        ("//evil.example/x", None),
        ("http:///nohost", None),
        ("https://[::1", None),
        ("https://example.com/" + "a" * 3000, None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_keeps_only_http_https_and_mailto(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_markdown_link_storms_become_text() -> None:
    ordinary = "See [the plan](https://example.com/plan) and [1]."
    assert cap_markdown(ordinary) == ordinary
    storm = "Sources: " + "[a source](https://e.com/s) " * (MAX_MARKDOWN_BRACKETS + 1)
    storm += "![chart](https://e.com/c.png) [unclosed"
    capped = cap_markdown(storm)
    assert capped.startswith("Sources: a source a source")
    assert "https://e.com" not in capped and "chart" not in capped
    assert capped.endswith("\\[unclosed")


def test_check_count_names_the_setting() -> None:
    check_count("articles", 100, 100, "max_articles")
    with pytest.raises(LimitError) as raised:
        check_count("articles", 101, 100, "max_articles")
    message = str(raised.value)
    assert "\n" not in message
    assert "101" in message and "100" in message
    assert "max_articles" in message and "MAILDIGEST_MAX_ARTICLES" in message
