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
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from maildigest.config import Settings
from maildigest.errors import ConfigError, RenderError
from maildigest.issue import Issue, archive_base, issue_of
from maildigest.models import (
    Article,
    Block,
    Figure,
    Heading,
    Image,
    ListBlock,
    Newsletter,
    Run,
    Story,
)
from maildigest.sanitize import safe_image
from maildigest.templates import HTML_TEMPLATE, TEXT_TEMPLATE, WEB_TEMPLATE, render_template
from maildigest.text import inert, shorten, single_line

FONT_STACK = (
    "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
)
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
DEFAULT_LANGUAGE = "en"
TOC_MIN_STORIES = 4
PREHEADER_LENGTH = 140
# Invisible characters after the preheader keep body text out of the inbox preview.
PREHEADER_PADDING = "&#847;&zwnj;&nbsp;" * 90
CONTENT_WIDTH = 552
"""Pixels of a story's column: the 600 px email less the card's 24 px padding each side."""
MIN_CONTRAST = 4.5
"""WCAG AA for body text."""
PARAGRAPH_MARKUP_BYTES = 80
"""Rough inlined markup around one paragraph: only used to guess, every guess is measured."""
IMAGE_MARKUP_BYTES = 320
"""Rough inlined markup of one lead image, for the same guesses."""
LINK_MARKUP_BYTES = 90
"""Rough inlined markup around one link or figure in the text (its URL not counted)."""
DARK = {
    "background": "#111827",
    "card": "#1f2937",
    "text": "#e5e7eb",
    "heading": "#f9fafb",
    "muted": "#9ca3af",
    "link": "#93c5fd",
    "rule": "#374151",
    "panel": "#273449",
}


def render_newsletter(stories: Sequence[Story], settings: Settings) -> Newsletter:
    """Render every story, shortening the fewest last stories that bring the HTML under budget."""
    given = list(stories)
    if not given:
        raise RenderError("nothing to render: no articles")
    issue = issue_of(settings)
    settings = _for_layout(len(given), settings)
    stories, html = _fit_budget(given, settings, issue)
    view = email_view(stories, settings, issue)
    notices = [f"warning: {warning}" for warning in contrast_warnings(settings)]
    if view["shortened"]:
        notices.append(
            f"size budget: {view['shortened']} of {len(stories)} article(s) shortened to title, "
            f"bullets and link to keep the HTML at {_size(html):,} bytes "
            f"(budget {settings.size_budget:,})"
        )
    dropped = sum(
        1 for a, b in zip(given, stories, strict=True) if a.article.image != b.article.image
    )
    if dropped:
        notices.append(
            f"size budget: the lead images of the last {dropped} of {len(stories)} stories left out "
            f"to keep the HTML at {_size(html):,} bytes (budget {settings.size_budget:,})"
        )
    text = render_template(TEXT_TEMPLATE, settings.template_dir, email=view)
    base = archive_base(settings)
    # the web page has no clip limit: it shows every story as given
    web = web_page(given, settings, issue, archive_index=f"{base}index.html" if base else None)
    return Newsletter(
        subject=view["subject"],
        preheader=view["preheader"],
        stories=tuple(stories),
        html=html,
        text=text,
        notices=tuple(notices),
        web=web,
    )


def web_page(
    stories: Sequence[Story], settings: Settings, issue: Issue, *, archive_index: str | None
) -> str:
    """The issue as a standalone web page; ``archive_index`` links to the list of issues."""
    view = email_view(stories, _for_layout(len(stories), settings), issue)
    view["archive_index"] = archive_index
    return render_template(
        WEB_TEMPLATE, settings.template_dir, email=view, colors=colors(settings), dark=DARK,
        fonts=stylesheet_fonts(),
    )  # fmt: skip


def stylesheet_fonts() -> Markup:
    """The font stack for a <style> sheet: its quotes must not become ``&#39;`` there."""
    return Markup(FONT_STACK)


def _for_layout(count: int, settings: Settings) -> Settings:
    """The digest layout is the full-text setting turned off: every story a card."""
    return (
        dataclasses.replace(settings, full_text=False) if is_digest(count, settings) else settings
    )


def is_digest(count: int, settings: Settings) -> bool:
    """Whether ``count`` stories take the digest layout (cards without full text)."""
    if settings.digest_from < 0:
        raise ConfigError(f"digest_from must be 0 (never) or more, not {settings.digest_from}")
    return 0 < settings.digest_from <= count


def _fit_budget(stories: list[Story], settings: Settings, issue: Issue) -> tuple[list[Story], str]:
    """The stories (the last ones shortened as needed) and their HTML, within the budget.

    Shortening goes in steps, last story first: full texts become key points
    and a link, then (when every text is gone and it is still too big, as a
    digest of many stories can be) lead images are left out. Size only
    shrinks with each step, so the fewest steps that fit are found by search,
    not by one render per step: the first probe is interpolated from each
    step's expected saving, the next ones halve the remaining range. A
    40-story digest takes about four renders.
    """
    budget = settings.size_budget
    # A story whose text alone is over the budget can never show in full: shorten it
    # before any render (megabytes of HTML are slow to inline, and libxml2 cuts text
    # nodes over 10 MB, which would lose the footer).
    stories = [
        dataclasses.replace(s, full_text=False)
        if _shows_full_text(s, settings) and _text_bytes(s, settings) > budget
        else s
        for s in stories
    ]
    # the shortening steps, last story first: (story, what goes, bytes it should save)
    last_first = list(reversed(range(len(stories))))
    order = [
        *((i, "text", _text_bytes(stories[i], settings)) for i in last_first if _shows_full_text(stories[i], settings)),
        *((i, "image", IMAGE_MARKUP_BYTES) for i in last_first if _shows_image(stories[i], settings)),
    ]  # fmt: skip
    weights = [saving for _index, _what, saving in order]
    renders: dict[int, tuple[list[Story], str]] = {}

    def rendered(count: int) -> tuple[list[Story], str]:
        if count not in renders:
            shortened = list(stories)
            for index, what, _saving in order[:count]:
                shortened[index] = _without(shortened[index], what)
            renders[count] = (shortened, _render_html(shortened, settings, issue))
        return renders[count]

    if _size(rendered(0)[1]) <= budget:
        return rendered(0)
    if not order or _size(rendered(len(order))[1]) > budget:
        raise RenderError(
            f"the newsletter is {_size(rendered(len(order))[1]):,} bytes even with every article "
            f"shortened; budget is {budget:,} (raise size_budget or build fewer articles)"
        )
    count = fewest_that_fit(
        len(order), lambda k: _size(rendered(k)[1]), budget, _cumulative(weights)
    )
    return rendered(count)


def _without(story: Story, what: str) -> Story:
    if what == "text":
        return dataclasses.replace(story, full_text=False)
    return dataclasses.replace(story, article=dataclasses.replace(story.article, image=None))


def fewest_that_fit(
    n: int, size_of: Callable[[int], int], budget: int, cumulative: Sequence[float]
) -> int:
    """Smallest k in 1..n with ``size_of(k) <= budget``, given size_of(0) > budget >= size_of(n).

    ``size_of`` must not grow with k; ``cumulative[k]`` is the expected saving
    of shortening k stories. A guess interpolated from it is tried with its
    neighbour (a good guess ends the search there); when guessing stops
    halving the range, bisection takes over, so probes stay O(log n).
    """
    bounds = {"low": 0, "high": n}
    sizes = {"low": size_of(0), "high": size_of(n)}

    def probe(k: int) -> None:
        size = size_of(k)
        side = "high" if size <= budget else "low"
        bounds[side], sizes[side] = k, size

    guess = True
    while bounds["high"] - bounds["low"] > 1:
        low, high = bounds["low"], bounds["high"]
        if guess:
            k = _interpolated(low, high, sizes["low"], sizes["high"], budget, cumulative)
            probe(k)
            if bounds["high"] - bounds["low"] > 1:
                probe(k - 1 if bounds["high"] == k else k + 1)
        else:
            probe((low + high) // 2)
        guess = (bounds["high"] - bounds["low"]) * 2 <= high - low
    return bounds["high"]


def _interpolated(
    low: int, high: int, size_low: int, size_high: int, budget: int, cumulative: Sequence[float]
) -> int:
    span = cumulative[high] - cumulative[low]
    if span <= 0 or size_low <= size_high:
        return (low + high) // 2
    needed = (size_low - budget) / (size_low - size_high) * span + cumulative[low]
    probe = next((k for k in range(low + 1, high) if cumulative[k] >= needed), high - 1)
    return min(max(probe, low + 1), high - 1)


def _cumulative(weights: Sequence[int]) -> list[float]:
    total = [0.0]
    for weight in weights:
        total.append(total[-1] + weight)
    return total


def _shows_full_text(story: Story, settings: Settings) -> bool:
    return settings.full_text and story.full_text and bool(story.article.paragraphs)


def _text_bytes(story: Story, settings: Settings) -> int:
    urls = [
        run.href or ""
        for block in story.article.body_blocks()
        for runs in _block_runs(block)
        for run in runs
        if run.href
    ]
    if settings.images == "all":
        urls += [b.image.src for b in story.article.body_blocks() if isinstance(b, Figure)]
    return sum(
        len(p.encode("utf-8")) + PARAGRAPH_MARKUP_BYTES for p in story.article.paragraphs
    ) + sum(len(url) + LINK_MARKUP_BYTES for url in urls)


def _block_runs(block: Block) -> tuple[tuple[Run, ...], ...]:
    if isinstance(block, ListBlock):
        return block.items
    return () if isinstance(block, Figure) else (block.runs,)


def _size(html: str) -> int:
    return len(html.encode("utf-8"))


def _render_html(stories: Sequence[Story], settings: Settings, issue: Issue) -> str:
    import mjml

    from maildigest.inline import inline_css

    view = email_view(stories, settings, issue)
    view["preheader_padding"] = Markup(PREHEADER_PADDING)
    source = render_template(
        HTML_TEMPLATE,
        settings.template_dir,
        email=view,
        colors=colors(settings),
        dark=DARK,
        fonts=FONT_STACK,
    )
    try:
        # fonts={}: no Google Fonts @import (MJML adds one by default)
        html = mjml.mjml2html(source, disable_comments=True, fonts={})
    except Exception as exc:  # mjml raises a bare exception type from Rust
        raise RenderError(f"MJML could not render the template: {single_line(str(exc))}") from None
    return inline_css(html, inliner=settings.inliner)


def colors(settings: Settings) -> dict[str, str]:
    """The light scheme's colours (``DARK`` holds the dark scheme's)."""
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
        "panel": "#f1f5f9",
    }


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two ``#rgb`` / ``#rrggbb`` colours (1.0 to 21.0)."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(color: str) -> float:
    value = color.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise ValueError(f"not a hex colour: {color!r}")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_warnings(settings: Settings) -> list[str]:
    """Configured colours that make text hard to read (named colours are not judged)."""
    palette = colors(settings)
    pairs = (  # (setting, its value, foreground, background, what it is read against)
        ("text_color", settings.text_color, palette["text"], palette["card"], "the white card"),
        ("brand_color", settings.brand_color, palette["link"], palette["card"], "links on the white card"),
        ("brand_color", settings.brand_color, palette["brand_text"], palette["brand"], "white header text"),
    )  # fmt: skip
    warnings = []
    for key, value, foreground, background, against in pairs:
        try:
            ratio = contrast_ratio(foreground, background)
        except ValueError:
            continue
        if ratio < MIN_CONTRAST:
            warnings.append(
                f"{key} {value} has contrast {ratio:.1f}:1 with {against}; "
                f"{MIN_CONTRAST}:1 is the minimum for readable text"
            )
    return warnings


def email_view(
    stories: Sequence[Story], settings: Settings, issue: Issue | None = None
) -> dict[str, Any]:
    """Everything the templates may show, as plain data (see docs/guides/templates.md)."""
    issue = issue or issue_of(settings)
    language = _main_language(stories)
    rtl = _is_rtl(language)
    links = Footnotes()
    story_views = []
    for number, story in enumerate(stories, start=1):
        article = story.article
        link_number = links.number(article.source_url) if article.source_url else None
        own_language = _language(article.language)
        full = _shows_full_text(story, settings)
        story_views.append(
            {
                "number": number,
                "anchor": f"story-{number}",
                "title": inert(article.title),
                "heading": f"{inert(article.title)} [{link_number}]"
                if link_number
                else inert(article.title),
                "date": article.date.isoformat() if article.date else None,
                "byline": _byline(article.date, inert(article.author) if article.author else None),
                "author": inert(article.author) if article.author else None,
                "source_url": article.source_url,
                "source_label": inert(label)
                if (label := _source_label(article.site, article.source_url))
                else None,
                "link_number": link_number,
                "lang": own_language if own_language != language else None,
                "language": _primary(own_language),
                "dir": "rtl" if _is_rtl(own_language) else "ltr",
                "bullets": [inert(text) for text in story.summary.texts],
                "paragraphs": [inert(p) for p in article.paragraphs] if full else [],
                "image": _image_view(article.image, article.title)
                if settings.images != "none"
                else None,
                "blocks": body_view(article, settings.images, links) if full else [],
                "full_text": full,
                "shortened": not full and settings.full_text and bool(article.paragraphs),
            }
        )
    shortened = sum(1 for view in story_views if view["shortened"])
    first = stories[0]
    return {
        "lang": language,
        "language": _primary(language),
        "dir": "rtl" if rtl else "ltr",
        "align": "right" if rtl else "left",
        "start": "right" if rtl else "left",
        "subject": subject_for(stories, settings),
        "preheader": single_line(
            settings.preheader
            or inert(
                shorten(
                    first.summary.texts[0] if first.summary.bullets else first.article.title,
                    PREHEADER_LENGTH,
                )
            )
        ),
        "brand": {"name": settings.brand_name, "logo_url": settings.logo_url},
        "issue": {
            "date": _long_date(issue.date),
            "iso_date": issue.date.isoformat(),
            "number": issue.number,
            "note_html": Markup(issue.note_html) if issue.note_html else None,
            "note_lines": issue.note_markdown.splitlines(),
            "web_url": issue.web_url,
        },
        "digest": is_digest(len(stories), settings),
        "lead_image": next((view["image"] for view in story_views if view["image"]), None),
        "toc": len(stories) >= TOC_MIN_STORIES,
        "stories": story_views,
        "shortened": shortened,
        "notice": _shortened_notice(shortened, len(stories)),
        "links": links.urls,
        "footer": {
            "sender": display_name(settings.sender),
            "address": settings.footer_address,
            "unsubscribe_url": unsubscribe_url(settings),
        },
    }


class Footnotes:
    """The plain-text part's numbered links: each URL gets one number, in order of use."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self._numbers: dict[str, int] = {}

    def number(self, url: str) -> int:
        if url not in self._numbers:
            self.urls.append(url)
            self._numbers[url] = len(self.urls)
        return self._numbers[url]


def body_view(article: Article, images: str, links: Footnotes) -> list[dict[str, Any]]:
    """The article's full text for the body partials: each block's kind, its runs
    (text, link, emphasis) for the HTML, and its text with ``[n]`` link footnotes
    for the plain-text part. Figures show with ``images = "all"``, except the one
    already shown as the lead image."""
    lead = article.image.src if article.image else None
    views: list[dict[str, Any]] = []
    for block in article.body_blocks():
        if isinstance(block, Figure):
            if images == "all" and block.image.src != lead:
                alt = block.image.alt or block.image.caption or article.title
                image = dataclasses.replace(block.image, alt=alt)
                views.append({"kind": "figure", "image": _image_view(image, article.title)})
            continue
        runs = [_runs_view(item, links) for item in _block_runs(block)]
        view: dict[str, Any] = {
            "kind": block.kind,
            "runs": runs[0] if len(runs) == 1 and not isinstance(block, ListBlock) else [],
            "list_items": runs if isinstance(block, ListBlock) else [],
            "ordered": isinstance(block, ListBlock) and block.ordered,
            "start": block.start if isinstance(block, ListBlock) else 1,
            "tag": ("h3" if block.level <= 2 else "h4") if isinstance(block, Heading) else "p",
        }
        view["text"] = _footnoted(view["runs"])
        view["item_texts"] = [_footnoted(item) for item in view["list_items"]]
        views.append(view)
    return views


def _runs_view(runs: Sequence[Run], links: Footnotes) -> list[dict[str, Any]]:
    return [
        {
            "text": inert(run.text),
            "href": run.href,
            "emphasis": run.emphasis,
            "strong": run.strong,
            "note": links.number(run.href) if run.href else None,
        }
        for run in runs
    ]


def _footnoted(runs: Sequence[dict[str, Any]]) -> str:
    """Plain text with each link's footnote number after its text: ``the report [3]``."""
    parts: list[str] = []
    for index, run in enumerate(runs):
        parts.append(run["text"])
        following = runs[index + 1]["note"] if index + 1 < len(runs) else None
        if run["note"] and following != run["note"]:
            parts.append(f" [{run['note']}]")
    return "".join(parts)


def _shortened_notice(shortened: int, total: int) -> str | None:
    if not shortened:
        return None
    which = (
        "The last story is" if shortened == 1 else f"The last {shortened} of {total} stories are"
    )
    return f"{which} shortened to key points to keep this email small; follow the links for the full text."


def _language(tag: str | None) -> str:
    """A usable BCP 47 tag for ``lang``; anything unusable or undetermined becomes English."""
    tag = (tag or "").strip()
    if not _LANGUAGE_TAG.fullmatch(tag) or tag.lower() in {"und", "zxx", "mul"}:
        return DEFAULT_LANGUAGE
    return tag


def _main_language(stories: Sequence[Story]) -> str:
    """The most common story language (ties go to the earliest story)."""
    languages = [_language(story.article.language) for story in stories]
    counts = Counter(languages)
    return max(languages, key=lambda lang: (counts[lang], -languages.index(lang)))


def _primary(language: str) -> str:
    """``pt-BR`` -> ``pt``: the key of the templates' per-language labels."""
    return language.split("-")[0].lower()


def _shows_image(story: Story, settings: Settings) -> bool:
    """Whether the story's lead image is in the email (``images = "none"`` shows none)."""
    return settings.images != "none" and _image_view(story.article.image, "") is not None


def _image_view(image: Image | None, title: str) -> dict[str, Any] | None:
    """A lead image as the templates show it, or None when it may not be shown: not
    https, or a tracking pixel. Shown at most ``CONTENT_WIDTH`` wide; the height
    keeps the picture's proportions when both sides are known."""
    if image is not None:  # an Article made by library code has not been through cleaning
        image = safe_image(image.src, image.alt, image.width, image.height, image.caption)
    if image is None:
        return None
    width = min(image.width or CONTENT_WIDTH, CONTENT_WIDTH)
    height = round(image.height * width / image.width) if image.width and image.height else None
    return {
        "src": image.src,
        "alt": inert(single_line(image.alt) or title),
        "width": width,
        "height": height,
        "caption": inert(image.caption) if image.caption else None,
    }


def _is_rtl(language: str) -> bool:
    return language.split("-")[0].lower() in RTL_LANGUAGES


def _source_label(site: str | None, url: str | None) -> str | None:
    """What the source link says: the site's name, else the URL's host."""
    if not url:
        return None
    if site:
        return site
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def subject_for(stories: Sequence[Story], settings: Settings) -> str:
    first = stories[0].article
    fields = {
        "title": inert(first.title),
        "date": (first.date or dt.date.today()).isoformat(),
        "brand": settings.brand_name,
        "count": len(stories),
        "titles": inert("; ".join(s.article.title for s in stories)),
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


def display_name(sender: str) -> str:
    from email.utils import parseaddr

    name, address = parseaddr(sender)
    return single_line(name or address or sender)


def _long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _byline(date: dt.date | None, author: str | None) -> str:
    parts = []
    if date:
        parts.append(_long_date(date))
    if author:
        parts.append(f"By {author}")
    return " · ".join(parts)
