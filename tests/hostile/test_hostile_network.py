"""No network while building from local files: stylesheets, ``@import``,
images and frames named by an article (or by a template) are never fetched.
A loopback HTTP server counts every request it gets."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_cases import AFTER, BEFORE, FILLER
from hostile_invariants import assert_invariants, assert_kept, read_outputs
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.templates import default_template_dir

runner = CliRunner()


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red }")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_article_naming_remote_resources_builds_without_fetching(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, hits = server
    page = (
        f"<!DOCTYPE html><html><head><title>Ferry timetable approved</title>"
        f'<link rel="stylesheet" href="{base}/page.css"><style>@import url({base}/import.css);'
        f'</style><script src="{base}/app.js"></script></head><body><article>'
        f'<h1>Ferry timetable approved</h1><p>{BEFORE} <img src="{base}/pixel.gif"></p>'
        f'<iframe src="{base}/frame.html"></iframe><p style="background:url({base}/bg.png)">'
        f"{AFTER}</p>" + "".join(f"<p>{p}</p>" for p in FILLER) + "</article></body></html>"
    )
    source = tmp_path / "article.html"
    source.write_text(page, "utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    outputs = read_outputs(tmp_path / "out")
    assert_invariants(outputs)
    assert_kept(outputs, BEFORE, AFTER)
    assert base not in outputs.html
    assert hits == []


def test_a_template_importing_remote_css_is_not_fetched(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    """premailer fetches ``@import`` even with allow_network=False: it must never see one."""
    base, hits = server
    folder = tmp_path / "templates" / "partials"
    folder.mkdir(parents=True)
    head = (default_template_dir() / "partials" / "head.mjml.j2").read_text("utf-8")
    extra = (
        f'<mj-raw><link rel="stylesheet" href="{base}/template.css"></mj-raw>\n'
        f"<mj-style>@import url({base}/import.css);\n@import '{base}/quoted.css';</mj-style>\n"
    )
    (folder / "head.mjml.j2").write_text(head + extra, "utf-8")
    source = tmp_path / "article.txt"
    source.write_text("\n\n".join(["Ferry timetable approved", BEFORE, AFTER, *FILLER]), "utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(source), "--out", str(out), "--template", str(tmp_path / "templates")]
    )
    assert result.exit_code == 0, result.output
    assert_invariants(read_outputs(out))
    assert hits == []
