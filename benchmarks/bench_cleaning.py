"""Cleaning quality and speed on the shared messy-dev set (issue 4).

Run from the project root::

    .venv/bin/python benchmarks/bench_cleaning.py             # scorer table + per kind + targets
    .venv/bin/python benchmarks/bench_cleaning.py --no-kinds  # without the per-kind table
    .venv/bin/python benchmarks/bench_cleaning.py --wrap 72   # the same cases hard-wrapped

1. The shared scorer (``../shared/tools/score_cleaning.py``) on all 150 cases of
   ``../shared/data/messy-dev`` with ``--callable maildigest.clean:clean_text``
   (in-process, so its times are per article without process start-up), printed
   as it comes, the exact command first.
2. The issue's targets against the scorer's summary, including the median time
   per article (target <= 20 ms).

``--wrap WIDTH`` is a stress variant the set does not contain: every input line
longer than WIDTH is hard-wrapped (``textwrap``, words never broken) into a copy
of the cases, as a mail client or a terminal would; the targets are then only
shown, not enforced (they were set for the cases as given).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CASES = SHARED / "data" / "messy-dev"
SCORER = SHARED / "tools" / "score_cleaning.py"
CALLABLE = "maildigest.clean:clean_text"
TARGETS = [
    ("para_f1", ">=", 0.95),
    ("dup_leak", "<=", 0.02),
    ("boilerplate_leak", "<=", 0.05),
    ("title_exact", ">=", 0.95),
    ("date", ">=", 0.95),
    ("artifact_leak", "<=", 0.05),
    ("order_preserved", ">=", 0.98),
    ("ms_median", "<=", 20.0),
]


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
    with tempfile.TemporaryDirectory() as tmp:
        cases = wrapped_copy(CASES, Path(tmp) / "cases", args.wrap) if args.wrap else CASES
        summary_path = Path(tmp) / "summary.json"
        command = [sys.executable, str(SCORER), str(cases), "--callable", CALLABLE]
        command += ["--json-out", str(summary_path)]
        if not args.no_kinds:
            command.append("--by-kind")
        print("$ " + " ".join(command[:5] + command[7:]), flush=True)
        result = subprocess.run(command, cwd=ROOT, check=False)
        if result.returncode != 0:
            return result.returncode
        summary = next(iter(json.loads(summary_path.read_text(encoding="utf-8")).values()))
    print("\n| metric | target | got | ok |\n|---|---|---|---|")
    failed = 0
    for metric, op, target in TARGETS:
        value = summary[metric]
        ok = value >= target if op == ">=" else value <= target
        failed += not ok and not args.wrap
        print(
            f"| {metric} | {op} {target:g} | {value:.3f} | {'yes' if ok else ('no, not enforced' if args.wrap else 'NO')} |"
        )
    print(f"\nms per article: mean {summary['ms_mean']:.1f}, p95 {summary['ms_p95']:.1f}")
    return 1 if failed else 0


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
