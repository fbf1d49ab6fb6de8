"""The ``llm`` method against a stub OpenAI-compatible endpoint on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from summary_helpers import StubLLM

from maildigest.config import Settings
from maildigest.errors import ConfigError
from maildigest.models import Article
from maildigest.summarize import summarize_article

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"

FAITHFUL = (
    "- Xiaomi's collaboration with Leica for the smartphone camera is officially confirmed.\n"
    "- The Xiaomi 14 series will come pre-installed with HyperOS.\n"
    "- It is expected to feature the Snapdragon 8 Gen 3 processor."
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
        "Xiaomi's collaboration with Leica for the smartphone camera is officially confirmed.",
        "The Xiaomi 14 series will come pre-installed with HyperOS.",
        "It is expected to feature the Snapdragon 8 Gen 3 processor.",
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
