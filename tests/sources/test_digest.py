"""Whole digests through the CLI from folders, feeds (files and URLs) and article
URLs served by the local site: titles, dates, links, skips, order, filters, and
no page boilerplate in the newsletter."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from newsite import (
    BOILERPLATE,
    DATES,
    ENTITY_BOMB,
    TOPICS,
    Site,
    article_paragraphs,
    atom_feed,
    rss_feed,
    topic,
)
from typer.testing import CliRunner

from maildigest.cli import app

runner = CliRunner()
OUTPUTS = ("newsletter.html", "newsletter.txt", "newsletter.eml", "web.html", "digest.json")


def build(tmp_path: Path, *args: str, input: str | None = None):
    env = {
        "MAILDIGEST_FETCH_TIMEOUT": "1",
        "MAILDIGEST_FETCH_MAX_MB": "1",
        "MAILDIGEST_STATE_FILE": str(tmp_path / "seen.json"),
        "MAILDIGEST_BULLETS": "2",
    }
    return runner.invoke(
        app, ["build", *args, "--out", str(tmp_path / "out")], env=env, input=input
    )


def digest(tmp_path: Path) -> list[dict]:
    return json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))["articles"]


def full_content(slug: str) -> str:
    _, title, _, noun = topic(slug)
    return "".join(f"<p>{p}</p>" for p in article_paragraphs(slug, title, noun))


def entry(site: Site, slug: str, *, content: bool = False, link: str | None = None):
    _, title, author, _ = topic(slug)
    return (
        title,
        link or site.article_url(slug),
        full_content(slug) if content else None,
        DATES[slug],
        author,
    )


def assert_no_boilerplate(tmp_path: Path) -> None:
    for name in ("newsletter.html", "newsletter.txt"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        for phrase in BOILERPLATE:
            for fragment in (phrase, phrase.replace("&", "&amp;")):
                assert fragment.split(".")[0] not in text, f"{phrase!r} leaked into {name}"
        assert "Short teaser only" not in text


def test_feed_url_fetches_entries_skips_failures_and_keeps_pages_clean(
    site: Site, tmp_path: Path
) -> None:
    feed = site.add(
        "/feeds/mixed.rss",
        rss_feed(
            site.base,
            [
                entry(site, "harbour"),  # fetched
                entry(site, "library", content=True),  # full content in the feed
                entry(site, "orchard"),  # fetched
                ("Gone story", site.url("/news/gone.html"), None, dt.date(2026, 11, 10), None),
                ("Slow story", site.url("/never"), None, dt.date(2026, 11, 9), None),
                ("Endless story", site.url("/endless"), None, dt.date(2026, 11, 8), None),
                ("A picture", site.url("/picture.png"), None, dt.date(2026, 11, 7), None),
            ],
        ),
        "application/rss+xml",
    )
    result = build(tmp_path, feed)
    assert result.exit_code == 0, result.output
    articles = digest(tmp_path)
    assert [a["title"] for a in articles] == [
        topic(s)[1] for s in ("harbour", "library", "orchard")
    ]
    assert [a["date"] for a in articles] == [
        DATES[s].isoformat() for s in ("harbour", "library", "orchard")
    ]
    assert [a["source_url"] for a in articles] == [
        site.article_url(s) for s in ("harbour", "library", "orchard")
    ]
    assert articles[1]["author"] == topic("library")[2]
    assert all(len(a["paragraphs"]) >= 3 for a in articles)
    warnings = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert any("gone.html" in w and "HTTP 404" in w for w in warnings)
    assert any("/never" in w and "no answer" in w for w in warnings)
    assert any("/endless" in w and "fetch limit" in w for w in warnings)
    assert any("picture.png" in w and "image/png" in w for w in warnings)
    assert (
        "3 articles, 4 skipped (1 HTTP 404, 1 timed out, 1 too large, 1 not an article)"
        in result.stderr
    )
    text = (tmp_path / "out" / "newsletter.txt").read_text(encoding="utf-8")
    assert all(topic(s)[1] in text for s in ("harbour", "library", "orchard"))
    assert site.article_url("orchard") in text
    assert_no_boilerplate(tmp_path)


def test_mixed_inputs_keep_the_order_given(site: Site, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name, slug in (("2-market.txt", "market"), ("1-school.md", "school")):
        _, title, _, noun = topic(slug)
        body = "\n\n".join(article_paragraphs(slug, title, noun))
        (folder / name).write_text(
            f"{'# ' if name.endswith('.md') else ''}{title}\n\n{body}\n", encoding="utf-8"
        )
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    atom = tmp_path / "bridge.atom"
    atom.write_text(atom_feed(site.base, [entry(site, "bridge", content=True)]), encoding="utf-8")
    result = build(tmp_path, str(atom), site.article_url("harbour"), str(folder))
    assert result.exit_code == 0, result.output
    titles = [a["title"] for a in digest(tmp_path)]
    assert titles == [topic(s)[1] for s in ("bridge", "harbour", "school", "market")]
    assert "4 articles, 0 skipped" in result.stderr
    html = (tmp_path / "out" / "newsletter.html").read_text(encoding="utf-8")
    assert html.index(topic("bridge")[1]) < html.index(topic("market")[1])
    assert_no_boilerplate(tmp_path)


def test_since_and_limit_select_the_newest_entries(site: Site, tmp_path: Path) -> None:
    feed = site.add(
        "/feeds/all.rss",
        rss_feed(site.base, [entry(site, slug, content=True) for slug, *_ in reversed(TOPICS)]),
        "application/rss+xml",
    )
    since = DATES["orchard"].isoformat()  # harbour, library, orchard are on or after it
    result = build(tmp_path, feed, "--since", since, "--limit", "2")
    assert result.exit_code == 0, result.output
    assert [a["title"] for a in digest(tmp_path)] == [topic("harbour")[1], topic("library")[1]]
    assert "2 articles, 0 skipped; 4 feed entries left out" in result.stderr


def test_new_only_builds_each_entry_once(site: Site, tmp_path: Path) -> None:
    feed = site.add(
        "/feeds/weekly.rss",
        rss_feed(
            site.base, [entry(site, s, content=True) for s in ("harbour", "library", "orchard")]
        ),
        "application/rss+xml",
    )
    first = build(tmp_path, feed, "--new-only", "--limit", "2")
    assert first.exit_code == 0, first.output
    assert [a["title"] for a in digest(tmp_path)] == [topic("harbour")[1], topic("library")[1]]
    seen = json.loads((tmp_path / "seen.json").read_text())["seen"]
    assert sorted(seen) == sorted([site.article_url("harbour"), site.article_url("library")])

    second = build(tmp_path, feed, "--new-only")
    assert second.exit_code == 0, second.output
    assert [a["title"] for a in digest(tmp_path)] == [topic("orchard")[1]]

    for name in OUTPUTS:
        (tmp_path / "out" / name).unlink()
    third = build(tmp_path, feed, "--new-only")
    assert third.exit_code == 3
    assert third.stderr.strip().splitlines() == [
        "maildigest: error: no article to build: 3 feed entries left out by --since, --limit or --new-only"
    ]
    assert not any((tmp_path / "out" / name).exists() for name in OUTPUTS)


def test_without_new_only_nothing_is_recorded(site: Site, tmp_path: Path) -> None:
    feed = site.add(
        "/feeds/one.rss",
        rss_feed(site.base, [entry(site, "market", content=True)]),
        "application/rss+xml",
    )
    assert build(tmp_path, feed).exit_code == 0
    assert not (tmp_path / "seen.json").exists()


def test_nothing_left_is_one_line_error_and_no_files(site: Site, tmp_path: Path) -> None:
    result = build(
        tmp_path, site.url("/news/gone.html"), site.url("/bomb.rss"), site.url("/picture.png")
    )
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "maildigest: error: no article left to build: 3 skipped"
    )
    assert "1 HTTP 404, 1 unreadable feed, 1 not an article" in lines[0]
    assert not any((tmp_path / "out" / name).exists() for name in OUTPUTS)


def test_entity_bomb_feed_is_skipped_with_a_reason(site: Site, tmp_path: Path) -> None:
    result = build(tmp_path, site.url("/bomb.rss"), site.article_url("school"))
    assert result.exit_code == 0, result.output
    assert any("bomb.rss" in line and "entities" in line for line in result.stderr.splitlines())
    assert [a["title"] for a in digest(tmp_path)] == [topic("school")[1]]


@pytest.mark.parametrize(("flag", "expected"), [((), 1), (("--recursive",), 2)])
def test_recursive_descends_into_subfolders(
    tmp_path: Path, flag: tuple[str, ...], expected: int
) -> None:
    for name, slug in (("top.txt", "market"), ("sub/deeper.txt", "bridge")):
        path = tmp_path / "saved" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        _, title, _, noun = topic(slug)
        path.write_text(
            title + "\n\n" + "\n\n".join(article_paragraphs(slug, title, noun)), encoding="utf-8"
        )
    result = build(tmp_path, str(tmp_path / "saved"), *flag)
    assert result.exit_code == 0, result.output
    assert len(digest(tmp_path)) == expected


def test_a_bad_since_date_is_a_usage_error(tmp_path: Path) -> None:
    result = build(tmp_path, "x.rss", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "--since" in result.stderr


def test_the_same_article_twice_is_built_once(site: Site, tmp_path: Path) -> None:
    feed = site.add(
        "/feeds/dup.rss", rss_feed(site.base, [entry(site, "bridge")]), "application/rss+xml"
    )
    result = build(tmp_path, feed, site.article_url("bridge"))
    assert result.exit_code == 0, result.output
    assert [a["title"] for a in digest(tmp_path)] == [topic("bridge")[1]]
    assert "1 article, 1 skipped (1 duplicate)" in result.stderr


def test_a_feed_on_stdin_and_a_hostile_feed_file(site: Site, tmp_path: Path) -> None:
    feed = rss_feed(site.base, [entry(site, "orchard", content=True)])
    result = build(tmp_path, "-", input=feed)
    assert result.exit_code == 0, result.output
    assert [a["source_url"] for a in digest(tmp_path)] == [site.article_url("orchard")]

    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(ENTITY_BOMB)
    refused = build(tmp_path, str(bomb))
    assert refused.exit_code == 3  # a file you name must be readable: an error, not a skip
    assert refused.stderr.strip().splitlines() == [
        f"maildigest: error: {bomb} declares XML entities; refused (entity-expansion risk)"
    ]


class Recorder:
    """A Progress that writes down what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []

    def begin(self, label: str, total: int) -> None:
        self.events.append((label, total))

    def advance(self) -> None:
        self.events.append(("+", 1))

    def end(self) -> None:
        self.events.append(("end", 0))


def test_progress_follows_fetching_cleaning_then_summarizing(site: Site, tmp_path: Path) -> None:
    from maildigest.config import Settings
    from maildigest.pipeline import build as build_digest

    feed = site.add(
        "/feeds/progress.rss",
        rss_feed(site.base, [entry(site, "school"), entry(site, "market")]),
        "application/rss+xml",
    )
    recorder = Recorder()
    result = build_digest([feed], settings=Settings(bullets=1), progress=recorder)
    assert len(result.newsletter.stories) == 2
    assert recorder.events == [
        ("Fetching", 1), ("+", 1), ("end", 0),
        ("Fetching entries", 2), ("+", 1), ("+", 1), ("end", 0),
        ("Cleaning", 2), ("+", 1), ("+", 1), ("end", 0),
        ("Summarizing", 2), ("+", 1), ("+", 1), ("end", 0),
    ]  # fmt: skip
