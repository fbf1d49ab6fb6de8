"""The development pairs, split once and for all into a training and a held-out half.

The split is by a hash of each pair's id, so it is the same on every machine and
for every script: ``train_summary_weights.py`` learns only from ``train``;
``bench_summaries.py`` reports ``held-out`` (and ``train`` beside it, labelled).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from maildigest.models import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summaries-dev.jsonl"
SPLITS = ("train", "held-out")


def split_of(pair_id: str) -> str:
    return SPLITS[hashlib.sha256(pair_id.encode("utf-8")).digest()[0] % 2]


def load_pairs(split: str | None = None, source: str | None = None) -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [
        row
        for row in rows
        if (split is None or split_of(row["id"]) == split)
        and (source is None or row["source"] == source)
    ]


def article_of(row: dict[str, str], *, title: bool = True) -> Article:
    """The pair's article as maildigest sees it: paragraphs at blank lines."""
    paragraphs = tuple(" ".join(p.split()) for p in row["text"].split("\n\n") if p.strip())
    return Article(title=row["title"] if title else "", paragraphs=paragraphs)
