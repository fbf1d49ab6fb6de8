"""``maildigest check`` on good and bad HTML, the CLI command, and ``build``'s own gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maildigest.check import MAJOR_CLIENTS, check_file, check_html
from maildigest.cli import app
from maildigest.models import Newsletter

MINIMAL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Hi</title>
<style>.box {{ padding: 8px; }} @media (max-width: 480px) {{ .box {{ padding: 4px !important; }} }}</style>
</head><body><table role="presentation"><tr><td class="box" style="padding: 8px">
{body}
<a href="https://example.com/unsubscribe">Unsubscribe</a></td></tr></table></body></html>"""


def bad(body: str = "", *, head: str = "", html_attrs: str = 'lang="en"') -> str:
    page = MINIMAL.format(body=body)
    page = page.replace("</head>", head + "</head>")
    return page.replace('<html lang="en">', f"<html {html_attrs}>")


def test_our_renders_pass(digest_40: Newsletter, digest_12: Newsletter) -> None:
    for newsletter in (digest_12, digest_40):
        report = check_html(newsletter.html)
        assert report.ok, report.failures
        assert not report.warnings, report.warnings


def test_minimal_good_fixture_passes() -> None:
    report = check_html(MINIMAL.format(body="<p>Hello</p>"))
    assert report.ok, report.failures


@pytest.mark.parametrize(
    ("html", "rule"),
    [
        (bad("<script>alert(1)</script>"), "element.script"),
        (bad('<form action="https://x.example"><input name="q"></form>'), "element.form"),
        (bad('<iframe src="https://x.example"></iframe>'), "element.iframe"),
        (bad('<object data="https://x.example/x.swf"></object>'), "element.object"),
        (bad(head='<link rel="stylesheet" href="https://x.example/a.css">'), "css.external_stylesheet"),
        (bad(head="<style>@import url(https://x.example/a.css);</style>"), "css.import"),
        (bad('<p onclick="go()">x</p>'), "attr.event_handler"),
        (bad(head="<style>.wide { width: 700px; }</style>", body='<div class="wide">x</div>'), "css.not_inlined"),
        (
            bad(head="<style>@media (prefers-color-scheme: dark) { .c { color: #fff; } }</style>",
                body='<p class="c" style="color: #000">x</p>'),
            "css.media_overridden",
        ),
        (bad('<img src="https://x.example/a.png" width="100">'), "img.alt"),
        (bad('<img src="https://x.example/a.png" alt="A" width="100%">'), "img.width"),
        (bad('<a href="/relative/page">x</a>'), "url.absolute"),
        (bad('<a href="javascript:alert(1)">x</a>'), "url.absolute"),
        (bad('<img src="//cdn.example/a.png" alt="" width="10">'), "url.absolute"),
        (bad(html_attrs=""), "html.lang"),
        (MINIMAL.format(body="").replace("Unsubscribe", "Manage").replace("unsubscribe", "prefs"), "footer.unsubscribe"),
    ],
)  # fmt: skip
def test_bad_fixtures_fail_the_named_rule(html: str, rule: str) -> None:
    report = check_html(html)
    assert not report.ok
    assert rule in {f.rule for f in report.failures}


def test_size_over_budget_fails(digest_12: Newsletter) -> None:
    report = check_html(digest_12.html, budget=50_000)
    assert [f.rule for f in report.failures] == ["size.budget"]


def test_warnings_do_not_fail() -> None:
    report = check_html(bad('<a href="#top">top</a>', html_attrs='lang="und"'))
    assert report.ok
    assert {"url.anchor", "html.lang"} <= {w.rule for w in report.warnings}


def test_client_scores_come_from_can_i_email_data(digest_12: Newsletter) -> None:
    report = check_html(digest_12.html)
    assert [c.client for c in report.clients] == [c[0] for c in MAJOR_CLIENTS]
    assert "css-at-media-prefers-color-scheme" in report.features
    scores = {c.client: c for c in report.clients}
    # Can I email: Outlook for Windows ignores @media; Apple Mail supports it
    assert "css-at-media" in scores["outlook-windows"].unsupported
    assert "css-at-media" not in scores["apple-mail-macos"].unsupported
    assert all(c.score is not None and 0 <= c.score <= 100 for c in report.clients)
    assert scores["apple-mail-macos"].score > scores["outlook-windows"].score


def test_cli_check_passes_and_fails_with_exit_codes(tmp_path: Path, digest_12: Newsletter) -> None:
    good = tmp_path / "good.html"
    good.write_text(digest_12.html, encoding="utf-8")
    broken = tmp_path / "bad.html"
    broken.write_text(bad("<script>x()</script>"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 0, result.output
    assert "RESULT: PASS" in result.output and "Outlook (Windows)" in result.output
    result = runner.invoke(app, ["check", str(broken)])
    assert result.exit_code == 1
    assert "FAIL [element.script]" in result.output
    result = runner.invoke(app, ["check", str(good), "--json", "--budget", "1000"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["ok"] is False and report["failures"][0]["rule"] == "size.budget"
    assert {c["client"] for c in report["clients"]} == {c[0] for c in MAJOR_CLIENTS}


def test_cli_check_missing_or_empty_file_is_an_input_error(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["check", str(tmp_path / "nope.html")])
    assert result.exit_code == 3 and "no such file" in result.output
    empty = tmp_path / "empty.html"
    empty.write_text("  \n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 3 and "is empty" in result.output


def test_check_file_reads_what_build_wrote(tmp_path: Path, digest_12: Newsletter) -> None:
    path = tmp_path / "n.html"
    path.write_bytes(digest_12.html.encode("utf-8"))
    report = check_file(path)
    assert report.ok and report.size == len(digest_12.html.encode("utf-8"))
