"""Rendering speed: ms per newsletter for 1, 12 and 40 articles.

Times ``render_newsletter`` (Jinja2 + MJML + premailer, with the size-budget
search) and ``check_html`` on synthetic stories (the generator the render
tests use, so no summarizer time is included), and prints HTML size, how many
stories were shortened and how many full renders the budget search needed.

    .venv/bin/python benchmarks/bench_render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "render"))

import synthetic_articles  # noqa: E402

from maildigest import render  # noqa: E402
from maildigest.check import check_html  # noqa: E402
from maildigest.config import Settings  # noqa: E402

COUNTS = (1, 12, 40)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per size (median shown)")
    args = parser.parse_args()
    settings = Settings()
    render.render_newsletter(synthetic_articles.stories(1), settings)  # warm-up: imports
    print(
        f"{'articles':>8} {'render ms':>10} {'check ms':>9} {'renders':>8} {'bytes':>8} {'shortened':>9}"
    )
    for count in COUNTS:
        stories = synthetic_articles.stories(count)
        render_ms, check_ms = [], []
        for _ in range(args.repeat):
            with mock.patch.object(render, "_render_html", wraps=render._render_html) as spy:
                start = time.perf_counter()
                newsletter = render.render_newsletter(stories, settings)
                render_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            report = check_html(newsletter.html, budget=settings.size_budget)
            check_ms.append((time.perf_counter() - start) * 1000)
        size = len(newsletter.html.encode("utf-8"))
        shortened = sum(not s.full_text for s in newsletter.stories)
        status = "" if report.ok else "  CHECK FAILED"
        print(
            f"{count:>8} {statistics.median(render_ms):>10.1f} {statistics.median(check_ms):>9.1f} "
            f"{spy.call_count:>8} {size:>8} {shortened:>9}{status}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
