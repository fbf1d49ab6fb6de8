"""Every generated hostile article through ``maildigest build``: the attack is
gone from every output, the article around it is still there, and text that
only looks like code is printed as written."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hostile_cases import CASES, Case
from hostile_invariants import assert_invariants, assert_kept, read_outputs, squash
from typer.testing import CliRunner

from maildigest.cli import app

runner = CliRunner()


def build(tmp_path: Path, case: Case) -> Path:
    source = tmp_path / case.filename
    source.write_bytes(case.data)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out)], env={})
    assert result.exit_code == 0, f"build failed ({result.exit_code}): {result.output}"
    return out


def url_values(html: str) -> list[str]:
    """Every link and resource URL (text attributes such as ``alt`` may quote the payload)."""
    root = lxml.html.document_fromstring(html)
    return [url for _element, _attribute, url, _position in root.iterlinks()]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_article(tmp_path: Path, case: Case) -> None:
    out = read_outputs(build(tmp_path, case))
    assert_invariants(out)
    assert_kept(out, case.before, case.after)
    for url in url_values(out.html):
        assert "evil.example" not in url, f"attacker URL kept: {url!r}"
    for text in case.literal:
        assert text in out.html_text, f"not shown as written in HTML: {text!r}"
        assert text in squash(out.text), f"not shown as written in plain text: {text!r}"
    for text in case.forbidden_text:
        assert text not in out.html_text and text not in out.text, f"evaluated: {text!r}"
