"""Learn the extractive scorer's weights on the TRAINING half of the development pairs.

Run from the project root (needs ``rouge-score``, in the ``test`` extra)::

    .venv/bin/python benchmarks/train_summary_weights.py          # writes weights.json
    .venv/bin/python benchmarks/train_summary_weights.py --dry-run

1. Every sentence of every training article (CNN/DailyMail and BBC; XSum is
   left for reporting) gets a soft label: the mean of its ROUGE-1 and ROUGE-2 F1
   against the reference, divided by the article's best, so each article ranks
   its own sentences. Its features come from ``maildigest.summarize.features``,
   the code that runs at summary time.
2. A ridge regression (plain Python, standardised features) fits the labels;
   each source weighs the same in total, each article the same within its source.
3. The redundancy penalty is chosen on the same training half by the mean of
   ROUGE-1, -2 and -Lsum of the summaries it gives.

The held-out half (``summary_data.split_of``) is never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from rouge_score import rouge_scorer
from rouge_score.tokenizers import DefaultTokenizer
from summary_data import article_of, load_pairs

from maildigest.summarize import DEFAULT_BULLETS as BULLETS
from maildigest.summarize.candidates import sentences_of
from maildigest.summarize.extractive import Model, Pool, pool_of, select
from maildigest.summarize.features import FEATURES, article_features
from maildigest.summarize.trim import trim

OUT = Path(__file__).resolve().parents[1] / "src" / "maildigest" / "summarize" / "weights.json"
SOURCES = ("cnn-dailymail", "bbc-news-summary")
RIDGE = 1.0
STEPS = (0.5, 0.15)
"""Coordinate-ascent step sizes, in units of ``SCALE`` per standard deviation of a feature."""
SCALE = 0.1
LENGTH_PENALTY = 1.0
"""Objective points lost per word by which BBC summaries exceed Lead-3 on average."""
CNN_SHARE = 0.7
"""CNN/DailyMail's share of the training weight: its highlights are the closest to
key points (the BBC references are 40 % of the article, chosen by unknown rules)."""
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def training_rows() -> tuple[list[list[float]], list[float], list[float]]:
    features: list[list[float]] = []
    labels: list[float] = []
    sample_weights: list[float] = []
    for source, share in zip(SOURCES, (CNN_SHARE, 1 - CNN_SHARE), strict=True):
        pairs = load_pairs("train", source)
        for row in pairs:
            article = article_of(row)
            sentences = sentences_of(article)
            if not sentences:
                continue
            gains = []
            for s in sentences:
                score = SCORER.score(row["summary"], s.text)
                gains.append((score["rouge1"].fmeasure + score["rouge2"].fmeasure) / 2)
            best = max(gains) or 1.0
            features.extend(article_features(article, sentences))
            labels.extend(g / best for g in gains)
            sample_weights.extend([share / (len(pairs) * len(sentences))] * len(sentences))
    return features, labels, sample_weights


def ridge(
    x: list[list[float]], y: list[float], w: list[float]
) -> tuple[list[float], float, list[float]]:
    """Weighted ridge regression on standardised columns: raw-scale weights, bias, spreads."""
    k = len(x[0])
    total = sum(w)
    means = [sum(wi * row[j] for row, wi in zip(x, w, strict=True)) / total for j in range(k)]
    stds = [
        (sum(wi * (row[j] - means[j]) ** 2 for row, wi in zip(x, w, strict=True)) / total) ** 0.5
        or 1.0
        for j in range(k)
    ]
    z = [[(row[j] - means[j]) / stds[j] for j in range(k)] for row in x]
    y_mean = sum(wi * yi for yi, wi in zip(y, w, strict=True)) / total
    # normal equations (Z'WZ + ridge*I) b = Z'W(y - mean), solved by Gaussian elimination
    a = [
        [sum(wi * r[i] * r[j] for r, wi in zip(z, w, strict=True)) / total for j in range(k)]
        for i in range(k)
    ]
    for i in range(k):
        a[i][i] += RIDGE / len(x)
    b = [
        sum(wi * r[i] * (yi - y_mean) for r, yi, wi in zip(z, y, w, strict=True)) / total
        for i in range(k)
    ]
    coef = _solve(a, b)
    weights = [c / s for c, s in zip(coef, stds, strict=True)]
    bias = y_mean - sum(wj * m for wj, m in zip(weights, means, strict=True))
    return weights, bias, stds


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [vr - factor * vc for vr, vc in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


@dataclass
class Case:
    """One training article, prepared once: what selection needs and what ROUGE counts."""

    source: str
    pool: Pool
    rows: list[list[float]]
    grams: list[tuple[Counter[str], Counter[tuple[str, str]]]]
    """Unigrams and bigrams of each sentence as trimmed for a bullet."""
    reference: tuple[Counter[str], Counter[tuple[str, str]]]
    lead_words: int


def prepare() -> list[Case]:
    tokenizer = DefaultTokenizer(use_stemmer=True)

    def grams(text: str) -> tuple[Counter[str], Counter[tuple[str, str]]]:
        tokens = tokenizer.tokenize(text)
        return Counter(tokens), Counter(itertools.pairwise(tokens))

    cases = []
    for source in SOURCES:
        for row in load_pairs("train", source):
            article = article_of(row)
            sentences = sentences_of(article)
            if not sentences:
                continue
            cases.append(
                Case(
                    source=source,
                    pool=pool_of(sentences, BULLETS, article.title),
                    rows=article_features(article, sentences),
                    grams=[grams(trim(s.text, first=s.position == 0)) for s in sentences],
                    reference=grams(row["summary"]),
                    lead_words=sum(len(s.text.split()) for s in sentences[:3]),
                )
            )
    return cases


def _f1(candidate: Counter, reference: Counter) -> float:
    hits = sum((candidate & reference).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(candidate.values()), hits / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def objective(model: Model, cases: list[Case]) -> tuple[float, dict[str, float]]:
    """CNN/DM's mean ROUGE-1/2 F1 and BBC's ROUGE-1, BBC's held to Lead-3's length."""
    rouge: dict[str, list[float]] = {source: [] for source in SOURCES}
    excess: list[float] = []
    for case in cases:
        scores = [model.score(row) for row in case.rows]
        chosen = select(case.pool, scores, model)
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for s in chosen:
            one, two = case.grams[s.position]
            unigrams.update(one)
            bigrams.update(two)
        r1 = _f1(unigrams, case.reference[0])
        if case.source == "cnn-dailymail":
            rouge[case.source].append(50 * (r1 + _f1(bigrams, case.reference[1])))
        else:
            rouge[case.source].append(100 * r1)
            excess.append(sum(unigrams.values()) - case.lead_words)
    means = {source: statistics.fmean(values) for source, values in rouge.items()}
    over = max(0.0, statistics.fmean(excess))
    value = CNN_SHARE * means["cnn-dailymail"] + (1 - CNN_SHARE) * means["bbc-news-summary"]
    return value - LENGTH_PENALTY * over, means


def ascend(model: Model, cases: list[Case], spreads: list[float]) -> Model:
    """Coordinate ascent on the training objective, one weight (or the penalty) at a time."""
    best, (best_value, _) = model, objective(model, cases)
    for step in STEPS:
        improved = True
        while improved:
            improved = False
            for j in range(len(FEATURES) + 1):
                for delta in (-step, step):
                    trial = _nudge(best, j, delta * SCALE, spreads)
                    value, _ = objective(trial, cases)
                    if value > best_value + 1e-6:
                        best, best_value, improved = trial, value, True
                        print(f"  step {step}: {_name(j)} {delta:+} -> {value:.3f}", flush=True)
    return best


def _name(j: int) -> str:
    return FEATURES[j] if j < len(FEATURES) else "redundancy"


def _nudge(model: Model, j: int, delta: float, spreads: list[float]) -> Model:
    """Move one feature's weight by ``delta`` per standard deviation, or the penalty by it."""
    if j == len(FEATURES):
        return replace(model, redundancy=max(0.0, model.redundancy + delta))
    weights = list(model.weights)
    weights[j] += delta / spreads[j]
    return replace(model, weights=tuple(weights))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    x, y, w = training_rows()
    weights, bias, spreads = ridge(x, y, w)
    cases = prepare()
    start = Model(weights=tuple(weights), bias=bias, redundancy=0.0)
    print(f"{len(x)} training sentences; ridge start: {_report(start, cases)}")
    model = ascend(start, cases, spreads)
    print(f"after coordinate ascent: {_report(model, cases)}")
    for name, value, spread in zip(FEATURES, model.weights, spreads, strict=True):
        print(f"  {name:18} {value:+.4f}  (x spread {value * spread:+.4f})")
    print(f"  redundancy         {model.redundancy:.3f}")
    payload = {
        "about": "Learned by benchmarks/train_summary_weights.py on the training half of "
        "../shared/data/summaries-dev.jsonl (CNN/DailyMail and BBC); do not edit by hand.",
        "weights": {n: round(v, 6) for n, v in zip(FEATURES, model.weights, strict=True)},
        "bias": round(model.bias, 6),
        "redundancy": round(model.redundancy, 6),
    }
    if not args.dry_run:
        OUT.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


def _report(model: Model, cases: list[Case]) -> str:
    value, means = objective(model, cases)
    parts = ", ".join(f"{source} {mean:.2f}" for source, mean in means.items())
    return f"objective {value:.2f} ({parts})"


if __name__ == "__main__":
    sys.exit(main())
