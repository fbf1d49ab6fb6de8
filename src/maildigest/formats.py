"""Text renderings of an ``Article`` for ``maildigest clean --format``."""

from __future__ import annotations

import json

from maildigest.models import Article


def article_as(article: Article, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return _markdown(article)
    return _text(article)


def _meta_line(article: Article) -> str:
    return " · ".join(
        part
        for part in (
            article.date.isoformat() if article.date else "",
            f"By {article.author}" if article.author else "",
            article.source_url or "",
        )
        if part
    )


def _text(article: Article) -> str:
    head = [article.title]
    if meta := _meta_line(article):
        head.append(meta)
    return "\n".join(head) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"


def _markdown(article: Article) -> str:
    lines = [f"# {_escape(article.title)}", ""]
    meta = [
        article.date.isoformat() if article.date else "",
        f"By {_escape(article.author)}" if article.author else "",
    ]
    if any(meta):
        lines += ["*" + " · ".join(m for m in meta if m) + "*", ""]
    if article.source_url:
        lines += [f"<{article.source_url}>", ""]
    lines += [f"{_escape(p)}\n" for p in article.paragraphs]
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Keep article text literal in Markdown (no accidental emphasis, links or HTML)."""
    return "".join("\\" + c if c in "\\`*_[]<>#" else c for c in text)
