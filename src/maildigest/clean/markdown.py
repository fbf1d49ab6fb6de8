"""Markdown: front matter gives metadata; markdown-it renders the body, and the
rendered blocks become plain paragraphs (links keep their text)."""

from __future__ import annotations

import re

from maildigest.clean.dates import parse_date
from maildigest.clean.header import Header

_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$", re.M)


def markdown_to_text(source: str) -> tuple[str, Header]:
    header = Header()
    match = _FRONT_MATTER.match(source)
    if match:
        fields = {
            m["key"].lower(): m["value"].strip().strip("'\"")
            for m in _FIELD.finditer(match["body"])
        }
        header = Header(
            title=fields.get("title") or None,
            date=parse_date(fields.get("date") or fields.get("published")),
            author=fields.get("author") or None,
            url=fields.get("url") or fields.get("link") or None,
        )
        source = source[match.end() :]
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("js-default").parse(source)
    blocks: list[str] = []
    for token in tokens:
        if token.type == "inline":
            text = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            if text.strip():
                blocks.append(text.strip())
    return "\n\n".join(blocks), header
