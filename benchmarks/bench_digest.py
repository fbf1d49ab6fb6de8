"""Issue 9 figures: time for a 40-article digest from local files, and from a
local feed whose entries must each be fetched, with concurrency 1 vs 8.

    python benchmarks/bench_digest.py                 # 3 runs per figure, 200 ms latency
    python benchmarks/bench_digest.py --runs 5 --latency 0.05

Everything is served by the tests' local news site on 127.0.0.1 (article pages
with navigation, ads and footers around the text). ``--latency`` makes each
article page answer after that many seconds, like a far-away server, so the
effect of concurrency is visible; the feed itself answers at once. Figures are
medians of in-process ``maildigest.build`` runs (time.perf_counter) after one
warm-up build, with the fetch phase (``expand_sources``) also timed on its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))

from newsite import article_page, rss_feed, start_site, stop_site, story_topics  # noqa: E402

from maildigest.config import Settings  # noqa: E402
from maildigest.pipeline import build  # noqa: E402
from maildigest.sources import expand_sources  # noqa: E402

ARTICLES = 40


def median_seconds(job: Callable[[], object], runs: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = job()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per article page")
    args = parser.parse_args()

    site, server = start_site()
    site.delay = args.latency
    work = Path(tempfile.mkdtemp(prefix="bench-digest-"))
    try:
        items = []
        folder = work / "saved"
        folder.mkdir()
        for n, (slug, title, author, noun) in enumerate(story_topics(ARTICLES)):
            date = dt.date(2026, 11, 1 + n % 28)
            page = article_page(slug, title, author, noun, date)
            site.add(f"/bench/{slug}.html", page)
            (folder / f"{slug}.html").write_text(page, encoding="utf-8")
            items.append((title, site.url(f"/slow/bench/{slug}.html"), None, date, author))
        feed = site.add("/bench/feed.rss", rss_feed(site.base, items), "application/rss+xml")

        print(f"maildigest digest benchmark: {ARTICLES} articles, median of {args.runs} run(s)")
        print(
            f"article pages answer after {args.latency * 1000:.0f} ms (local server, 127.0.0.1)\n"
        )
        print(f"{'input':<44} {'build s':>8} {'fetch s':>8} {'articles':>9}")

        build([str(folder)], settings=Settings())  # warm-up: imports and template caches
        seconds, result = median_seconds(
            lambda: build([str(folder)], out_dir=work / "out", settings=Settings()), args.runs
        )
        print(
            f"{'folder of 40 saved .html pages':<44} {seconds:8.2f} {'-':>8} {len(result.newsletter.stories):9d}"
        )
        for concurrency in (1, 8):
            settings = Settings(concurrency=concurrency)
            fetch, expansion = median_seconds(
                lambda s=settings: expand_sources([feed], s), args.runs
            )
            seconds, result = median_seconds(
                lambda s=settings: build([feed], out_dir=work / "out", settings=s), args.runs
            )
            label = f"feed, 40 entries fetched, concurrency {concurrency}"
            print(f"{label:<44} {seconds:8.2f} {fetch:8.2f} {len(result.newsletter.stories):9d}")
            assert not expansion.skipped, expansion.skipped
    finally:
        stop_site(site, server)


if __name__ == "__main__":
    main()
