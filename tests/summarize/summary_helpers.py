"""Helpers for the summary tests: what "faithful" means, checked word by word."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from maildigest.models import Article, Summary
from maildigest.summarize.candidates import sentences_of

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


def is_deletion_of(short: str, long: str) -> bool:
    """``short`` is ``long`` with tokens deleted: nothing added, nothing reordered."""
    remaining = iter(tokens(long))
    return all(token in remaining for token in tokens(short))


def assert_faithful(summary: Summary, article: Article) -> None:
    """Each bullet is a trimmed form of the sentence its provenance points at."""
    by_place = {(s.paragraph, s.index): s.text for s in sentences_of(article)}
    for bullet in summary.bullets:
        source = by_place[(bullet.paragraph, bullet.sentence)]
        assert is_deletion_of(bullet.text, source), (bullet.text, source)


Reply = Callable[[dict[str, Any]], tuple[int, bytes]]
"""Request JSON -> (HTTP status, body)."""


@dataclass
class StubLLM:
    """An OpenAI-compatible ``/v1/chat/completions`` on 127.0.0.1 whose answer a test sets."""

    url: str
    reply: Reply = lambda request: (500, b"{}")
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def answer(self, content: str) -> None:
        """Reply with a well-formed chat completion whose message is ``content``."""
        body = {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
        }
        self.reply = lambda request: (200, json.dumps(body).encode())
