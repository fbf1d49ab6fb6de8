"""The ``llm`` method against a stub OpenAI-compatible endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from summary_helpers import StubLLM

from maildigest.config import Settings
from maildigest.errors import ConfigError
from maildigest.models import Article
from maildigest.summarize import CONCURRENT_SUMMARIES, summarize_article, summarize_articles

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"

# paraphrase ("use", "ships with", "partnership") is fine; the facts are the article's
FAITHFUL = (
    "- Xiaomi's partnership with Leica on the phone camera is now official.\n"
    "- The Xiaomi 14 phones will ship with HyperOS instead of MIUI.\n"
    "- The series is expected to use the Snapdragon 8 Gen 3."
)
INVENTING = (
    "1. Leica and Xiaomi confirmed the Xiaomi 14 launch for October.\n"
    "2. The phone will cost $999 and ship with a 200-megapixel Samsung sensor.\n"
    "3. HyperOS replaces MIUI."
)


def _settings(stub: StubLLM, **extra: object) -> Settings:
    return Settings(llm_url=stub.url, llm_model="stub-model", llm_timeout=2, **extra)


def test_faithful_answer_is_used_with_provenance(
    stub_llm: StubLLM, seed_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub_llm.answer(FAITHFUL)
    monkeypatch.setenv("STUB_LLM_KEY", "sk-test-123")
    settings = _settings(stub_llm, llm_api_key_env="STUB_LLM_KEY")
    summary = summarize_article(seed_article, method="llm", settings=settings)
    assert summary.method == "llm"
    assert summary.texts == [
        "Xiaomi's partnership with Leica on the phone camera is now official.",
        "The Xiaomi 14 phones will ship with HyperOS instead of MIUI.",
        "The series is expected to use the Snapdragon 8 Gen 3.",
    ]
    # each bullet points at the sentence it came from
    assert [(b.paragraph, b.sentence) for b in summary.bullets] == [(1, 1), (3, 1), (4, 0)]
    (request,) = stub_llm.requests
    assert request["model"] == "stub-model"
    assert request["temperature"] == 0
    system, user = request["messages"]
    assert "exactly 3 bullets" in system["content"]
    assert "Snapdragon 8 Gen 3" in user["content"]
    assert user["content"].startswith("Title: Leica collaboration confirmed")
    assert stub_llm.headers[0]["Authorization"] == "Bearer sk-test-123"


def test_answer_is_cut_to_the_bullet_count(stub_llm: StubLLM, seed_article: Article) -> None:
    stub_llm.answer(FAITHFUL)
    summary = summarize_article(seed_article, method="llm", bullets=2, settings=_settings(stub_llm))
    assert len(summary.bullets) == 2
    assert "exactly 2 bullets" in stub_llm.requests[0]["messages"][0]["content"]


def test_full_endpoint_url_is_accepted(stub_llm: StubLLM, seed_article: Article) -> None:
    stub_llm.answer(FAITHFUL)
    settings = Settings(llm_url=stub_llm.url + "/chat/completions/", llm_model="m")
    assert summarize_article(seed_article, method="llm", settings=settings).method == "llm"


def test_inventing_answer_falls_back_to_extractive(
    stub_llm: StubLLM, seed_article: Article, caplog: pytest.LogCaptureFixture
) -> None:
    stub_llm.answer(INVENTING)
    with caplog.at_level(logging.WARNING, logger="maildigest"):
        summary = summarize_article(seed_article, method="llm", settings=_settings(stub_llm))
    assert summary.method == "extractive"
    assert summary.texts == summarize_article(seed_article).texts
    (record,) = caplog.records
    message = record.getMessage()
    assert "not in the article" in message and "999" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("bullet", "reason"),
    [
        ("The Xiaomi 14 series will not come with HyperOS.", "negation not in the article"),
        ("The series is expected to use the Snapdragon 8 Gen 2.", "not in the article: 2"),
        ("Xiaomi's partnership with Zeiss on the phone camera is official.", "zeiss"),
        ("The Xiaomi 14 series will launch in November.", "november"),
    ],
)
def test_changed_facts_are_refused(
    stub_llm: StubLLM,
    seed_article: Article,
    caplog: pytest.LogCaptureFixture,
    bullet: str,
    reason: str,
) -> None:
    stub_llm.answer(f"- {bullet}")
    with caplog.at_level(logging.WARNING, logger="maildigest"):
        summary = summarize_article(seed_article, method="llm", settings=_settings(stub_llm))
    assert summary.method == "extractive"
    assert reason in caplog.text


def test_dropped_negation_is_refused(stub_llm: StubLLM, caplog: pytest.LogCaptureFixture) -> None:
    article = Article(
        title="Harbour bridge stays shut",
        paragraphs=(
            "Engineers did not approve the harbour bridge for traffic on Monday. "
            "The bridge has been closed since the storm in March.",
        ),
    )
    stub_llm.answer("- Engineers approved the harbour bridge for traffic on Monday.")
    with caplog.at_level(logging.WARNING, logger="maildigest"):
        summary = summarize_article(article, method="llm", bullets=1, settings=_settings(stub_llm))
    assert summary.method == "extractive"
    assert "drops the article's negation of: approv" in caplog.text
    stub_llm.answer("- Engineers have not approved the bridge for traffic.")
    another = Settings(llm_url=stub_llm.url, llm_model="another-model")  # not the cached answer
    kept = summarize_article(article, method="llm", bullets=1, settings=another)
    assert kept.method == "llm"


def test_answers_are_cached_per_article_model_and_count(
    stub_llm: StubLLM, seed_article: Article, own_user_cache: Path
) -> None:
    stub_llm.answer(FAITHFUL)
    settings = _settings(stub_llm)
    first = summarize_article(seed_article, method="llm", settings=settings)
    again = summarize_article(seed_article, method="llm", settings=settings)
    assert again == first and len(stub_llm.requests) == 1
    assert list((own_user_cache / "maildigest" / "llm").glob("*.json"))
    summarize_article(seed_article, method="llm", bullets=2, settings=settings)
    summarize_article(
        seed_article, method="llm", settings=Settings(llm_url=stub_llm.url, llm_model="other")
    )
    assert len(stub_llm.requests) == 3


def test_several_articles_are_summarized_concurrently_but_bounded(stub_llm: StubLLM) -> None:
    active, peak, lock = [0], [0], threading.Lock()
    body = json.dumps(
        {"choices": [{"message": {"content": "- The ferry to the island sails at dawn."}}]}
    ).encode()

    def slow(request: dict) -> tuple[int, bytes]:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        return 200, body

    stub_llm.reply = slow
    articles = [
        Article(
            title=f"Ferry timetable {i}",
            paragraphs=(f"The ferry to the island sails at dawn. Tickets cost {i} euros.",),
        )
        for i in range(CONCURRENT_SUMMARIES * 2 + 1)
    ]
    summaries = summarize_articles(articles, method="llm", bullets=1, settings=_settings(stub_llm))
    assert [s.method for s in summaries] == ["llm"] * len(articles)
    assert 2 <= peak[0] <= CONCURRENT_SUMMARIES


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (500, b'{"error": "boom"}', "HTTP 500"),
        (200, b"not json at all", "not a chat completion"),
        (200, b'{"choices": []}', "not a chat completion"),
        (200, json.dumps({"choices": [{"message": {"content": "  \n "}}]}).encode(), "no bullets"),
    ],
)
def test_broken_endpoint_falls_back(
    stub_llm: StubLLM,
    seed_article: Article,
    caplog: pytest.LogCaptureFixture,
    status: int,
    body: bytes,
    reason: str,
) -> None:
    stub_llm.reply = lambda request: (status, body)
    with caplog.at_level(logging.WARNING, logger="maildigest"):
        summary = summarize_article(seed_article, method="llm", settings=_settings(stub_llm))
    assert summary.method == "extractive"
    assert reason in caplog.text


def test_slow_endpoint_times_out_and_falls_back(
    stub_llm: StubLLM, seed_article: Article, caplog: pytest.LogCaptureFixture
) -> None:
    def slow(request: dict) -> tuple[int, bytes]:
        time.sleep(1.5)
        return 200, b"{}"

    stub_llm.reply = slow
    settings = Settings(llm_url=stub_llm.url, llm_model="m", llm_timeout=1)
    with caplog.at_level(logging.WARNING, logger="maildigest"):
        summary = summarize_article(seed_article, method="llm", settings=settings)
    assert summary.method == "extractive"
    assert "timed out" in caplog.text


def test_unreachable_endpoint_falls_back(seed_article: Article) -> None:
    settings = Settings(llm_url="http://127.0.0.1:9/v1", llm_model="m", llm_timeout=1)
    assert summarize_article(seed_article, method="llm", settings=settings).method == "extractive"


@pytest.mark.parametrize(
    ("url", "model", "message"),
    [
        ("", "", "needs llm_url and llm_model"),
        ("http://127.0.0.1:9/v1", "", "needs llm_url and llm_model"),
        ("file:///etc/passwd", "m", "must be an http"),
    ],
)
def test_unconfigured_llm_is_a_config_error(
    seed_article: Article, url: str, model: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        summarize_article(
            seed_article, method="llm", settings=Settings(llm_url=url, llm_model=model)
        )


def test_cli_warns_in_one_line_on_stderr(stub_llm: StubLLM, tmp_path: Path) -> None:
    stub_llm.answer(INVENTING)
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "MAILDIGEST_LLM_URL": stub_llm.url,
        "MAILDIGEST_LLM_MODEL": "stub-model",
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "maildigest", "summarize", str(SEED), "--method", "llm"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    warning = result.stderr.strip().splitlines()
    assert len(warning) == 1 and "using the extractive summary" in warning[0]
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 3
