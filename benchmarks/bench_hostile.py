"""Time and peak memory of ``maildigest build`` on size and depth bombs (issue 10).

Target: any input within the size limit (20 MB) builds in under 30 s with a
peak RSS under 1 GB, or is refused with a one-line error. Each case is
generated into a temporary folder and built by a fresh ``maildigest build``
process (so its peak RSS is its own), and a table of exit code, seconds and
peak MB is printed, the slowest case last.

    .venv/bin/python benchmarks/bench_hostile.py            # every case
    .venv/bin/python benchmarks/bench_hostile.py deep-divs  # cases whose name contains this
"""

from __future__ import annotations

import argparse
import base64
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAILDIGEST = Path(sys.executable).with_name("maildigest")
LIMIT = 20 * 1024 * 1024
TIME_TARGET, MEMORY_TARGET_MB = 30.0, 1024
PROSE = (
    "The council said on Tuesday that the new rules for housing would take effect next year "
    "after a long debate about costs, schools and transport in the region. "
)


def _fill(unit: str, size: int = LIMIT - 4096) -> str:
    return unit * (size // len(unit))


def _article(middle: str, fmt: str = "txt") -> str:
    opening = "The harbour board approved a new ferry timetable on Monday after a long debate."
    closing = "Officials said the changes would take effect in the spring, pending a final vote."
    if fmt == "html":
        return (
            "<!DOCTYPE html><html><head><title>Ferry timetable approved</title></head><body>"
            f"<article><h1>Ferry timetable approved</h1><p>{opening}</p>{middle}<p>{closing}</p>"
            "</article></body></html>"
        )
    return f"Ferry timetable approved\n\n{opening}\n\n{middle}\n\n{closing}\n"


def _paragraphs(count_bytes: int, sep: str = "\n\n") -> str:
    words = PROSE.split()
    out, size, n = [], 0, 0
    while size < count_bytes:
        rotated = words[n % len(words) :] + words[: n % len(words)]
        paragraph = f"Paragraph {n}: " + " ".join(rotated) + "."
        out.append(paragraph)
        size += len(paragraph) + len(sep)
        n += 1
    return sep.join(out)


def _wrapped(paragraphs: str, width: int = 72) -> str:
    """Hard-wrapped like a plain-text email, one newline between paragraphs."""
    return "\n".join(textwrap.fill(p, width) for p in paragraphs.split("\0"))


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "deep-divs-100k.html": ("html", lambda: _article("<div>" * 100_000 + "Deep text." + "</div>" * 100_000, "html")),
    "deep-spans-li-50k.html": ("html", lambda: _article("<li><span>" * 50_000 + "Deep text.", "html")),
    "deep-list-500.md": ("md", lambda: _article("".join("  " * i + f"- item {i}\n" for i in range(500)))),
    "brackets-25k.md": ("md", lambda: _article("Before " + "[" * 25_000 + " after.")),
    "brackets-20mb.md": ("md", lambda: _article(_fill("!["))),
    "links-20mb.md": ("md", lambda: _article(_fill("[a link](https://example.com/x) "))),
    "emphasis-nested.md": ("md", lambda: _article("x " + "*_" * 10_000 + "deep" + "_*" * 10_000)),
    "prose-20mb.txt": ("txt", lambda: _article(_paragraphs(LIMIT - 8192))),
    "prose-one-line-20mb.txt": ("txt", lambda: _article(_fill(PROSE))),
    "prose-lines-20mb.txt": ("txt", lambda: _article(_paragraphs(LIMIT - 8192, "\n"))),
    "prose-wrapped-20mb.txt": ("txt", lambda: _article(_wrapped(_paragraphs(LIMIT - 8192, "\0")))),
    "one-wrapped-paragraph-20mb.txt": ("txt", lambda: _article(_wrapped(_paragraphs(LIMIT - 8192, " ")))),
    "prose-20mb.html": ("html", lambda: _article("".join(f"<p>{p}</p>" for p in _paragraphs(LIMIT * 19 // 20).split("\n\n")), "html")),
    "unclosed-comments-20mb.txt": ("txt", lambda: _article(_fill("<!-- "))),
    "unclosed-scripts-20mb.txt": ("txt", lambda: _article(_fill("<script> "))),
    "unclosed-tags-20mb.html": ("html", lambda: _article(_fill("<p><b>x "), "html")),
    "tags-never-closed-20mb.html": ("html", lambda: _article("", "html") + _fill("<a ", LIMIT - 8192)),
    "entities-20mb.txt": ("txt", lambda: _article(_fill("&amp;amp;lt; "))),
    "data-image-15mb.html": ("html", lambda: _article(
        '<p><img alt="chart" src="data:image/png;base64,'
        + base64.b64encode(os.urandom(11 * 1024 * 1024)).decode()
        + '"></p>', "html")),
    "over-limit-50mb.txt": ("txt", lambda: _fill(PROSE, 50 * 1024 * 1024)),
}  # fmt: skip


def run_one(name: str, text: str, folder: Path) -> tuple[int, float, float, str]:
    source = folder / name
    source.write_text(text, encoding="utf-8")
    out = folder / f"out-{name}"
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [str(MAILDIGEST), "build", str(source), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=folder,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak / 1024 if peak > before else float("nan")  # max over children so far
    message = (proc.stderr.strip().splitlines() or [""])[-1][:90]
    source.unlink()
    return proc.returncode, seconds, peak_mb, message


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "names", nargs="*", help="run only the cases whose name contains one of these"
    )
    names = parser.parse_args(argv).names
    wanted = [name for name in CASES if not names or any(n in name for n in names)]
    if not wanted:
        parser.error(f"no case matches {' '.join(names)}; the cases: {', '.join(CASES)}")
    print(f"maildigest build on {len(wanted)} hostile inputs (limit {LIMIT // 2**20} MB)")
    print(f"{'case':28} {'MB':>6} {'exit':>4} {'seconds':>8} {'peak MB':>8}  last stderr line")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            text = CASES[name][1]()
            size_mb = len(text.encode("utf-8")) / 2**20
            # a fresh process per case: RUSAGE_CHILDREN's max is then this case's peak
            code, seconds, peak_mb, message = _isolated(name, text, Path(tmp))
            results.append((name, seconds, peak_mb))
            print(f"{name:28} {size_mb:6.1f} {code:4d} {seconds:8.2f} {peak_mb:8.0f}  {message}")
    slowest = max(results, key=lambda r: r[1])
    hungriest = max(results, key=lambda r: r[2])
    print(f"slowest: {slowest[0]} {slowest[1]:.2f} s (target < {TIME_TARGET:.0f} s)")
    print(f"most memory: {hungriest[0]} {hungriest[2]:.0f} MB (target < {MEMORY_TARGET_MB} MB)")
    ok = slowest[1] < TIME_TARGET and hungriest[2] < MEMORY_TARGET_MB
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


def _isolated(name: str, text: str, folder: Path) -> tuple[int, float, float, str]:
    """Run one case from a child interpreter so the RSS high-water mark is per case."""
    script = (
        f"import sys, json, pathlib; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
        "import bench_hostile as b; text = pathlib.Path(sys.argv[2]).read_text(encoding='utf-8'); "
        "print(json.dumps(b.run_one(sys.argv[1], text, pathlib.Path(sys.argv[3]))))"
    )
    staged = folder / f"staged-{name}"
    staged.write_text(text, encoding="utf-8")
    del text
    proc = subprocess.run(
        [sys.executable, "-c", script, name, str(staged), str(folder)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    staged.unlink()
    if proc.returncode != 0:
        return -1, float("nan"), float("nan"), proc.stderr.strip().splitlines()[-1][:90]
    import json

    code, seconds, peak_mb, message = json.loads(proc.stdout)
    return code, seconds, peak_mb, message


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
