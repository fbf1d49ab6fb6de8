"""Performance figures (issues 11 and 19), measured side by side in one run.

    python benchmarks/run.py            # full table (about a minute)
    python benchmarks/run.py --runs 9   # more runs per figure

Start-up figures are medians of interleaved subprocess runs (each command
timed in turn, round after round, so machine noise hits all alike).
maildigest's modules are byte-compiled first, as ``pip install`` does (an
editable install under PYTHONDONTWRITEBYTECODE=1 would recompile them on
every run), and each command runs once before timing, which also fills the
user cache (Jinja's compiled templates); the "first build" row starts from
an empty cache every run. Every command ends as Python usually does (``sys.exit``,
interpreter teardown included).
Peak memory is ru_maxrss, read by a small launcher process. In-process figures use
time.perf_counter. Datasets come from ../shared when present; without it the
dataset rows are skipped with a note.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
PYTHON = sys.executable
MAILDIGEST = [PYTHON, "-m", "maildigest"]
FLOOR = [PYTHON, "-c", "import typer, jinja2, mjml, premailer"]


COLD = "first build (empty cache)"
FAST = "inliner = css-inline (opt-in)"
SETTINGS = {FAST: {"MAILDIGEST_INLINER": "css-inline"}}
"""Environment for the commands that change a setting."""


def timed(command: list[str], cwd: Path, cold: bool = False, extra: dict | None = None) -> float:
    env = {**os.environ, **extra} if extra else None
    with tempfile.TemporaryDirectory() as cache:
        if cold:
            env = {**(env or os.environ), "XDG_CACHE_HOME": cache}
        start = time.perf_counter()
        subprocess.run(
            command,
            cwd=cwd,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.perf_counter() - start


def interleaved(commands: dict[str, list[str]], runs: int, cwd: Path) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm the OS caches once
        timed(command, cwd)
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(timed(command, cwd, cold=name == COLD, extra=SETTINGS.get(name)))
    return {name: statistics.median(values) for name, values in samples.items()}


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    stderr: str


PEAK = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "seconds = time.perf_counter() - start\n"
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)
"""Runs a command and reports its time, peak RSS (KiB) and exit code. A small
launcher, because a child forked from this (large) process would report our
memory: Linux counts the pre-exec image in ru_maxrss."""


def measured(command: list[str], cwd: Path, stdin: Path | None = None) -> Run:
    """Wall time, peak RSS and exit code of one run of ``command``."""
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(stdin.open("rb")) if stdin else subprocess.DEVNULL
        result = subprocess.run(
            [PYTHON, "-c", PEAK, *command],
            cwd=cwd,
            stdin=source,
            capture_output=True,
            text=True,
            check=True,
        )
    seconds, peak_kib, code = result.stdout.split()
    return Run(float(seconds), int(peak_kib) / 1024, int(code), result.stderr.strip())


def oversized_rows(work: Path, one_article_mb: float) -> list[tuple[str, str, str, str]]:
    """A 25 MB input is refused (default limit 20 MB) without being read whole:
    peak memory stays near a small build's, far below the file's size."""
    big = work / "big.txt"
    with big.open("w", encoding="utf-8") as handle:
        paragraph = "Word " * 199 + "end.\n\n"
        handle.write(paragraph * (25 * 1024 * 1024 // len(paragraph) + 1))
    rows = []
    for label, command, stdin in (
        ("file", [*MAILDIGEST, "build", str(big), "--out", str(work / "big-out")], None),
        ("stdin", [*MAILDIGEST, "build", "-", "--out", str(work / "big-stdin")], big),
    ):
        run = measured(command, work, stdin)
        refused = run.exit_code != 0 and "input limit" in run.stderr and "\n" not in run.stderr
        rows.append(
            (
                f"25 MB input on {label} refused (limit 20 MB)",
                f"exit {run.exit_code} in {run.seconds * 1000:.0f} ms, peak {run.peak_mb:.0f} MB "
                f"(1-article build: {one_article_mb:.0f} MB)",
                "refused" if refused else f"NOT REFUSED: {run.stderr[:80]}",
                "refused before read whole",
            )
        )
    return rows


def messy_inputs(count: int, folder: Path) -> list[str]:
    cases = sorted((SHARED / "data" / "messy-dev").glob("dev-*/input.txt"))[:count]
    paths = []
    for index, case in enumerate(cases):
        target = folder / f"{index:03d}.txt"
        shutil.copyfile(case, target)
        paths.append(str(target))
    return paths


def per_call(function: Callable[[], object], repeat: int) -> float:
    function()  # warm-up (lazy imports, caches)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def summarize_scaling() -> tuple[float, float]:
    import json

    from maildigest.models import Article
    from maildigest.summarize import summarize_article

    texts = [
        json.loads(line)["text"]
        for line in (SHARED / "data" / "summaries-dev.jsonl").read_text("utf-8").splitlines()
    ]
    paragraphs: list[str] = []
    words = 0
    while words < 50_000:
        for text in texts:
            paragraphs.append(text)
            words += len(text.split())
            if words >= 50_000:
                break

    def article_of(limit: int) -> Article:
        chosen, count = [], 0
        for paragraph in paragraphs:
            if count >= limit:
                break
            chosen.append(paragraph)
            count += len(paragraph.split())
        return Article(title="Scaling test", paragraphs=tuple(chosen))

    small, large = article_of(5_000), article_of(50_000)
    return (
        per_call(lambda: summarize_article(small), 5),
        per_call(lambda: summarize_article(large), 3),
    )


def cleaning_median() -> float:
    from maildigest.clean import clean_document
    from maildigest.errors import MaildigestError
    from maildigest.ingest import load_document

    documents = [
        load_document(p) for p in sorted((SHARED / "data" / "messy-dev").glob("dev-*/input.txt"))
    ]
    samples = []
    for document in documents:
        start = time.perf_counter()
        with contextlib.suppress(MaildigestError):
            clean_document(document)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def send_ratio() -> tuple[float, float] | None:
    """Messages/s serial vs --concurrency 16 against a 50 ms sink (benchmarks/bench_send.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_send
    except ImportError:
        return None
    measure = getattr(bench_send, "throughput", None)
    if measure is None:
        return None
    return measure(concurrency=1), measure(concurrency=16)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per start-up figure (median)")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "src" / "maildigest", quiet=1)
    rows: list[tuple[str, str, str, str]] = []
    memory: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed_build = [*MAILDIGEST, "build", str(SEED), "--out", str(work / "seed")]
        commands = {
            "floor": FLOOR,
            "help": [*MAILDIGEST, "--help"],
            "build seed": seed_build,
            COLD: seed_build,
        }
        if importlib.util.find_spec("css_inline"):
            commands[FAST] = seed_build
        has_shared = SHARED.is_dir()
        if has_shared:
            inputs = messy_inputs(40, work)
            commands["build 1 article"] = [
                *MAILDIGEST,
                "build",
                inputs[0],
                "--out",
                str(work / "one"),
            ]
            commands["build 40 articles"] = [
                *MAILDIGEST,
                "build",
                *inputs,
                "--out",
                str(work / "forty"),
            ]
        medians = interleaved(commands, args.runs, work)
        one_mb = measured(seed_build, work).peak_mb
        if has_shared:
            forty = measured(commands["build 40 articles"], work)
            memory.append(
                (
                    "peak memory, 40-article digest build",
                    f"{forty.peak_mb:.0f} MB (1-article: {one_mb:.0f} MB)",
                    "",
                    "< 300 MB",
                )
            )
        memory.extend(oversized_rows(work, one_mb))
    floor = medians["floor"]
    rows.append(
        (
            "`maildigest --help` vs import floor",
            f"{medians['help'] * 1000:.0f} ms vs {floor * 1000:.0f} ms",
            f"{medians['help'] / floor:.2f}×",
            "≤ 1.0×",
        )
    )
    rows.append(
        (
            "`maildigest build` seed vs import floor",
            f"{medians['build seed'] * 1000:.0f} ms",
            f"{medians['build seed'] / floor:.2f}×",
            "≤ 1.8×",
        )
    )
    rows.append(
        (
            f"`maildigest build` seed, {COLD}",
            f"{medians[COLD] * 1000:.0f} ms",
            f"{medians[COLD] / floor:.2f}×",
            "(once per template or CSS change)",
        )
    )
    if FAST in medians:
        rows.append(
            (
                f"`maildigest build` seed, {FAST}",
                f"{medians[FAST] * 1000:.0f} ms",
                f"{medians[FAST] / floor:.2f}×",
                "(premailer is the default)",
            )
        )
    if has_shared:
        one, forty = medians["build 1 article"], medians["build 40 articles"]
        rows.append(
            (
                "40-article digest vs 1-article build",
                f"{forty * 1000:.0f} ms vs {one * 1000:.0f} ms",
                f"{forty / one:.2f}×",
                "≤ 3×",
            )
        )
        small, large = summarize_scaling()
        rows.append(
            (
                "summarize 50,000 vs 5,000 words (in-process)",
                f"{large * 1000:.1f} ms vs {small * 1000:.1f} ms",
                f"{large / small:.1f}×",
                "≤ 15×",
            )
        )
        rows.append(
            (
                "cleaning, median per messy-dev article",
                f"{cleaning_median() * 1000:.2f} ms",
                "",
                "≤ 20 ms",
            )
        )
    rows.extend(memory)
    sent = send_ratio()
    if sent:
        serial, parallel = sent
        rows.append(
            (
                "send, 50 ms sink: concurrency 16 vs 1",
                f"{parallel:.0f} vs {serial:.1f} msg/s",
                f"{parallel / serial:.1f}×",
                "≥ 10×",
            )
        )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    )
    print(
        f"start-up medians of {args.runs} interleaved runs"
        + ("" if has_shared else "; ../shared absent: dataset rows skipped")
    )
    print()
    print("| figure | measured | ratio | target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
