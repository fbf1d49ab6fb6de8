"""Model-backed method: bullets from an OpenAI-compatible chat completions endpoint.

Off unless configured (``llm_url`` and ``llm_model``; the key, if the endpoint
needs one, comes from the environment variable named by ``llm_api_key_env``).
A model can invent facts, so its answer is checked before it is used
(``facts.py``): every number, name, date and negation of every bullet must be
supported by the article, while ordinary words may be paraphrased. An answer that
fails the check, or an endpoint that fails or times out, gives the extractive
summary instead, with a one-line warning. Answers are kept in the user cache,
keyed by the article, endpoint, model, prompt and bullet count, so a rebuild or
a preview does not ask twice. Any OpenAI-compatible server works, including a
local model served by Ollama or llama.cpp (offline).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import httpx

from maildigest.config import Settings
from maildigest.errors import ConfigError, OutputError
from maildigest.models import Article, Bullet, Summary
from maildigest.outputs import write_atomic
from maildigest.summarize import extractive
from maildigest.summarize.candidates import Sentence, sentences_of
from maildigest.summarize.facts import Support
from maildigest.summarize.tokens import content_words
from maildigest.userdirs import private_cache_folder

log = logging.getLogger(__name__)

MAX_ARTICLE_CHARS = 24_000
"""Longer articles are cut before sending: bounded cost and latency."""
MAX_RESPONSE_BYTES = 1_000_000
_MARKER = re.compile(r"^\s*(?:[-*•‣◦·]|\d{1,2}[.)])\s*")

SYSTEM_PROMPT = (
    "You write the key points of a news article for an email newsletter. "
    "Use only facts stated in the article, in the article's own words where possible; "
    "add no names, numbers or claims that are not in it. "
    "Answer with exactly {count} bullets, one per line, each one sentence of at most 35 words, "
    "most important first, and nothing else."
)


CACHE_FOLDER = "llm"
"""The endpoint's raw answers, one file per request in the user cache; checked again
on every use. A missing, damaged or unwritable cache only costs a request."""
MAX_CACHED_ANSWERS = 2048


def summarize(article: Article, count: int, *, settings: Settings | None = None) -> Summary:
    settings = settings or Settings()
    if not settings.llm_url or not settings.llm_model:
        raise ConfigError("method 'llm' needs llm_url and llm_model in the settings")
    if not settings.llm_url.startswith(("http://", "https://")):
        raise ConfigError(f"llm_url must be an http(s) URL, not {settings.llm_url!r}")
    sentences = sentences_of(article)
    if not sentences:
        return Summary(bullets=(), method="llm")
    try:
        answer = _cached_completion(article, count, settings)
        bullets = _checked_bullets(answer, sentences, count, title=article.title)
    except (httpx.HTTPError, OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("LLM summary not used (%s); using the extractive summary", _reason(exc))
        return extractive.summarize(article, count, settings=settings)
    return Summary(bullets=bullets, method="llm")


def _cached_completion(article: Article, count: int, settings: Settings) -> str:
    payload = _payload(article, count, settings)
    key = hashlib.sha256(
        json.dumps([_endpoint(settings.llm_url), payload], sort_keys=True).encode("utf-8")
    ).hexdigest()
    folder = private_cache_folder(CACHE_FOLDER)
    path = folder / f"{key}.json" if folder is not None else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            cached = json.loads(path.read_text("utf-8"))
            if isinstance(cached, str):
                return cached
    answer = _complete(payload, settings)
    if path is not None:
        _keep(path, answer)
    return answer


def _keep(path: Path, answer: str) -> None:
    """Save ``answer``; beyond ``MAX_CACHED_ANSWERS`` files the oldest go."""
    try:
        write_atomic(path, json.dumps(answer).encode("utf-8"))
        files = sorted(path.parent.glob("*.json"), key=lambda f: f.stat().st_mtime_ns)
    except (OSError, OutputError):  # read-only or full disk, or a file removed meanwhile
        return
    for old in files[: max(0, len(files) - MAX_CACHED_ANSWERS)]:
        with contextlib.suppress(OSError):
            old.unlink()


def _payload(article: Article, count: int, settings: Settings) -> dict[str, Any]:
    """The request body: the article text, model, prompt and bullet count (the cache key)."""
    body = "\n\n".join(article.paragraphs)[:MAX_ARTICLE_CHARS]
    return {
        "model": settings.llm_model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT.format(count=count)},
            {"role": "user", "content": f"Title: {article.title}\n\n{body}"},
        ],
    }


def _complete(payload: dict[str, Any], settings: Settings) -> str:
    """One chat completion; returns the assistant's text."""
    headers = {"Accept": "application/json"}
    key = os.environ.get(settings.llm_api_key_env, "") if settings.llm_api_key_env else ""
    if key:
        headers["Authorization"] = f"Bearer {key}"
    with httpx.stream(
        "POST",
        _endpoint(settings.llm_url),
        json=payload,
        headers=headers,
        timeout=settings.llm_timeout,
    ) as response:
        response.raise_for_status()
        raw = bytearray()
        for chunk in response.iter_bytes():
            raw += chunk
            if len(raw) > MAX_RESPONSE_BYTES:
                raise ValueError("the endpoint's answer is too large")
    data: Any = json.loads(raw)
    content = data["choices"][0]["message"]["content"]
    if not isinstance(content, str):
        raise TypeError("the endpoint's answer has no text")
    return content


def _endpoint(url: str) -> str:
    """Accept a base URL (``.../v1``) or the full ``.../chat/completions`` address."""
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _checked_bullets(
    answer: str, sentences: list[Sentence], count: int, *, title: str
) -> tuple[Bullet, ...]:
    """The answer's bullets, each tied to its closest sentence; raises if one is unsupported."""
    lines = [_MARKER.sub("", line).strip() for line in answer.splitlines()]
    lines = [line for line in lines if line][:count]
    if not lines:
        raise ValueError("the endpoint gave no bullets")
    support = Support(title, (s.text for s in sentences))
    bullets = []
    for line in lines:
        support.check(line)
        words = set(content_words(line))
        source = max(sentences, key=lambda s: (len(words & set(s.words)), -s.position))
        bullets.append(Bullet(text=line, paragraph=source.paragraph, sentence=source.index))
    return tuple(bullets)


def _reason(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"endpoint answered HTTP {exc.response.status_code}"
    if isinstance(exc, httpx.TimeoutException):
        return "endpoint timed out"
    if isinstance(exc, httpx.HTTPError):
        return f"endpoint unreachable: {exc}"
    if isinstance(exc, (KeyError, IndexError, TypeError, json.JSONDecodeError)):
        return "endpoint answer is not a chat completion"
    return str(exc)
