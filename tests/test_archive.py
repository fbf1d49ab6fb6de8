"""``build --archive DIR``: a page per issue, index.html newest first, an Atom
feed that feedparser reads back, and no duplicate when an issue is built again."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.config import Settings
from maildigest.pipeline import build

SEED = Path(__file__).resolve().parents[1] / "seeds" / "xiaomi-14-leica.txt"
runner = CliRunner()


def add(archive: Path, out: Path, **settings: object):
    return build([SEED], out_dir=out, archive_dir=archive, settings=Settings(**settings))  # type: ignore[arg-type]


def index_titles(archive: Path) -> list[tuple[str, str]]:
    root = lxml.html.document_fromstring((archive / "index.html").read_text("utf-8"))
    return [(a.get("href"), a.text_content()) for a in root.xpath("//article//h2/a")]


def test_issues_are_listed_newest_first_with_a_page_each(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    add(archive, tmp_path / "out1", issue_number=1, issue_date="2026-11-23", subject="One")
    add(archive, tmp_path / "out3", issue_number=3, issue_date="2026-12-07", subject="Three")
    add(archive, tmp_path / "out2", issue_number=2, issue_date="2026-11-30", subject="Two")
    assert index_titles(archive) == [
        ("issue-3.html", "Three"),
        ("issue-2.html", "Two"),
        ("issue-1.html", "One"),
    ]
    page = (archive / "issue-2.html").read_text("utf-8")
    assert page == (tmp_path / "out2" / "web.html").read_text("utf-8")
    assert "<title>Two</title>" in page


def test_building_the_same_issue_again_replaces_it(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    add(archive, tmp_path / "out", issue_date="2026-12-07", subject="First try")
    add(archive, tmp_path / "out", issue_date="2026-12-07", subject="Second try")
    assert index_titles(archive) == [("2026-12-07.html", "Second try")]
    feed = feedparser.parse((archive / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Second try"]
    assert sorted(p.name for p in archive.iterdir()) == [
        "2026-12-07.html",
        "feed.xml",
        "index.html",
        "issues.json",
    ]


def test_atom_feed_parses_back_with_links_dates_and_summaries(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    base = "https://news.example.com/archive/"
    for number, date in ((4, "2026-11-30"), (5, "2026-12-07")):
        latest = add(
            archive,
            tmp_path / f"out{number}",
            issue_number=number,
            issue_date=date,
            archive_url=base.rstrip("/"),
            brand_name="Harbour Weekly",
        )
    feed = feedparser.parse((archive / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Harbour Weekly"
    assert feed.feed.id == base + "feed.xml"
    assert [e.link for e in feed.entries] == [base + "issue-5.html", base + "issue-4.html"]
    assert [e.id for e in feed.entries] == [base + "issue-5.html", base + "issue-4.html"]
    assert feed.entries[0].published.startswith("2026-12-07")
    assert feed.entries[0].summary == latest.newsletter.preheader  # the issue's own summary
    # the web page links back to the archive and names its own address
    page = (archive / "issue-5.html").read_text("utf-8")
    assert f'href="{base}index.html"' in page
    assert f'<meta property="og:url" content="{base}issue-5.html">' in page


def test_without_archive_url_links_are_relative_and_ids_stable(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    add(archive, tmp_path / "out", issue_number=8)
    first = feedparser.parse((archive / "feed.xml").read_bytes())
    add(archive, tmp_path / "out", issue_number=8)
    again = feedparser.parse(
        (archive / "feed.xml").read_bytes(),
        response_headers={"content-location": "https://mirror.example/a/feed.xml"},
    )
    assert first.entries[0].id == again.entries[0].id
    assert first.entries[0].id.startswith("urn:uuid:")
    assert again.entries[0].link == "https://mirror.example/a/issue-8.html"


def test_a_damaged_record_is_a_one_line_error_and_nothing_is_written(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "issues.json").write_text("{not json", "utf-8")
    result = runner.invoke(
        app, ["build", str(SEED), "--out", str(tmp_path / "out"), "--archive", str(archive)]
    )
    assert result.exit_code != 0
    (line,) = result.stderr.strip().splitlines()
    assert "issues.json is not a maildigest archive record" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert sorted(p.name for p in archive.iterdir()) == ["issues.json"]


@pytest.mark.parametrize("option", ["--issue", "--digest-from"])
def test_cli_refuses_negative_numbers(tmp_path: Path, option: str) -> None:
    result = runner.invoke(app, ["build", str(SEED), "--out", str(tmp_path), option, "-1"])
    assert result.exit_code == 2


def test_cli_options_reach_the_issue(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("Welcome to the *winter* issue.", "utf-8")
    result = runner.invoke(
        app,
        [
            "build", str(SEED), str(SEED.with_name("xiaomi-14-leica.txt")), "--out", str(tmp_path / "out"),
            "--issue", "12", "--note", str(note), "--web-url", "https://news.example.com/{number}",
            "--archive", str(tmp_path / "archive"), "--digest-from", "1",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "newsletter.html").read_text("utf-8")
    assert "Welcome to the <em>winter</em> issue." in html
    assert 'href="https://news.example.com/12"' in html
    assert "Issue 12" in html
    assert 'class="md-panel"' in html and 'class="md-paragraph"' not in html  # a card
    assert (tmp_path / "archive" / "issue-12.html").is_file()
    assert "web.html" in result.stdout and "archive" in result.stdout
