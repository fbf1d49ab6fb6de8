"""Fetching against the local site: what comes back, and every way it can fail."""

from __future__ import annotations

import pytest

from maildigest import __version__
from maildigest.sources.fetch import Fetcher, FetchFailed, FetchLimits, Page, page_text

LIMITS = FetchLimits(timeout=1, deadline=30, max_bytes=1024 * 1024, concurrency=4)


def fetch(url: str, limits: FetchLimits = LIMITS) -> Page:
    with Fetcher(limits) as fetcher:
        return fetcher.fetch(url)


def failure(url: str, limits: FetchLimits = LIMITS) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetch(url, limits)
    return caught.value


def test_fetches_a_page_with_a_clear_user_agent(site) -> None:
    page = fetch(site.article_url("harbour"))
    assert b"Harbour authority approves new ferry terminal" in page.body
    assert page.content_type == "text/html"
    assert site.user_agents[-1].startswith(f"maildigest/{__version__}")


def test_charset_comes_from_the_header_then_the_page(site) -> None:
    text = "Café au lait — naïve résumé"
    header = site.add(
        "/latin1-header.html",
        f"<p>{text}</p>".encode("latin-1", "replace"),
        "text/html; charset=iso-8859-1",
    )
    meta = site.add(
        "/cp1252-meta.html",
        f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'.encode(
            "cp1252"
        ),
        "text/html",
    )
    assert "Café au lait" in page_text(fetch(header))
    assert text in page_text(fetch(meta))


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/no-such-page.html", "HTTP 404"),
        ("/never", "timed out"),
        ("/endless", "too large"),
        ("/loop", "too many redirects"),
    ],
)
def test_failures_say_why(site, path: str, kind: str) -> None:
    assert failure(site.url(path)).kind == kind


def test_declared_length_over_the_cap_is_refused_before_reading(site) -> None:
    url = site.add("/huge.html", b"<p>" + b"x" * 300_000 + b"</p>")
    assert failure(url, FetchLimits(timeout=1, max_bytes=100_000)).kind == "too large"


def test_the_cap_holds_after_decompression(site) -> None:
    """A 3 MB page gzipped to a few KB (a "zip bomb") is still cut at the 1 MB cap."""
    import gzip

    small = site.add("/small.gz.html", gzip.compress(b"<p>Hello, compressed world.</p>"))
    bomb = site.add("/bomb.gz.html", gzip.compress(b"<p>" + b" " * 3_000_000 + b"</p>"))
    assert b"compressed world" in fetch(small).body
    assert failure(bomb).kind == "too large"


def test_only_http_and_https(site) -> None:
    for url in ("ftp://127.0.0.1/file.txt", "file:///etc/passwd"):
        assert failure(url).kind == "unsupported URL"


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://0.0.0.0:8080/admin",
        "http://100.100.100.200/latest/meta-data/",
    ],
)
def test_cloud_metadata_and_reserved_addresses_are_never_fetched(site, target: str) -> None:
    """Neither named directly nor reached by a redirect from an ordinary page."""
    assert failure(target).kind == "refused address"
    site.redirects["/to-metadata"] = target
    refused = failure(site.url("/to-metadata"))
    assert refused.kind == "refused address" and "metadata" in str(refused)


def test_a_name_resolving_to_a_link_local_address_is_refused(monkeypatch) -> None:
    import socket

    resolved = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", 0))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: resolved)
    assert failure("http://metadata.internal.example/").kind == "refused address"


def test_the_whole_fetch_has_a_deadline(site) -> None:
    """Once the shared deadline has passed, nothing more is fetched."""
    limits = FetchLimits(timeout=1, deadline=1, concurrency=1)
    with Fetcher(limits) as fetcher:
        results = fetcher.fetch_all([site.url("/never"), site.article_url("library")])
    assert [r.kind for r in results if isinstance(r, FetchFailed)] == ["timed out", "timed out"]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_concurrency_is_bounded_and_results_keep_their_order(site, concurrency: int) -> None:
    slugs = ["harbour", "library", "orchard", "bridge", "school", "market"]
    urls = [site.url(f"/slow/news/{slug}.html") for slug in slugs]
    site.max_in_flight = 0
    with Fetcher(FetchLimits(timeout=5, concurrency=concurrency)) as fetcher:
        pages = fetcher.fetch_all(urls)
    assert [p.url for p in pages] == urls
    assert all(isinstance(p, Page) for p in pages)
    assert 1 <= site.max_in_flight <= concurrency
