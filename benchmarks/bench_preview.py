"""Issue 7 figure: time from saving a file to the rebuilt newsletter being served.

    python benchmarks/bench_preview.py            # 10 saves of each kind
    python benchmarks/bench_preview.py --runs 20

Starts the real command, ``maildigest preview --no-open --port 0``, on a copy
of the seed in a temporary folder (default poll interval), then repeatedly
saves a change and polls the server every 5 ms until the change is served:

- article: a new title line in the input, watched at ``/``;
- template: a new line in the user's ``newsletter.txt.j2``, watched at ``/newsletter.txt``.

"Save -> served" is measured from the moment the write returns to the first
response that contains the change (time.perf_counter); "build" is the
server's own build time for that version (``/status.json``). The rest is
waiting for the next poll of the files plus a 50 ms settle check.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def start(folder: Path) -> tuple[subprocess.Popen[str], str]:
    command = [
        sys.executable, "-m", "maildigest", "preview", "--no-open", "--port", "0",
        "--template", str(folder / "templates"), str(folder / "article.txt"),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Preview: "):
            return process, line.split()[1].removesuffix("/preview")
    raise SystemExit(f"the preview did not start (exit {process.wait()})")


def save_and_wait(path: Path, text: str, url: str, marker: str) -> float:
    path.write_text(text, encoding="utf-8")
    saved = time.perf_counter()
    deadline = saved + 30
    while time.perf_counter() < deadline:
        if marker in fetch(url):
            return time.perf_counter() - saved
        time.sleep(0.005)
    raise SystemExit(f"{marker!r} was not served within 30 s")


def measure(runs: int, change: Callable[[int], tuple[Path, str, str, str]], base: str) -> None:
    latencies, builds = [], []
    for run in range(runs):
        path, text, page, marker = change(run)
        latencies.append(save_and_wait(path, text, base + page, marker))
        builds.append(json.loads(fetch(base + "/status.json"))["seconds"])
        # let the watcher settle, then save at a different point of its 100 ms poll cycle
        time.sleep(0.3 + (run % 10) * 0.01)
    ms = sorted(x * 1000 for x in latencies)
    print(
        f"  save -> served: median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, "
        f"max {ms[-1]:.0f} ms; build alone: median {statistics.median(builds) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        article = folder / "article.txt"
        shutil.copyfile(SEED, article)
        (folder / "templates").mkdir()
        text_template = folder / "templates" / "newsletter.txt.j2"
        from maildigest.templates import default_template_dir

        ours = (default_template_dir() / "newsletter.txt.j2").read_text(encoding="utf-8")
        text_template.write_text(ours, encoding="utf-8")
        lines = SEED.read_text(encoding="utf-8").splitlines()
        process, base = start(folder)
        try:
            status = json.loads(fetch(base + "/status.json"))
            if not status["ok"]:
                raise SystemExit(f"the seed does not build: {status['error']}")
            print(f"maildigest preview on {base}, {os.cpu_count()} CPUs, {args.runs} saves each")
            print("article edit (new title, checked at /):")
            measure(
                args.runs,
                lambda n: (
                    article,
                    "\n".join([f"Benchmark headline number {n} for the preview", *lines[1:]]),
                    "/",
                    f"Benchmark headline number {n} for",
                ),
                base,
            )
            print("template edit (newsletter.txt.j2, checked at /newsletter.txt):")
            measure(
                args.runs,
                lambda n: (
                    text_template,
                    ours + f"template marker {n}\n",
                    "/newsletter.txt",
                    f"template marker {n}\n",
                ),
                base,
            )
        finally:
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
