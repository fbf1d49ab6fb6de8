"""How well the ``llm`` method's fact check tells faithful bullets from altered ones.

Run from the project root::

    .venv/bin/python benchmarks/bench_faithfulness.py

On the CNN/DailyMail pairs of ``../shared/data/summaries-dev.jsonl`` (both
halves: the check has nothing learned), each reference highlight (written by a
journalist, almost always faithful and usually paraphrased) is checked against
its own article: the share accepted (target >= 80 %). Then each highlight is
altered in the ways a model goes wrong, when it can be: a number changed (+1
on its last digit), a name swapped for a name from another article, a "not"
added after the first auxiliary verb, a negation removed; the share of altered
highlights refused (target >= 95 %). The alterations are deterministic.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter

from summary_data import DATA, article_of, load_pairs

from maildigest.summarize.candidates import sentences_of
from maildigest.summarize.facts import Support, Unsupported, names

SEED = 17
_NUMBER = re.compile(r"\d+")
_AUXILIARY = re.compile(
    r"\b(is|are|was|were|will|would|can|could|has|have|had|should|must|may|might|does|did)\b"
)
_NEGATION = re.compile(r"\s+(?:not|never)\b|n't\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")


def alterations(line: str, foreign_names: list[str], rng: random.Random) -> dict[str, str]:
    """The altered versions of ``line`` that can be made, by kind."""
    found: dict[str, str] = {}
    number = _NUMBER.search(line)
    if number:
        digits = number.group(0)
        changed = digits[:-1] + str((int(digits[-1]) + 1) % 10)
        found["number changed"] = line[: number.start()] + changed + line[number.end() :]
    own = [m for m in _CAPITALISED.finditer(line) if m.start() > 0]
    if own and foreign_names:
        target = rng.choice(own)
        found["name swapped"] = (
            line[: target.start()] + rng.choice(foreign_names) + line[target.end() :]
        )
    auxiliary = _AUXILIARY.search(line)
    if auxiliary and not _NEGATION.search(line):
        found["negation added"] = line[: auxiliary.end()] + " not" + line[auxiliary.end() :]
    if _NEGATION.search(line):
        found["negation removed"] = _NEGATION.sub("", line, count=1)
    return found


def accepted(support: Support, line: str) -> bool:
    try:
        support.check(line)
    except Unsupported:
        return False
    return True


def main() -> int:
    if not DATA.is_file():
        print(f"skipped: {DATA} is missing (../shared beside the project)")
        return 0
    rng = random.Random(SEED)
    pairs = load_pairs(source="cnn-dailymail")
    supports = []
    for row in pairs:
        article = article_of(row)
        supports.append(Support(article.title, (s.text for s in sentences_of(article))))
    article_names = [sorted(names(row["text"])) for row in pairs]
    faithful = Counter()
    altered: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    whole_articles = 0
    for i, (row, support) in enumerate(zip(pairs, supports, strict=True)):
        lines = [line.strip() for line in row["summary"].splitlines() if line.strip()]
        verdicts = [accepted(support, line) for line in lines]
        faithful["accepted"] += sum(verdicts)
        faithful["total"] += len(lines)
        whole_articles += all(verdicts)
        other = (i + 1 + rng.randrange(len(pairs) - 1)) % len(pairs)
        foreign = [
            n.title()
            for n in article_names[other]
            if n.isalpha() and len(n) > 2 and n not in support.vocabulary
        ]
        for line in lines:
            for kind, text in alterations(line, foreign, rng).items():
                altered[kind] += 1
                refused[kind] += not accepted(support, text)
    print(f"CNN/DailyMail highlights, {len(pairs)} articles ({DATA.name})")
    print("| set | n | result |")
    print("|---|---|---|")
    share = 100 * faithful["accepted"] / faithful["total"]
    print(
        f"| reference highlights accepted | {faithful['total']} | {share:.1f} % (target >= 80 %) |"
    )
    print(
        f"| articles with every highlight accepted | {len(pairs)} | "
        f"{100 * whole_articles / len(pairs):.1f} % |"
    )
    for kind in sorted(altered):
        print(
            f"| {kind}: refused | {altered[kind]} | {100 * refused[kind] / altered[kind]:.1f} % |"
        )
    total = sum(altered.values())
    print(
        f"| all altered highlights refused | {total} | "
        f"{100 * sum(refused.values()) / total:.1f} % (target >= 95 %) |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
