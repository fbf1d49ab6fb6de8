"""The preview server over real HTTP: routes, live rebuild, errors, safety."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import urllib.request
from pathlib import Path

import pytest
from preview_site import Site, write

from maildigest.config import Settings
from maildigest.pipeline import build
from maildigest.templates import default_template_dir

NEW_TITLE = "Preview rebuilds: a brand-new headline about lighthouse keepers"


def _retitled(article: Path, title: str) -> str:
    lines = article.read_text(encoding="utf-8").splitlines()
    return "\n".join([title, *lines[1:]]) + "\n"


# ---------------------------------------------------------------- routes


def test_root_serves_exactly_the_built_newsletter(site: Site) -> None:
    expected = build(
        [str(site.article)], settings=Settings(template_dir=str(site.templates))
    ).newsletter
    for path in ("/", "/newsletter.html"):
        response = site.get(path)
        assert response.status == 200
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert response.text == expected.html
    text = site.get("/newsletter.txt")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert text.text == expected.text


def test_eml_route_serves_the_message(site: Site) -> None:
    response = site.get("/newsletter.eml")
    assert response.status == 200
    assert response.headers["content-type"] == "message/rfc822"
    message = email.message_from_bytes(response.body, policy=email.policy.default)
    assert message["Subject"] == site.status()["subject"]
    assert message.get_content_type() == "multipart/alternative"


def test_preview_page_shows_headers_size_and_checks(site: Site) -> None:
    status = site.status()
    page = site.get("/preview").text
    assert status["ok"] is True
    assert f'<dd id="subject">{_escaped(status["subject"])}</dd>' in page
    assert f'<dd id="from">{_escaped(status["from"])}</dd>' in page
    assert f'<dd id="preheader">{_escaped(status["preheader"])}</dd>' in page
    kb = f"{status['html_bytes'] / 1024:.1f} KB of {status['size_budget'] / 1024:.1f} KB budget"
    assert kb in page
    assert status["checks"]["ok"] is True
    assert re.search(r'<div id="checks">\s*<p class="ok">Passed', page)
    assert "Gmail (web)" in page  # the client support table from maildigest.check


def test_switches_are_links_that_set_width_scheme_and_view(site: Site) -> None:
    page = site.get("/preview?width=375&scheme=dark").text
    frame = re.search(r"<iframe[^>]*>", page, re.S).group(0)
    assert 'src="/?scheme=dark"' in frame
    assert 'width="375"' in frame
    assert 'href="/preview?width=600&amp;scheme=dark&amp;view=html"' in page
    assert 'href="/preview?width=375&amp;scheme=light&amp;view=html"' in page
    text_view = site.get("/preview?view=text&width=375").text
    assert '<pre id="plain-text"' in text_view and "<iframe" not in text_view
    plain = site.get("/newsletter.txt").text
    first_line = plain.splitlines()[0]
    assert _escaped(first_line) in text_view
    # unknown values fall back to the defaults instead of failing
    odd = site.get("/preview?width=9999&scheme=%3Cscript%3E&view=x")
    assert odd.status == 200
    assert 'src="/?scheme=light"' in odd.text and 'width="600"' in odd.text


def test_dark_and_light_variants_fix_the_colour_scheme(site: Site) -> None:
    plain = site.get("/").text
    assert "prefers-color-scheme: dark" in plain.replace("(prefers-color-scheme:dark)", "")
    dark = site.get("/?scheme=dark").text
    light = site.get("/?scheme=light").text
    for variant in (dark, light):
        assert "prefers-color-scheme" not in variant
    assert "color-scheme: dark !important" in dark
    assert "color-scheme: light !important" in light
    # the body of the email is untouched
    body = plain[plain.index("<body") :]
    assert body in dark and body in light


def test_status_json_and_head_requests(site: Site) -> None:
    status = site.status()
    assert status["version"] == 1 and status["error"] is None
    assert status["html_bytes"] == len(site.get("/").body)
    head = site.get("/", method="HEAD")
    assert head.status == 200 and head.body == b""
    assert int(head.headers["content-length"]) == status["html_bytes"]


def test_security_headers(site: Site) -> None:
    newsletter = site.get("/")
    assert "script-src 'none'" in newsletter.headers["content-security-policy"]
    assert newsletter.headers["x-content-type-options"] == "nosniff"
    assert newsletter.headers["cache-control"] == "no-store"
    page = site.get("/preview")
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    assert f'<script nonce="{nonce}">' in page.text
    assert (
        site.get("/preview").headers["content-security-policy"]
        != page.headers["content-security-policy"]
    )


# ---------------------------------------------------------------- live rebuild


def test_changing_the_input_serves_the_new_content(site: Site) -> None:
    assert NEW_TITLE not in site.get("/").text
    write(site.article, _retitled(site.article, NEW_TITLE))
    site.wait_for(lambda: NEW_TITLE in site.get("/").text, "the new title at /")
    assert site.status()["version"] >= 2
    assert NEW_TITLE in site.get("/newsletter.txt").text
    assert any("rebuilt in" in line for line in site.logs)


def test_event_stream_announces_each_build(site: Site) -> None:
    with urllib.request.urlopen(f"{site.base}/events", timeout=20) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        first = _next_event(stream)
        assert first == ("build", "1")
        write(site.article, _retitled(site.article, NEW_TITLE))
        assert _next_event(stream) == ("build", "2")


def test_a_new_user_template_replaces_ours(site: Site) -> None:
    write(site.templates / "newsletter.txt.j2", "OVERRIDDEN {{ email.subject }}\n")
    site.wait_for(
        lambda: site.get("/newsletter.txt").text.startswith("OVERRIDDEN "),
        "the user's new text template",
    )


def test_settings_file_changes_apply(tmp_path: Path, seed: Path) -> None:
    from maildigest.preview import PreviewServer, Project

    config = tmp_path / "maildigest.toml"
    config.write_text('sender = "First <first@example.org>"\n', encoding="utf-8")
    server = PreviewServer(
        Project([str(seed)], cwd=tmp_path), port=0, poll_seconds=0.05, log=lambda _: None
    )
    with server:
        site = Site(server, seed, tmp_path, tmp_path)
        assert site.status()["from"] == "First <first@example.org>"
        write(config, 'sender = "Second <second@example.org>"\n')
        site.wait_for(lambda: site.status()["from"] == "Second <second@example.org>", "new sender")


# ---------------------------------------------------------------- build errors


def test_broken_template_shows_the_error_and_fixing_it_recovers(site: Site) -> None:
    ours = (default_template_dir() / "newsletter.mjml.j2").read_text(encoding="utf-8")
    broken = site.templates / "newsletter.mjml.j2"
    write(broken, ours + "\n{% if %}\n")
    site.wait_for(lambda: not site.status()["ok"], "the build to fail")
    error = site.status()["error"]
    assert "newsletter.mjml.j2" in error
    for path in ("/", "/preview"):
        page = site.get(path)
        assert page.status == 500
        assert 'id="build-error"' in page.text
        assert _escaped(error) in page.text
    assert site.get("/newsletter.txt").status == 500
    assert any("error:" in line and "newsletter.mjml.j2" in line for line in site.logs)

    write(broken, ours)
    site.wait_for(lambda: site.status()["ok"], "the build to recover")
    recovered = site.get("/")
    assert recovered.status == 200 and _escaped(site.status()["subject"]) in recovered.text
    assert 'id="build-error"' not in site.get("/preview").text


def test_empty_input_shows_the_error_and_recovers(site: Site) -> None:
    original = site.article.read_text(encoding="utf-8")
    write(site.article, "")
    site.wait_for(lambda: not site.status()["ok"], "the build to fail")
    assert "empty" in site.status()["error"]
    write(site.article, original)
    site.wait_for(lambda: site.status()["ok"], "the build to recover")


# ---------------------------------------------------------------- safety

TRAVERSALS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2fetc%2fpasswd",
    "/%252e%252e/%252e%252e/etc/passwd",
    "/..%5c..%5cetc%5cpasswd",
    "/..\\..\\etc\\passwd",
    "//etc/passwd",
    "/etc/passwd",
    "/preview/../../etc/passwd",
    "/newsletter.html/../../../etc/passwd",
    "/article.txt",
    "/templates/",
    "/src/maildigest/",
    "/%00",
    "http://127.0.0.1/../../etc/passwd",
    "*",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_traversal_and_unknown_paths_are_404(site: Site, path: str) -> None:
    response = site.get(path)
    assert response.status == 404
    assert b"root:" not in response.body
    assert b"Index of" not in response.body and b"Directory listing" not in response.body


def test_bad_requests_do_not_kill_the_server(site: Site) -> None:
    for raw in (
        b"\x00\xff\xfe garbage\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X: y\r\n" * 200 + b"\r\n",
        b"BREW /pot HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n",  # never finished
    ):
        with socket.create_connection(("127.0.0.1", site.port), timeout=5) as connection:
            connection.sendall(raw)
            connection.shutdown(socket.SHUT_WR)
            while connection.recv(65536):
                pass
    assert site.get("POST" and "/", method="POST").status == 501
    assert site.get("/").status == 200


def test_other_host_names_are_refused_on_loopback(site: Site) -> None:
    """A web page that rebinds its own DNS name to 127.0.0.1 must not read the preview."""
    assert site.get("/", headers={"Host": "attacker.example"}).status == 403
    assert site.get("/", headers={"Host": f"attacker.example:{site.port}"}).status == 403
    assert site.get("/", headers={"Host": f"localhost:{site.port}"}).status == 200
    assert site.get("/", headers={"Host": f"127.0.0.1:{site.port}"}).status == 200


def _escaped(text: str) -> str:
    """Escaped the way the page's Jinja template escapes."""
    from markupsafe import escape

    return str(escape(text))


def _next_event(stream) -> tuple[str, str]:
    event, data = "message", ""
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                return event, data
            continue
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data = line[5:].strip()
    raise AssertionError("the event stream ended")
