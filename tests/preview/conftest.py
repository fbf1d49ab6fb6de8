"""Fixtures for preview tests: a real preview server on a free loopback port.

The server builds a copy of the seed in ``tmp_path`` with the built-in
templates, plus an (initially empty) user template folder the tests can
write overrides into; it polls quickly so rebuild tests finish fast.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from preview_site import Site

from maildigest.preview import PreviewServer, Project


@pytest.fixture
def site(tmp_path: Path, seed: Path) -> Iterator[Site]:
    article = tmp_path / "article.txt"
    shutil.copyfile(seed, article)
    templates = tmp_path / "templates"
    templates.mkdir()
    project = Project([str(article)], overrides={"template_dir": str(templates)}, cwd=tmp_path)
    logs: list[str] = []
    server = PreviewServer(project, port=0, poll_seconds=0.05, log=logs.append)
    server.start()
    try:
        yield Site(server, article, templates, tmp_path, logs)
    finally:
        server.stop()
