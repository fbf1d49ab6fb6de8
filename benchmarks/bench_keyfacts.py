"""Key-fact coverage: how many hand-listed facts the default bullets state, against the lead.

Run from the project root::

    .venv/bin/python benchmarks/bench_keyfacts.py [--bullets 3] [--verbose]

``benchmarks/keyfacts/*.txt`` are 20 short news articles written for this check
(none from the development data), with their facts spread through the text and
the usual page furniture (bylines, quotes, calls to action). Each ends with its
key facts, listed by hand, one per line as ``- description :: terms``: the
fact counts as covered when one bullet holds every ``;``-separated group of
terms, a group being satisfied by any of its ``|``-separated alternatives
(case-insensitive). The table compares the default method with ``--method lead``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from maildigest.models import Article
from maildigest.summarize import DEFAULT_BULLETS, summarize_article

FOLDER = Path(__file__).resolve().parent / "keyfacts"
METHODS = ("extractive", "lead")


@dataclass(frozen=True)
class Case:
    name: str
    article: Article
    facts: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    """(description, groups of alternative terms)."""


def load(path: Path) -> Case:
    text = path.read_text("utf-8")
    head, _, facts_block = text.partition("\nfacts:\n")
    title_line, _, body = head.partition("\n")
    paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    facts = []
    for line in facts_block.splitlines():
        if not line.startswith("- "):
            continue
        description, _, terms = line[2:].partition("::")
        groups = tuple(
            tuple(alt.strip().lower() for alt in group.split("|") if alt.strip())
            for group in terms.split(";")
        )
        facts.append((description.strip(), groups))
    title = title_line.removeprefix("title:").strip()
    return Case(path.stem, Article(title=title, paragraphs=paragraphs), tuple(facts))


def covered(groups: tuple[tuple[str, ...], ...], bullets: list[str]) -> bool:
    return any(
        all(any(alt in bullet.lower() for alt in group) for group in groups) for bullet in bullets
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bullets", type=int, default=DEFAULT_BULLETS)
    parser.add_argument("--verbose", action="store_true", help="print each article's bullets")
    args = parser.parse_args()
    cases = [load(path) for path in sorted(FOLDER.glob("*.txt"))]
    totals = dict.fromkeys(METHODS, 0)
    identical = 0
    print(f"| article | facts | {' | '.join(METHODS)} |")
    print("|---|---|" + "---|" * len(METHODS))
    for case in cases:
        found = {}
        texts = {}
        for method in METHODS:
            texts[method] = summarize_article(
                case.article, bullets=args.bullets, method=method
            ).texts
            found[method] = sum(covered(groups, texts[method]) for _, groups in case.facts)
            totals[method] += found[method]
        identical += texts["extractive"] == texts["lead"]
        row = " | ".join(str(found[m]) for m in METHODS)
        print(f"| {case.name} | {len(case.facts)} | {row} |")
        if args.verbose:
            for method in METHODS:
                for text in texts[method]:
                    print(f"    {method:10} - {text}")
    facts = sum(len(case.facts) for case in cases)
    row = " | ".join(f"{totals[m]} ({100 * totals[m] / facts:.0f} %)" for m in METHODS)
    print(f"| **all {len(cases)}** | {facts} | {row} |")
    print(f"articles whose default bullets equal the lead's: {identical} of {len(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
