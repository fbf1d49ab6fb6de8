"""What an issue carries besides its stories: its date and number, the editor's
note that opens it, and the address of its web version.

Read once per build from the settings, so the email, the text part, the web
page and the archive all show the same issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from maildigest.config import Settings, date_setting
from maildigest.errors import ConfigError, InputError

MAX_NOTE_BYTES = 64 * 1024
"""An editor's note is a few paragraphs; more is a wrong file, and it would eat the clip budget."""


@dataclass(frozen=True)
class Issue:
    date: dt.date
    number: int | None
    note_markdown: str
    """The editor's note as written (the plain-text part shows it so)."""
    note_html: str
    """The note rendered to HTML: links limited to http, https and mailto, no raw HTML or images."""
    web_url: str | None

    @property
    def slug(self) -> str:
        """The issue's name in an archive: its number when it has one, else its date."""
        return slug_for(self.date, self.number)


def slug_for(date: dt.date, number: int | None) -> str:
    return f"issue-{number}" if number else date.isoformat()


def issue_of(settings: Settings, *, today: dt.date | None = None) -> Issue:
    """The issue described by ``settings``; ``ConfigError`` for a bad date, number, note or URL."""
    if settings.issue_number < 0:
        raise ConfigError(f"issue_number must be 0 (none) or more, not {settings.issue_number}")
    date = date_setting("issue_date", settings.issue_date, "2026-12-03") or today or dt.date.today()
    note = _note_source(settings)
    number = settings.issue_number or None
    return Issue(
        date=date,
        number=number,
        note_markdown=note,
        note_html=note_to_html(note) if note else "",
        web_url=_web_url(settings, date, number),
    )


def _note_source(settings: Settings) -> str:
    if not settings.editor_note_file:
        return settings.editor_note.strip()
    path = Path(settings.editor_note_file).expanduser()
    from maildigest.ingest import decode, read_bytes

    try:
        data = read_bytes(path, limit=MAX_NOTE_BYTES)
    except InputError as exc:
        raise ConfigError(f"editor's note: {exc}") from None
    return decode(data, str(path)).strip()


def note_to_html(markdown: str) -> str:
    """The editor's Markdown as HTML: raw HTML is shown as text, images are left out,
    and a link whose target is not http, https or mailto stays plain text."""
    from markdown_it import MarkdownIt

    from maildigest.sanitize import safe_url

    parser = MarkdownIt("commonmark", {"html": False}).disable("image")
    parser.validateLink = lambda url: safe_url(url) is not None
    return parser.render(markdown)


def _web_url(settings: Settings, date: dt.date, number: int | None) -> str | None:
    pattern = settings.web_url.strip()
    if not pattern and settings.archive_url.strip():
        pattern = f"{archive_base(settings)}{slug_for(date, number)}.html"
    if not pattern:
        return None
    try:
        url = pattern.format_map({"number": number or "", "date": date.isoformat()})
    except (KeyError, ValueError, IndexError) as exc:
        raise ConfigError(
            f"web_url {pattern!r} is invalid ({exc}); use {{number}} and {{date}}"
        ) from None
    return _web_address("web_url", url)


def archive_base(settings: Settings) -> str:
    """``archive_url`` ending in ``/`` (checked), or empty when it is not set."""
    base = settings.archive_url.strip()
    if not base:
        return ""
    safe = _web_address("archive_url", base)
    return safe if safe.endswith("/") else safe + "/"


def _web_address(key: str, url: str) -> str:
    """``url`` when it is an absolute http(s) address a reader may follow, else ``ConfigError``."""
    from maildigest.sanitize import safe_url

    safe = safe_url(url)
    if safe is None or not safe.startswith(("https://", "http://")):
        raise ConfigError(f"{key} must be an absolute http(s) URL, not {url!r}")
    return safe
