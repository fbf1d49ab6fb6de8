"""The default extractive method and the registry, on the seed and on small articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from summary_helpers import assert_faithful
from typer.testing import CliRunner

import maildigest
from maildigest.cli import app
from maildigest.errors import ConfigError, NoContentError
from maildigest.models import Article
from maildigest.summarize import DEFAULT_BULLETS, methods, register, summarize_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"

NEWS = Article(
    title="City council approves new tram line to the airport",
    paragraphs=(
        "The city council approved a new tram line to the airport on Tuesday, "
        "ending a decade of debate. The line will cost 1.2 billion euros.",
        "Construction starts next spring and the first trams should run in 2029, "
        "the transport department said. Around 40,000 passengers a day are expected.",
        "We asked readers what they think. Let us know in the comments!",
        "Opponents argued that buses would be cheaper. The council rejected a "
        "motion to hold a referendum on the tram line by 31 votes to 12.",
    ),
)


def test_seed_default_is_three_faithful_distinct_bullets(seed_article: Article) -> None:
    summary = summarize_article(seed_article)
    texts = summary.texts
    assert len(texts) == DEFAULT_BULLETS == 3
    assert len(set(texts)) == 3
    assert_faithful(summary, seed_article)
    joined = " ".join(texts)
    # the news: the Leica collaboration is official, the launch this month (October),
    # and the hardware (the optical system)
    assert any("Leica" in t and "official" in t for t in texts), texts
    assert "hit the stage this month" in joined or "October" in joined, texts
    assert any(k in joined for k in ("optical system", "HyperOS", "Snapdragon")), texts
    # the first-person aside that opens the article is not a key point
    assert not any("we shared rumors" in t for t in texts), texts


def test_seed_bullets_pinned(seed_article: Article) -> None:
    assert summarize_article(seed_article).texts == [
        "Xiaomi shared on Weibo, confirming that the Xiaomi 14 series is set to hit the stage "
        "this month.",
        "Their collaboration with Leica for the smartphone camera is now official.",
        "Xiaomi and Leica are introducing a next-generation optical system solution.",
    ]


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_seed_bullet_count_option(seed_article: Article, count: int) -> None:
    summary = summarize_article(seed_article, bullets=count)
    assert len(summary.bullets) == count
    assert len(set(summary.texts)) == count
    assert_faithful(summary, seed_article)
    # more bullets extend fewer: the default's key points stay in
    assert set(summarize_article(seed_article, bullets=2).texts) <= set(summary.texts)


def test_bullets_are_in_article_order_with_provenance(seed_article: Article) -> None:
    bullets = summarize_article(seed_article, bullets=5).bullets
    places = [(b.paragraph, b.sentence) for b in bullets]
    assert places == sorted(places)
    assert_faithful(summarize_article(seed_article, bullets=5), seed_article)


def test_deterministic() -> None:
    first = summarize_article(NEWS, bullets=3)
    for _ in range(3):
        assert summarize_article(NEWS, bullets=3) == first


def test_deterministic_across_processes() -> None:
    """Same bullets whatever the interpreter's hash seed (no set-order dependence)."""
    script = (
        f"import json, maildigest; s = maildigest.summarize_article({str(SEED)!r}, bullets=5); "
        "print(json.dumps([[b.text, b.paragraph, b.sentence] for b in s.bullets]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and json.loads(outputs.pop())


def test_reader_directed_asides_are_not_picked() -> None:
    texts = summarize_article(NEWS, bullets=3).texts
    assert texts[0].startswith("The city council approved a new tram line")
    assert not any("comments" in t or "We asked" in t for t in texts)
    # the attribution at the end of a sentence is trimmed off
    assert "Construction starts next spring and the first trams should run in 2029." in texts


def test_short_articles_give_what_exists() -> None:
    one = Article(title="Short", paragraphs=("Only one sentence here, and it is the news.",))
    assert summarize_article(one, bullets=3).texts == [one.paragraphs[0]]
    two = Article(title="", paragraphs=("It rained.", "The match was called off."))
    assert summarize_article(two, bullets=5).texts == ["It rained.", "The match was called off."]


@pytest.mark.parametrize("paragraphs", [(), ("...",), ("*** — ***", "   ")])
def test_no_sentences_is_a_clear_error(paragraphs: tuple[str, ...]) -> None:
    with pytest.raises(NoContentError, match="no sentences"):
        summarize_article(Article(title="Empty", paragraphs=paragraphs))


@pytest.mark.parametrize(
    "paragraphs",
    [
        (
            "Die Regierung hat am Dienstag ein neues Klimagesetz beschlossen. "
            "Es soll die Emissionen bis 2030 halbieren. Die Opposition kritisiert das Gesetz.",
            "Umweltverbände begrüßen den Schritt, fordern aber mehr Tempo beim Ausbau.",
        ),
        ("政府周二通过了新的气候法。该法律旨在到2030年将排放量减半。反对派批评了这项法律。",),
        ("Правительство приняло новый закон о климате. Оппозиция критикует закон.",),
    ],
)
def test_non_english_articles_give_bullets(paragraphs: tuple[str, ...]) -> None:
    article = Article(title="", paragraphs=paragraphs, language="xx")
    summary = summarize_article(article, bullets=2)
    assert len(summary.bullets) == 2
    assert_faithful(summary, article)


def test_lead_method_and_registry(seed_article: Article) -> None:
    assert {"extractive", "lead", "llm"} <= set(methods())
    lead = summarize_article(seed_article, method="lead", bullets=2)
    assert lead.method == "lead"
    assert [(b.paragraph, b.sentence) for b in lead.bullets] == [(0, 0), (0, 1)]
    with pytest.raises(ConfigError, match="unknown summary method 'nope'"):
        summarize_article(seed_article, method="nope")
    with pytest.raises(ConfigError, match="bullets must be between"):
        summarize_article(seed_article, bullets=0)


def test_plugged_in_method(seed_article: Article) -> None:
    from maildigest.models import Bullet, Summary

    def shout(article: Article, count: int, *, settings: object) -> Summary:
        return Summary(bullets=(Bullet(article.title.upper(), 0, 0),), method="shout")

    register("shout-test", shout)
    assert summarize_article(seed_article, method="shout-test").texts == [
        seed_article.title.upper()
    ]


def test_library_entry_point_reads_a_file() -> None:
    assert (
        maildigest.summarize_article(SEED, bullets=2).texts
        == summarize_article(maildigest.clean_article(SEED), bullets=2).texts
    )


def test_cli_seed_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["summarize", str(SEED)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("- ") for line in lines)
    as_json = runner.invoke(app, ["summarize", str(SEED), "--format", "json", "--bullets", "4"])
    assert as_json.exit_code == 0, as_json.output
    payload = json.loads(as_json.stdout)
    assert payload["title"].startswith("Leica collaboration confirmed")
    assert len(payload["bullets"]) == 4
    assert [line[2:] for line in lines] == payload["bullets"][:3] or set(
        line[2:] for line in lines
    ) <= set(payload["bullets"])
    again = runner.invoke(app, ["summarize", str(SEED)])
    assert again.stdout == text.stdout


def test_cli_bad_bullet_count_is_one_line() -> None:
    result = CliRunner().invoke(app, ["summarize", str(SEED), "--bullets", "0"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
