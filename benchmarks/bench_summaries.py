"""Summary quality and speed: ROUGE against the shared dev set, and linear time.

Run from the project root::

    .venv/bin/python benchmarks/bench_summaries.py            # everything
    .venv/bin/python benchmarks/bench_summaries.py --quick    # CNN/DM only, no bootstrap

1. The shared scorer (``../shared/tools/eval_summaries.py``) on
   ``../shared/data/summaries-dev.jsonl``: our default method
   (``--callable maildigest.summarize:summarize_text``) against the scorer's own
   Lead-3, per source, with 95 % bootstrap intervals. Targets, CNN/DailyMail row:
   ROUGE-1 >= Lead-3 + 1.0, ROUGE-Lsum >= Lead-3 + 0.5, ROUGE-2 >= Lead-3.
   XSum and BBC rows are reported, never tuned on.
2. Speed: median milliseconds per CNN/DM article in-process (target <= 30 ms), and
   the time for a 50,000-word article against a 5,000-word one (target <= ~15x).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from maildigest.models import Article
from maildigest.summarize import summarize_article, summarize_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "summaries-dev.jsonl"
SCORER = SHARED / "tools" / "eval_summaries.py"
CALLABLE = "maildigest.summarize:summarize_text"


def rouge_table(quick: bool) -> int:
    """The scorer's table, printed as it comes; the exact command first."""
    command = [
        sys.executable,
        str(SCORER),
        str(DATA),
        "--callable",
        CALLABLE,
        "--name",
        "maildigest",
        "--baseline",
        "lead3",
        "--quiet",
    ]
    if quick:
        command += ["--source", "cnn-dailymail", "--bootstrap", "0"]
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, check=False).returncode


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
    args = parser.parse_args()
    if not DATA.is_file() or not SCORER.is_file():
        print(f"skipped: {DATA} or {SCORER} is missing (../shared beside the project)")
        return 0
    status = rouge_table(args.quick)
    cnn_timing()
    scaling()
    return status


if __name__ == "__main__":
    sys.exit(main())
