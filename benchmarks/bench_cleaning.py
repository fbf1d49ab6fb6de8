"""Cleaning quality and speed on the shared messy-dev set, split by site (issues 4, 20).

Run from the project root::

    .venv/bin/python benchmarks/bench_cleaning.py             # scorer tables + per kind + targets
    .venv/bin/python benchmarks/bench_cleaning.py --no-kinds  # without the per-kind tables
    .venv/bin/python benchmarks/bench_cleaning.py --wrap 72   # the same cases hard-wrapped

1. ``../shared/data/messy-dev`` is split by site into two halves (sites ordered by
   the SHA-256 of their name, alternately assigned): the rules were developed on
   the ``dev`` half; the ``held`` half estimates sites the rules have not seen.
   The hand-written cases in ``tests/clean/cases`` (other phrasings) are the third set.
2. The shared scorer (``../shared/tools/score_cleaning.py``) on each set with
   ``--callable maildigest.clean:clean_text`` (in-process, so its times are per
   article without process start-up), printed as it comes, the exact command first.
3. The targets against each summary, including the median time per article
   (target <= 20 ms), and the gap between the halves on title and boilerplate
   leak (target <= 0.02).

``--wrap WIDTH`` is a stress variant the set does not contain: every input line
longer than WIDTH is hard-wrapped (``textwrap``, words never broken) into a copy
of the cases, as a mail client or a terminal would; the targets are then only
shown, not enforced (they were set for the cases as given).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = SHARED / "data" / "messy-dev"
OWN_CASES = ROOT / "tests" / "clean" / "cases"
SCORER = SHARED / "tools" / "score_cleaning.py"
CALLABLE = "maildigest.clean:clean_text"
TARGETS = [
    ("para_f1", ">=", 0.97),
    ("dup_leak", "<=", 0.02),
    ("boilerplate_leak", "<=", 0.03),
    ("title_exact", ">=", 0.95),
    ("date", ">=", 0.95),
    ("artifact_leak", "<=", 0.05),
    ("order_preserved", ">=", 0.98),
    ("ms_median", "<=", 20.0),
    ("errors", "<=", 0),
]
HALF_GAP = 0.02
"""The held-out half stays this close to the dev half on title and boilerplate leak."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-kinds", action="store_true", help="skip the per-kind table")
    parser.add_argument(
        "--wrap", type=int, metavar="WIDTH", help="hard-wrap every input at WIDTH columns first"
    )
    args = parser.parse_args()
    if not SCORER.is_file() or not CASES.is_dir():
        print(f"skipped: {SCORER} or {CASES} is missing (../shared beside the project)")
        return 0
    failed = 0
    summaries: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cases, own = CASES, OWN_CASES
        if args.wrap:
            cases = wrapped_copy(CASES, Path(tmp) / "cases", args.wrap)
            own = wrapped_copy(OWN_CASES, Path(tmp) / "own", args.wrap)
        sets = {**split_by_site(cases, Path(tmp)), "own": own}
        for name, folder in sets.items():
            summary = score(folder, name, Path(tmp) / f"{name}.json", kinds=not args.no_kinds)
            if summary is None:
                return 1
            summaries[name] = summary
            failed += print_targets(summary, enforce=not args.wrap)
    print("\n| gap held - dev | target | got | ok |\n|---|---|---|---|")
    for metric in ("title_exact", "boilerplate_leak"):
        gap = abs(summaries["held"][metric] - summaries["dev"][metric])
        ok = gap <= HALF_GAP
        failed += not ok and not args.wrap
        print(f"| {metric} | <= {HALF_GAP:g} | {gap:.3f} | {'yes' if ok else 'NO'} |")
    return 1 if failed else 0


def split_by_site(cases: Path, target: Path) -> dict[str, Path]:
    """Two folders of links to the cases: sites ordered by a hash of their name,
    alternately in ``dev`` and ``held``, so no site is in both."""
    by_site: dict[str, list[Path]] = {}
    for truth in sorted(cases.glob("*/truth.json")):
        site = json.loads(truth.read_text(encoding="utf-8"))["site"]
        by_site.setdefault(site, []).append(truth.parent)
    ordered = sorted(by_site, key=lambda site: hashlib.sha256(site.encode()).hexdigest())
    halves = {"dev": target / "dev", "held": target / "held"}
    for index, site in enumerate(ordered):
        half = halves["dev" if index % 2 == 0 else "held"]
        half.mkdir(parents=True, exist_ok=True)
        for case in by_site[site]:
            (half / case.name).symlink_to(case.resolve(), target_is_directory=True)
    return halves


def score(cases: Path, name: str, summary_path: Path, *, kinds: bool) -> dict[str, float] | None:
    command = [sys.executable, str(SCORER), str(cases), "--callable", CALLABLE, "--name", name]
    command += ["--json-out", str(summary_path)]
    if kinds:
        command.append("--by-kind")
    print("\n$ " + " ".join(command[:7] + command[9:]), flush=True)
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        return None
    return next(iter(json.loads(summary_path.read_text(encoding="utf-8")).values()))


def print_targets(summary: dict[str, float], *, enforce: bool) -> int:
    print("\n| metric | target | got | ok |\n|---|---|---|---|")
    failed = 0
    for metric, op, target in TARGETS:
        value = summary[metric]
        ok = value >= target if op == ">=" else value <= target
        failed += not ok and enforce
        verdict = "yes" if ok else ("NO" if enforce else "no, not enforced")
        print(f"| {metric} | {op} {target:g} | {value:.3f} | {verdict} |")
    print(f"\nms per article: mean {summary['ms_mean']:.1f}, p95 {summary['ms_p95']:.1f}")
    return failed


def wrapped_copy(cases: Path, target: Path, width: int) -> Path:
    for truth in sorted(cases.glob("*/truth.json")):
        raw = (truth.parent / "input.txt").read_bytes().decode("utf-8-sig")
        lines = [
            textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
            if len(line) > width
            else line
            for line in raw.replace("\r\n", "\n").split("\n")
        ]
        folder = target / truth.parent.name
        folder.mkdir(parents=True)
        (folder / "input.txt").write_text("\n".join(lines), encoding="utf-8")
        (folder / "truth.json").write_bytes(truth.read_bytes())
    return target


if __name__ == "__main__":
    sys.exit(main())
