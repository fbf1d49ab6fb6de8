"""A static archive of past issues (``build --archive DIR``): one web page per
issue, ``index.html`` listing every issue newest first, and an Atom ``feed.xml``.

``issues.json`` in the folder is the archive's own record, one entry per issue
(keyed by its number, else its date): adding an issue that is already there
replaces it, and the index and feed are written again from the record, so
building the same issue twice never lists it twice.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from maildigest.config import Settings
from maildigest.errors import InputError
from maildigest.issue import archive_base, issue_of
from maildigest.models import Newsletter

RECORD = "issues.json"
INDEX = "index.html"
FEED = "feed.xml"
ARCHIVE_TEMPLATE = "archive.html.j2"
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 50
"""Issues in feed.xml (the index lists them all): feed readers only need the recent ones."""


def archive_files(
    folder: Path, newsletter: Newsletter, settings: Settings, *, now: dt.datetime | None = None
) -> dict[str, bytes]:
    """The files to write into the archive ``folder`` to add ``newsletter`` to it."""
    issue = issue_of(settings)
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    issues = {entry["slug"]: entry for entry in read_record(folder)}
    issues[issue.slug] = {
        "slug": issue.slug,
        "page": f"{issue.slug}.html",
        "title": newsletter.subject,
        "description": newsletter.preheader,
        "date": issue.date.isoformat(),
        "number": issue.number,
        "stories": len(newsletter.stories),
        "updated": stamp,
    }
    ordered = sorted(
        issues.values(), key=lambda e: (e["date"], e["number"] or 0, e["slug"]), reverse=True
    )
    record = json.dumps({"issues": ordered}, ensure_ascii=False, indent=2) + "\n"
    return {
        f"{issue.slug}.html": newsletter.web.encode("utf-8"),
        INDEX: _index_page(ordered, settings).encode("utf-8"),
        FEED: _atom_feed(ordered[:FEED_ENTRIES], settings),
        RECORD: record.encode("utf-8"),
    }


def write_archive(folder: Path, files: dict[str, bytes]) -> dict[str, Path]:
    """Write ``archive_files``' result, each file atomically, the record last: a build
    stopped half-way leaves at worst an issue page the record does not list yet, and
    the next build writes the index and feed again from the record."""
    from maildigest.outputs import write_atomic

    written = {}
    for name in sorted(files, key=lambda name: name == RECORD):
        write_atomic(folder / name, files[name])
        written[name] = folder / name
    return written


def read_record(folder: Path) -> list[dict[str, Any]]:
    """The issues already in the archive (none for a new folder)."""
    path = folder / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        issues = data["issues"]
        if not all(isinstance(e, dict) and isinstance(e.get("slug"), str) for e in issues):
            raise TypeError("an entry without a slug")
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path} is not a maildigest archive record ({exc})") from None
    return issues


def _index_page(issues: list[dict[str, Any]], settings: Settings) -> str:
    from maildigest.render import DARK, colors, stylesheet_fonts
    from maildigest.templates import render_template

    return render_template(
        ARCHIVE_TEMPLATE,
        settings.template_dir,
        archive={"title": settings.brand_name, "issues": issues, "feed": FEED},
        colors=colors(settings),
        dark=DARK,
        fonts=stylesheet_fonts(),
    )


def _atom_feed(issues: list[dict[str, Any]], settings: Settings) -> bytes:
    """Atom 1.0 (RFC 4287). Links are absolute with ``archive_url``, else relative to
    the feed's own address, which feed readers resolve."""
    from maildigest.render import display_name

    base = archive_base(settings)
    ElementTree.register_namespace("", ATOM)

    def child(parent: ElementTree.Element, tag: str, text: str = "", **attrs: str) -> None:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text or None

    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    child(feed, "title", settings.brand_name)
    child(feed, "id", base + FEED if base else _urn(settings, FEED))
    child(feed, "updated", max(e["updated"] for e in issues))
    child(feed, "link", rel="alternate", type="text/html", href=base + INDEX)
    if base:
        child(feed, "link", rel="self", type="application/atom+xml", href=base + FEED)
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    child(author, "name", display_name(settings.sender))
    for entry in issues:
        item = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        child(item, "title", entry["title"])
        child(item, "id", base + entry["page"] if base else _urn(settings, entry["slug"]))
        child(item, "link", rel="alternate", type="text/html", href=base + entry["page"])
        child(item, "published", f"{entry['date']}T00:00:00+00:00")
        child(item, "updated", entry["updated"])
        child(item, "summary", entry["description"])
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _urn(settings: Settings, name: str) -> str:
    """A stable id without a public address: the same brand and issue give the same id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"maildigest:{settings.brand_name}:{name}").urn
