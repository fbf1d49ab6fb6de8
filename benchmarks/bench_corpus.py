"""The hostile corpus through ``build``: pass/fail per category, time and peak memory (issue 18).

Every case of benchmarks/hostile/corpus.py (public suites: the Big List of Naughty
Strings, bleach's XSS vectors, Unicode's emoji and bidi test data; plus generated
format characters, text that looks like markup, and pathological inputs up to
15 MB) is built by the library's ``build`` in a child process per category (the
pathological ones: per case), so each peak RSS is its own.

Pass: a complete newsletter that keeps the invariants of tests/hostile
(no active content, one-line headers, the Unicode policy), the article's
sentences around the payload, and the payload's words where it is text; or,
for a case over a documented limit, a one-line ``MaildigestError``. Anything
else (a traceback, a refusal of an ordinary article, lost words) fails.
Target: 0 failures, every case <= 30 s and <= 1 GB.

    .venv/bin/python benchmarks/bench_corpus.py                 # everything (~10 min)
    .venv/bin/python benchmarks/bench_corpus.py blns emoji      # some categories
    .venv/bin/python benchmarks/bench_corpus.py --failures 20   # list up to 20 failures
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "hostile"), str(HERE.parent / "tests" / "hostile")]

from corpus import Case, build_corpus  # noqa: E402

TIME_TARGET, MEMORY_TARGET_MB = 30.0, 1024
KILL_AFTER = 120.0
"""A case still running after this many seconds is stopped and counted as failed."""


def _letters(text: str) -> str:
    """Letters and digits only, NFKC and casefolded: what no reading may lose (a text
    file's Markdown emphasis may take the ``*`` and ``_`` around them)."""
    return "".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()))


def _assert_readable(
    readings: tuple[str, ...], parts: dict[str, str], anywhere: bool = False
) -> None:
    """Some reading of the text is whole in every part (``anywhere``: in one part, for a
    title that the cleaner did not take as the headline and kept in the body)."""
    for reading in readings:
        letters = _letters(reading)
        found = [letters in part for part in parts.values()]
        if any(found) if anywhere else all(found):
            return
    raise AssertionError(f"{readings[0][:80]!r} lost from {', '.join(parts)}")


def browser_text(page: str) -> str:
    """What an HTML5 parser (html5ever, through nh3) shows of ``page``: the oracle for
    markup cases, where a browser too loses what an unclosed ``<script>`` swallows."""
    import nh3

    hidden = {"script", "style", "svg", "math", "template", "noscript", "title", "head"}
    shown = nh3.clean(page, tags=set(), clean_content_tags=hidden, attributes={})
    return " ".join(html.unescape(shown).split())


def check(case: Case, folder: Path) -> tuple[str, str]:
    """("pass" | "refused" | "fail", reason) for one case built into ``folder``."""
    from hostile_invariants import assert_invariants, assert_kept, read_outputs

    from maildigest.config import Settings
    from maildigest.errors import MaildigestError
    from maildigest.ingest import detect_format
    from maildigest.pipeline import build

    source = folder / case.filename
    source.write_text(case.make(), encoding="utf-8")
    out = folder / "out"
    try:
        build([source], out_dir=out, settings=Settings())
    except MaildigestError as exc:
        message = str(exc)
        if "\n" in message or not message:
            return "fail", f"error message is not one line: {message[:200]!r}"
        if case.may_refuse:
            return "refused", message[:200]
        return "fail", f"refused an article: {message[:200]}"
    except Exception as exc:  # a traceback is the failure being counted
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return "fail", f"traceback {type(exc).__name__}: {str(exc)[:150]} at {frame.name}"
    try:
        outputs = read_outputs(out)
        assert_invariants(outputs)
        text = case.make()
        markup = case.filename.endswith(".html") and not case.words
        if case.filename.endswith(".txt") and detect_format(text, case.filename) == "html":
            markup = True  # a .txt of mostly tags is read as an HTML fragment, by design
        shown = [s for s in (case.before, case.after) if not markup or s in browser_text(text)]
        assert_kept(outputs, *shown)
        parts = {"HTML": _letters(outputs.html_text), "text": _letters(outputs.text)}
        if case.words and not markup:
            _assert_readable(case.words, parts)
        for emoji in case.exact:
            for what, part in (("HTML", outputs.html_text), ("text", outputs.text)):
                assert emoji in part, f"{emoji!r} not intact in the {what} part"
        if case.title:
            parts["Subject"] = _letters(str(outputs.eml["Subject"]))
            _assert_readable(case.title, parts, anywhere=True)
    except AssertionError as exc:
        return "fail", str(exc)[:200]
    finally:
        source.unlink()
    return "pass", ""


def worker(ids: list[str]) -> None:
    """Run the named cases here, one JSON line each, then this process's peak RSS."""
    wanted = set(ids)
    with tempfile.TemporaryDirectory() as tmp:
        for number, case in enumerate(c for c in build_corpus() if c.id in wanted):
            folder = Path(tmp) / str(number)
            folder.mkdir()
            started = time.perf_counter()
            status, reason = check(case, folder)
            seconds = time.perf_counter() - started
            print(
                json.dumps({"id": case.id, "status": status, "seconds": seconds, "reason": reason})
            )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mb": peak_mb}))


def _run_batch(ids: list[str], timeout: float) -> tuple[list[dict], float]:
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", *ids],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        reason = f"killed after {timeout:.0f} s"
        return [{"id": i, "status": "fail", "seconds": timeout, "reason": reason} for i in ids], 0.0
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    results = [row for row in rows if "id" in row]
    peak = next((row["peak_mb"] for row in rows if "peak_mb" in row), float("nan"))
    done = {row["id"] for row in results}
    last = (proc.stderr.strip().splitlines() or ["no output"])[-1][:150]
    results += [
        {"id": i, "status": "fail", "seconds": float("nan"), "reason": f"worker died: {last}"}
        for i in ids
        if i not in done
    ]
    return results, peak


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("categories", nargs="*", help="run only these categories")
    parser.add_argument("--failures", type=int, default=10, help="failures to list")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    corpus = [c for c in build_corpus() if not args.categories or c.category in args.categories]
    by_category: dict[str, list[Case]] = defaultdict(list)
    for case in corpus:
        by_category[case.category].append(case)
    print(f"maildigest build on {len(corpus)} hostile cases")
    print(f"{'category':18} {'cases':>6} {'pass':>6} {'refused':>7} {'fail':>5} "
          f"{'total s':>8} {'max s':>7} {'peak MB':>8}")  # fmt: skip
    failures: list[dict] = []
    worst_seconds, worst_mb = 0.0, 0.0
    for category, cases in by_category.items():
        ids = [c.id for c in cases]
        batches = [[i] for i in ids] if category == "pathological" else [ids]
        results: list[dict] = []
        peak = 0.0
        for batch in batches:
            batch_results, batch_peak = _run_batch(batch, KILL_AFTER * len(batch))
            results += batch_results
            peak = max(peak, batch_peak)
        counts = defaultdict(int)
        for row in results:
            counts[row["status"]] += 1
        seconds = [row["seconds"] for row in results]
        failures += [row for row in results if row["status"] == "fail"]
        worst_seconds = max(worst_seconds, max(seconds))
        worst_mb = max(worst_mb, peak)
        print(f"{category:18} {len(cases):6d} {counts['pass']:6d} {counts['refused']:7d} "
              f"{counts['fail']:5d} {sum(seconds):8.1f} {max(seconds):7.2f} {peak:8.0f}")  # fmt: skip
    print(
        f"failures: {len(failures)}; slowest case {worst_seconds:.2f} s "
        f"(target <= {TIME_TARGET:.0f} s); peak {worst_mb:.0f} MB (target <= {MEMORY_TARGET_MB})"
    )
    for row in failures[: args.failures]:
        print(f"  FAIL {row['id']}: {row['reason']}")
    ok = not failures and worst_seconds <= TIME_TARGET and worst_mb <= MEMORY_TARGET_MB
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
