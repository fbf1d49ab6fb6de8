"""The render stage: stories -> email HTML (Jinja2 + MJML + inlined CSS) and
the plain-text alternative, kept under the size budget.

All data the templates show is prepared here (``email_view``); templates only
lay it out. When full articles would push the HTML past the budget, stories
degrade from the last one up to title + bullets + "read more" link, and a
notice says so: never silently over budget.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from maildigest.config import Settings
from maildigest.errors import ConfigError, RenderError
from maildigest.models import Newsletter, Story
from maildigest.templates import HTML_TEMPLATE, TEXT_TEMPLATE, render_template
from maildigest.text import shorten, single_line

FONT_STACK = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
)
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv"})
TOC_MIN_STORIES = 4
PREHEADER_LENGTH = 140
# Invisible characters after the preheader keep body text out of the inbox preview.
PREHEADER_PADDING = "&#847;&zwnj;&nbsp;" * 90
DARK = {
    "background": "#111827",
    "card": "#1f2937",
    "text": "#e5e7eb",
    "heading": "#f9fafb",
    "muted": "#9ca3af",
    "link": "#93c5fd",
}


def render_newsletter(stories: Sequence[Story], settings: Settings) -> Newsletter:
    """Render every story, degrading from the end until the HTML fits the budget."""
    stories = list(stories)
    if not stories:
        raise RenderError("nothing to render: no articles")
    notices: list[str] = []
    html = _render_html(stories, settings)
    degraded = 0
    while _size(html) > settings.size_budget and degraded < len(stories):
        index = len(stories) - 1 - degraded
        if stories[index].full_text:
            stories[index] = dataclasses.replace(stories[index], full_text=False)
            html = _render_html(stories, settings)
        degraded += 1
    if degraded:
        notices.append(
            f"size budget: {degraded} of {len(stories)} article(s) shortened to title, bullets "
            f"and link to keep the HTML at {_size(html):,} bytes (budget {settings.size_budget:,})"
        )
    if _size(html) > settings.size_budget:
        raise RenderError(
            f"the newsletter is {_size(html):,} bytes even with every article shortened; "
            f"budget is {settings.size_budget:,} (raise size_budget or build fewer articles)"
        )
    view = email_view(stories, settings)
    text = render_template(TEXT_TEMPLATE, settings.template_dir, email=view)
    return Newsletter(
        subject=view["subject"],
        preheader=view["preheader"],
        stories=tuple(stories),
        html=html,
        text=text,
        notices=tuple(notices),
    )


def _size(html: str) -> int:
    return len(html.encode("utf-8"))


def _render_html(stories: Sequence[Story], settings: Settings) -> str:
    import mjml
    from markupsafe import Markup

    from maildigest.inline import inline_css

    view = email_view(stories, settings)
    view["preheader_padding"] = Markup(PREHEADER_PADDING)
    source = render_template(
        HTML_TEMPLATE,
        settings.template_dir,
        email=view,
        colors=_colors(settings),
        dark=DARK,
        fonts=FONT_STACK,
    )
    try:
        html = mjml.mjml2html(source, disable_comments=True, fonts={})
    except Exception as exc:  # mjml raises a bare exception type from Rust
        raise RenderError(f"MJML could not render the template: {single_line(str(exc))}") from None
    return inline_css(html)


def _colors(settings: Settings) -> dict[str, str]:
    return {
        "brand": settings.brand_color,
        "brand_text": "#ffffff",
        "text": settings.text_color,
        "heading": "#111827",
        "muted": "#4b5563",
        "link": settings.brand_color,
        "background": settings.background_color,
        "card": "#ffffff",
        "rule": "#e5e7eb",
    }


def email_view(stories: Sequence[Story], settings: Settings) -> dict[str, Any]:
    """Everything the templates may show, as plain data (see the README's templates guide)."""
    language = stories[0].article.language or "en"
    links: list[str] = []
    story_views = []
    for number, story in enumerate(stories, start=1):
        article = story.article
        link_number = None
        if article.source_url:
            links.append(article.source_url)
            link_number = len(links)
        story_views.append(
            {
                "number": number,
                "title": article.title,
                "heading": f"{article.title} [{link_number}]" if link_number else article.title,
                "date": article.date.isoformat() if article.date else None,
                "byline": _byline(article.date, article.author, article.site),
                "author": article.author,
                "source_url": article.source_url,
                "link_number": link_number,
                "bullets": story.summary.texts,
                "paragraphs": list(article.paragraphs)
                if story.full_text and settings.full_text
                else [],
                "full_text": story.full_text and settings.full_text,
                "read_more_label": "Read the full article" if story.full_text else "Read more",
            }
        )
    first = stories[0]
    return {
        "lang": language,
        "dir": "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr",
        "subject": subject_for(stories, settings),
        "preheader": single_line(
            settings.preheader
            or shorten(
                first.summary.texts[0] if first.summary.bullets else first.article.title,
                PREHEADER_LENGTH,
            )
        ),
        "brand": {"name": settings.brand_name, "logo_url": settings.logo_url},
        "toc": len(stories) >= TOC_MIN_STORIES,
        "stories": story_views,
        "links": links,
        "footer": {
            "sender": _display_name(settings.sender),
            "address": settings.footer_address,
            "unsubscribe_url": unsubscribe_url(settings),
        },
    }


def subject_for(stories: Sequence[Story], settings: Settings) -> str:
    first = stories[0].article
    fields = {
        "title": first.title,
        "date": (first.date or dt.date.today()).isoformat(),
        "brand": settings.brand_name,
        "count": len(stories),
        "titles": "; ".join(s.article.title for s in stories),
    }
    pattern = settings.subject if len(stories) == 1 else settings.digest_subject
    try:
        return single_line(pattern.format_map(fields))
    except (KeyError, ValueError, IndexError) as exc:
        raise ConfigError(
            f"subject pattern {pattern!r} is invalid ({exc}); use {{title}}, {{date}}, {{brand}}, {{count}}, {{titles}}"
        ) from None


def unsubscribe_url(settings: Settings) -> str:
    """The configured unsubscribe URL, or a mailto to the sender asking to unsubscribe."""
    if settings.unsubscribe_url:
        return settings.unsubscribe_url
    from email.utils import parseaddr

    address = parseaddr(settings.sender)[1] or "digest@example.com"
    return f"mailto:{address}?subject=unsubscribe"


def _display_name(sender: str) -> str:
    from email.utils import parseaddr

    name, address = parseaddr(sender)
    return single_line(name or address or sender)


def _byline(date: dt.date | None, author: str | None, site: str | None) -> str:
    parts = []
    if date:
        parts.append(f"{date.day} {date:%B %Y}")
    if author:
        parts.append(f"By {author}")
    if site:
        parts.append(site)
    return " · ".join(parts)
