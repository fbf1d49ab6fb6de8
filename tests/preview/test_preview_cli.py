"""``maildigest preview`` and ``build --open`` as a user runs them."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maildigest.cli import app

START_TIMEOUT = 60


@pytest.fixture
def article(tmp_path: Path, seed: Path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copyfile(seed, path)
    return path


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """An environment whose $BROWSER records the URL it is asked to open."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "fake-browser"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{record}"\n')
    script.chmod(0o755)
    yield {**os.environ, "BROWSER": f"{script} %s"}, record


def _start(args: list[str], cwd: Path, env: dict[str, str] | None = None):
    process = subprocess.Popen(
        [sys.executable, "-m", "maildigest", "preview", "--port", "0", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    if not first.startswith("Preview: "):
        process.kill()
        pytest.fail(f"no URL printed: {first!r} {process.communicate(timeout=10)}")
    return process, first.split()[1]


def test_preview_prints_the_url_serves_it_and_stops_cleanly_on_ctrl_c(
    article: Path, tmp_path: Path
) -> None:
    process, url = _start(["--no-open", str(article)], tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/preview")
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
            assert b"Leica" in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "Preview stopped." in stdout
    assert "Traceback" not in stderr


def test_preview_opens_the_browser_unless_told_not_to(
    article: Path, tmp_path: Path, browser: tuple[dict[str, str], Path]
) -> None:
    env, record = browser
    process, url = _start([str(article)], tmp_path, env)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (record.exists() and record.read_text().strip()):
            assert time.monotonic() < deadline, "the browser was not asked to open the page"
            time.sleep(0.05)
        assert record.read_text().split() == [url]
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)


def test_build_open_opens_the_written_newsletter(
    article: Path, tmp_path: Path, browser: tuple[dict[str, str], Path]
) -> None:
    env, record = browser
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "maildigest", "build", str(article), "--out", str(out), "--open"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert record.read_text().split() == [(out / "newsletter.html").resolve().as_uri()]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [(["missing.txt"], "input not found: missing.txt"), (["-"], "cannot watch stdin")],
)
def test_bad_inputs_are_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["preview", "--no-open", *inputs])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_a_taken_port_is_a_clear_error(article: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            app, ["preview", "--no-open", "--port", str(port), str(article)]
        )
    assert result.exit_code == 4
    assert f"port {port} on 127.0.0.1 is in use" in result.stderr
