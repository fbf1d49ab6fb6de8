"""Model-backed method: bullets from an OpenAI-compatible chat completions endpoint.

Off unless configured (``llm_url`` and ``llm_model``; the key, if the endpoint
needs one, comes from the environment variable named by ``llm_api_key_env``).
A model can invent facts, so its answer is checked before it is used: every
content word of every bullet (names, numbers, nouns, verbs, after light
stemming) must occur in the article. An answer that fails the check, or an
endpoint that fails or times out, gives the extractive summary instead, with a
one-line warning. Uses only the standard library (``urllib``).
"""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.request
from typing import Any

from maildigest.config import Settings
from maildigest.errors import ConfigError
from maildigest.models import Article, Bullet, Summary
from maildigest.summarize import extractive
from maildigest.summarize.candidates import Sentence, sentences_of
from maildigest.summarize.tokens import content_words

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


class UnfaithfulError(ValueError):
    """The model's answer uses words that are not in the article."""


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
        answer = _complete(article, count, settings)
        bullets = _checked_bullets(answer, sentences, count, title=article.title)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("LLM summary not used (%s); using the extractive summary", _reason(exc))
        return extractive.summarize(article, count, settings=settings)
    return Summary(bullets=bullets, method="llm")


def _complete(article: Article, count: int, settings: Settings) -> str:
    """One chat completion; returns the assistant's text."""
    body = "\n\n".join(article.paragraphs)[:MAX_ARTICLE_CHARS]
    payload = {
        "model": settings.llm_model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT.format(count=count)},
            {"role": "user", "content": f"Title: {article.title}\n\n{body}"},
        ],
    }
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    key = os.environ.get(settings.llm_api_key_env, "") if settings.llm_api_key_env else ""
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(
        _endpoint(settings.llm_url),
        data=json.dumps(payload).encode("utf-8"),
        headers=headers,
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=settings.llm_timeout) as response:
        raw = response.read(MAX_RESPONSE_BYTES + 1)
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
    """The answer's bullets, each tied to its closest sentence; raises if one is unfaithful."""
    lines = [_MARKER.sub("", line).strip() for line in answer.splitlines()]
    lines = [line for line in lines if line][:count]
    if not lines:
        raise ValueError("the endpoint gave no bullets")
    vocabulary = {_base(w) for s in sentences for w in s.words}
    vocabulary.update(_base(w) for w in content_words(title))
    bullets = []
    for line in lines:
        words = set(content_words(line))
        invented = sorted(w for w in words if _base(w) not in vocabulary)
        if invented:
            raise UnfaithfulError(f"words not in the article: {', '.join(invented[:5])}")
        source = max(sentences, key=lambda s: (len(words & set(s.words)), -s.position))
        bullets.append(Bullet(text=line, paragraph=source.paragraph, sentence=source.index))
    return tuple(bullets)


def _base(word: str) -> str:
    """Forgive a possessive or an adverb's -ly: "Xiaomi's" is Xiaomi, "officially" official."""
    word = word.removesuffix("'s")
    return word[:-2] if word.endswith("ly") and len(word) > 5 else word


def _reason(exc: Exception) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"endpoint answered HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return f"endpoint unreachable: {exc.reason}"
    if isinstance(exc, TimeoutError):
        return "endpoint timed out"
    if isinstance(exc, (KeyError, IndexError, TypeError, json.JSONDecodeError)):
        return "endpoint answer is not a chat completion"
    return str(exc)
