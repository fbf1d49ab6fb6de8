"""Summary quality and speed: ROUGE on the held-out half of the dev set, and linear time.

Run from the project root (the scorer's Lead-3 needs ``pip install sumy pysbd``)::

    .venv/bin/python benchmarks/bench_summaries.py            # held-out half
    .venv/bin/python benchmarks/bench_summaries.py --split train
    .venv/bin/python benchmarks/bench_summaries.py --quick    # CNN/DM only, no bootstrap

1. The shared scorer (``../shared/tools/eval_summaries.py``) on one half of
   ``../shared/data/summaries-dev.jsonl`` (``summary_data.split_of``; the weights
   were learned on ``train`` only): our default method
   (``--callable maildigest.summarize:summarize_text``) against the scorer's own
   Lead-3, per source, with 95 % bootstrap intervals. Targets on ``held-out``:
   CNN/DailyMail ROUGE-1 >= Lead-3 + 1.5, ROUGE-2 >= Lead-3 + 0.5, ROUGE-Lsum >=
   Lead-3 + 1.0; BBC ROUGE-1 >= Lead-3 + 3.5 at a mean length no longer than
   Lead-3's (printed below the table). XSum is reported, never tuned on.
2. Speed: median milliseconds per CNN/DM article in-process (target <= 30 ms), and
   the time for a 50,000-word article against a 5,000-word one (target <= ~15x).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summary_data import DATA, SHARED, SPLITS, load_pairs

from maildigest.models import Article
from maildigest.summarize import summarize_article, summarize_text

SCORER = SHARED / "tools" / "eval_summaries.py"
CALLABLE = "maildigest.summarize:summarize_text"


def rouge_table(split: str, quick: bool) -> int:
    """The scorer's table on one half, printed as it comes; the exact command first."""
    pairs = load_pairs(split)
    with tempfile.TemporaryDirectory(prefix="maildigest-bench-") as name:
        folder = Path(name)
        subset = folder / f"summaries-dev-{split}.jsonl"
        subset.write_text("".join(json.dumps(row) + "\n" for row in pairs), encoding="utf-8")
        saved = folder / "saved.jsonl"
        command = [
            sys.executable,
            str(SCORER),
            str(subset),
            "--callable",
            CALLABLE,
            "--name",
            "maildigest",
            "--baseline",
            "lead3",
            "--quiet",
            "--save",
            str(saved),
        ]
        if quick:
            command += ["--source", "cnn-dailymail", "--bootstrap", "0"]
        print(f"{split} half: {len(pairs)} pairs", flush=True)
        print("$", " ".join(command), flush=True)
        status = subprocess.run(command, check=False).returncode
        if saved.is_file():
            lengths(saved)
        return status


def lengths(saved: Path) -> None:
    """Mean summary length in words per source and system, from the scorer's saved outputs."""
    words: dict[tuple[str, str], list[int]] = {}
    with saved.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            output = row.get("summary") or []
            text = "\n".join(output) if isinstance(output, list) else str(output)
            key = (row.get("source", "?"), row.get("system", "?"))
            words.setdefault(key, []).append(len(text.split()))
    for (source, system), counts in sorted(words.items()):
        print(f"mean length {source:18} {system:12} {statistics.fmean(counts):6.1f} words")


def cnn_timing() -> None:
    with DATA.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    texts = [row["text"] for row in rows if row["source"] == "cnn-dailymail"]
    summarize_text(texts[0])  # warm-up: lazy imports
    times = []
    for text in texts:
        start = time.perf_counter()
        summarize_text(text)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"in-process, {len(texts)} CNN/DM articles: median {statistics.median(times):.2f} ms, "
        f"p95 {sorted(times)[int(0.95 * len(times))]:.2f} ms, max {max(times):.2f} ms "
        "(target: median <= 30 ms)"
    )


def _synthetic(words: int) -> Article:
    """A long article of varied sentences, ~``words`` words, in paragraphs of 4 sentences."""
    sentences = [
        f"Council member {i % 97} said the plan for district {i % 31} would cost "
        f"{i * 7 % 1000} million and take {i % 12 + 1} years to finish."
        for i in range(words // 20)
    ]
    paragraphs = tuple(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    return Article(title="District plans approved by the council", paragraphs=paragraphs)


def _one_block(words: int) -> Article:
    """A worst case: one paragraph, no full stops, unclosed quotes and dashes everywhere."""
    tokens = ("'quote", "word", "-", "(aside", "who,", "said,", "The")
    return Article(title="", paragraphs=(" ".join(tokens[i % 7] for i in range(words)),))


def scaling() -> None:
    for label, make in (("news-like", _synthetic), ("one block, no full stops", _one_block)):
        timings = {}
        for words in (5_000, 50_000):
            article = make(words)
            summarize_article(article)
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                summarize_article(article)
                runs.append(time.perf_counter() - start)
            timings[words] = min(runs)
        print(
            f"{label}: 5,000 words {timings[5_000] * 1000:.1f} ms, 50,000 words "
            f"{timings[50_000] * 1000:.1f} ms, ratio {timings[50_000] / timings[5_000]:.1f}x "
            "(target: <= ~15x)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="CNN/DM only, no bootstrap")
    parser.add_argument("--split", choices=SPLITS, default="held-out")
    args = parser.parse_args()
    if not DATA.is_file() or not SCORER.is_file():
        print(f"skipped: {DATA} or {SCORER} is missing (../shared beside the project)")
        return 0
    status = rouge_table(args.split, args.quick)
    cnn_timing()
    scaling()
    return status


if __name__ == "__main__":
    sys.exit(main())
