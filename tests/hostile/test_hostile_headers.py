"""Header injection: CR, LF and other line breaks in subjects, names, titles,
feed fields and recipient fields never make a second header. Every generated
message is re-parsed with ``email.policy.default``."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from hostile_invariants import (
    assert_headers_single_line,
    assert_invariants,
    assert_kept,
    assert_no_active_content,
    read_outputs,
)
from typer.testing import CliRunner

from maildigest.cli import app
from maildigest.errors import ConfigError
from maildigest.send.draft import load_draft
from maildigest.send.recipients import Recipient, load_csv, validate_address

runner = CliRunner()
BEFORE = "The harbour board approved a new ferry timetable on Monday after a long debate."
AFTER = "Officials said the changes would take effect in the spring, pending a final vote."
FILLER = (
    "The council met for three hours and heard from residents on both sides of the debate "
    "before the chair called the final vote late in the evening.\n\n"
    "Several ferry operators welcomed the decision, saying the new timetable would let them "
    "plan crews and maintenance more reliably through the winter months."
)
BREAKS = {
    "crlf": "\r\n",
    "lf": "\n",
    "cr": "\r",
    "nel": "\x85",
    "line-separator": "\u2028",
    "paragraph-separator": "\u2029",
    "vertical-tab": "\x0b",
    "form-feed": "\x0c",
    "nul": "\x00",
}
INJECTED = "Bcc: victim@evil.example"


def article(title: str = "Ferry timetable approved for the coast") -> str:
    return f"{title}\n\n{BEFORE}\n\n{AFTER}\n\n{FILLER}\n"


def build(tmp_path: Path, *args: str, text: str | None = None, name: str = "article.txt"):
    source = tmp_path / name
    source.write_text(text or article(), "utf-8", newline="")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "--out", str(out), *args])
    return result, out


def assert_not_injected(raw: bytes) -> None:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert_headers_single_line(message, raw)
    assert "bcc" not in {name.lower() for name in message}
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc:") for line in head.splitlines())


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_line_breaks_in_the_subject_option_stay_on_one_line(tmp_path: Path, name: str) -> None:
    result, out = build(tmp_path, "--subject", f"Weekly news{BREAKS[name]}{INJECTED}")
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_not_injected(outputs.eml_bytes)
    assert "victim@evil.example" in str(outputs.eml["Subject"])  # kept as words, not a header


@pytest.mark.parametrize("name", ["crlf", "lf", "cr", "nel", "line-separator"])
def test_line_breaks_in_the_from_option_are_refused(tmp_path: Path, name: str) -> None:
    result, out = build(tmp_path, "--from", f"News{BREAKS[name]}{INJECTED} <news@example.com>")
    assert result.exit_code == 4, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("html-entities", "Ferry&#13;&#10;Bcc: victim@evil.example timetable approved"),
        ("html-nel", "Ferry&#133;Bcc: victim@evil.example timetable approved"),
        ("html-u2028", "Ferry&#x2028;Bcc: victim@evil.example timetable approved"),
        ("very-long", "Ferry timetable " + "approved again and again " * 60),
        ("encoded-word", "=?utf-8?q?Ferry=0D=0ABcc:_victim@evil.example?= timetable"),
        ("non-ascii", "Fähre: Fahrplan genehmigt — 渡轮时刻表获批 " * 3),
    ],
)
def test_hostile_titles_make_one_subject_header(tmp_path: Path, kind: str, title: str) -> None:
    page = (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{BEFORE}</p><p>{AFTER}</p>"
        + "".join(f"<p>{p}</p>" for p in FILLER.split("\n\n"))
        + "</article></body></html>"
    )
    result, out = build(tmp_path, text=page, name="article.html")
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_not_injected(outputs.eml_bytes)
    assert_kept(outputs, BEFORE, AFTER)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour&#13;&#10;Bcc: victim@evil.example News</title>
<link>https://news.example.org/</link><description>d</description>
<item>
  <title>Ferry &lt;script&gt;alert(1)&lt;/script&gt; timetable&#13;&#10;Bcc: victim@evil.example</title>
  <link>javascript:alert(1)</link>
  <dc:creator>Jane&#13;&#10;Bcc: victim@evil.example &lt;img src=x onerror=alert(1)&gt;</dc:creator>
  <pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>{before}</p><script>alert(1)</script>
    <p onclick="alert(1)">{after}</p><iframe src="javascript:alert(1)"></iframe>
    <p>{filler1}</p><p>{filler2}</p><img src="https://evil.example/pixel.gif">
    <a href="javascript:alert(1)">a link</a><form action="https://evil.example/"></form>]]>
  </content:encoded>
</item>
</channel></rss>
"""


def test_hostile_feed_fields_are_text_and_one_line(tmp_path: Path) -> None:
    filler1, filler2 = FILLER.split("\n\n")
    feed = FEED.format(before=BEFORE, after=AFTER, filler1=filler1, filler2=filler2)
    result, out = build(tmp_path, text=feed, name="feed.xml")
    assert result.exit_code == 0, result.output
    outputs = read_outputs(out)
    assert_invariants(outputs)
    assert_not_injected(outputs.eml_bytes)
    assert_kept(outputs, BEFORE, AFTER)
    story = outputs.digest["articles"][0]
    assert story["source_url"] is None  # the javascript: link is dropped, not linked
    # RSS titles are HTML to feedparser: the script element goes, the words stay
    assert story["title"].startswith("Ferry") and "timetable" in story["title"]
    assert "evil.example/pixel" not in outputs.html


@pytest.mark.parametrize("name", ["crlf", "lf", "cr", "nel", "line-separator", "nul"])
def test_recipient_addresses_with_line_breaks_are_refused(name: str) -> None:
    with pytest.raises(ConfigError):
        validate_address(f"reader@example.com{BREAKS[name]}{INJECTED}")
    with pytest.raises(ConfigError):
        validate_address(f"Reader{BREAKS[name]}{INJECTED} <reader@example.com>")


def test_hostile_recipient_fields_stay_text_and_single_line(tmp_path: Path) -> None:
    """Each recipient's copy (made by ``send``) is checked like the built message."""
    result, out = build(tmp_path, "--subject", "News for =?utf-8?q?a=0D=0ABcc:_x@evil.example?=")
    assert result.exit_code == 0, result.output
    csv = tmp_path / "recipients.csv"
    csv.write_text(
        "email,name,city\n"
        '"reader@example.com","Eve\r\nBcc: victim@evil.example <script>alert(1)</script>",'
        '"<img src=x onerror=alert(1)>\r\nBcc: b@evil.example"\n',
        "utf-8",
        newline="",
    )
    recipients = load_csv(csv)
    assert len(recipients.recipients) == 1
    recipient = recipients.recipients[0]
    draft = load_draft(out)
    for person in (recipient, Recipient("reader@example.com", "Eve\u2028Bcc: x@evil.example")):
        raw = draft.message_for(
            person,
            sender="News <news@example.com>",
            unsubscribe="https://example.com/unsubscribe?u={{ recipient.email }}",
            message_id="<1@example.com>",
        )
        assert_not_injected(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert_no_active_content(message.get_body(preferencelist=("html",)).get_content())
        assert "Eve" in str(message["To"]) and "reader@example.com" in str(message["To"])
