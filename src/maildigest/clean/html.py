"""HTML pages: trafilatura finds the article, its structure and the page's metadata."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from maildigest.clean.dates import parse_date
from maildigest.clean.header import Header
from maildigest.clean.repair import repair_text
from maildigest.clean.structure import Unit, all_linked, tidy_runs, unit
from maildigest.models import Figure, Heading, Image, ListBlock, Paragraph, Quote, Run, Runs
from maildigest.sanitize import pixels, safe_image, safe_url

_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", re.I
)
_META_LANG = re.compile(
    r"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)"
    r"[^>]*?\bcontent\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)",
    re.I,
)
HEAD_SNIFF_CHARS = 8192
META_SNIFF_CHARS = 200_000
"""The lead image's declared size and alt text are looked for this far into the page."""
LARGE_PAGE_CHARS = 2_000_000
"""Above this size trafilatura runs without its fallback extractors (see extract_html)."""


def page_language(page: str) -> str | None:
    """The page's declared language (``<html lang>``, Content-Language, og:locale):
    trafilatura only reports a language when a language detector is installed."""
    head = page[:HEAD_SNIFF_CHARS]
    found = _HTML_LANG.search(head) or _META_LANG.search(head)
    return found["lang"].replace("_", "-") if found else None


def extract_html(page: str, *, url: str | None = None) -> tuple[list[Unit], Header, Image | None]:
    """The article's blocks (trafilatura's XML tree: links, formatting and
    images kept), its metadata, and the page's own lead image (og:image)."""
    import trafilatura

    from maildigest.sanitize import prepare_page
    from maildigest.unicode import shield, unshield

    large = len(page) > LARGE_PAGE_CHARS
    # trafilatura drops every non-printable character, joiners included: shielded,
    # they survive it (a Persian word, a family emoji); unshield restores them.
    prepared = prepare_page(
        shield(page)
    )  # depth capped and body sanitized: no text lost to odd markup
    extracted = trafilatura.bare_extraction(
        prepared,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=True,
        include_links=True,
        include_formatting=True,
        # trafilatura's deduplication keeps a process-wide cache: the third extraction of
        # the same page came back empty. Repeated paragraphs are dropped by clean/dedup.py.
        deduplicate=False,
        # On very large pages the fallback extractors and metadata search over the whole
        # page cost more than the main extractor itself (43 s of 60 s on a 20 MB page):
        # skip the fallbacks and read the metadata from the page's first part only.
        fast=large,
        with_metadata=not large,
    )
    if extracted is None or extracted.body is None:
        return [], Header(), None
    meta = extracted
    if large:
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(prepared[:LARGE_PAGE_CHARS], default_url=url, extensive=False)
    base = meta.url or url
    header = Header(
        title=unshield(meta.title) if meta.title else None,
        date=parse_date(meta.date),
        author=unshield(meta.author) if meta.author else None,
        url=base,
        site=unshield(meta.sitename) if meta.sitename else None,
        language=meta.language or page_language(page),
    )
    pictures = (
        _page_pictures(prepared, base) if extracted.body.find(".//graphic") is not None else {}
    )
    units = tree_units(extracted.body, base, pictures)
    return units, header, _lead_image(page, meta.image, base)


def tree_units(
    body: etree._Element, base: str | None, pictures: dict[str, _Picture] | None = None
) -> list[Unit]:
    """trafilatura's XML (``head``, ``p``, ``list``/``item``, ``quote``, ``graphic``,
    ``hi``, ``ref``, ``lb``) as units; a line break inside a paragraph ends a block,
    as it ends a line of the page."""
    units: list[Unit] = []
    loose = etree.Element("p")  # text between blocks is a paragraph of its own
    loose.text = body.text
    for element in [loose, *body]:
        _block_units(element, base, pictures or {}, units, quote=False)
        if element.tail and element.tail.strip():
            tail = etree.Element("p")
            tail.text = element.tail
            _block_units(tail, base, pictures or {}, units, quote=False)
    return [u for u in units if u.layout.text or isinstance(u.content, Figure)]


def _block_units(
    element: etree._Element,
    base: str | None,
    pictures: dict[str, _Picture],
    units: list[Unit],
    *,
    quote: bool,
) -> None:
    tag = element.tag
    if tag == "graphic":
        image = _figure(element, base, pictures)
        if image is not None:
            units.append(unit(Figure(image)))
    elif tag == "list":
        ordered = element.get("rend") == "ol"
        for item in element.iterfind("item"):
            lines, nested = _lines(item, base, skip="list")
            units += [unit(ListBlock((runs,), ordered=ordered), link=link) for runs, link in lines]
            for inner in nested:
                _block_units(inner, base, pictures, units, quote=quote)
    elif tag == "quote" and len(element) and all(child.tag == "p" for child in element):
        for child in element:
            _block_units(child, base, pictures, units, quote=True)
    else:
        lines, _ = _lines(element, base, skip="")
        rend = element.get("rend", "h2")[1:2]
        level = (int(rend) if rend.isdigit() else 2) if tag == "head" else 0
        for runs, link in lines:
            if level:
                units.append(unit(Heading(runs, level=level), link=link))
            else:
                content = Quote(runs) if quote or tag == "quote" else Paragraph(runs)
                units.append(unit(content, link=link))
        if tag != "head":
            units += [
                unit(Figure(image))
                for graphic in element.iter("graphic")
                if (image := _figure(graphic, base, pictures)) is not None
            ]


def _lines(
    element: etree._Element, base: str | None, *, skip: str
) -> tuple[list[tuple[Runs, bool]], list[etree._Element]]:
    """The element's inline runs, split at its line breaks (with whether each
    line is all link text), and the child elements named ``skip`` (nested
    lists) left for the caller."""
    lines: list[list[tuple[Run, bool]]] = [[]]
    skipped: list[etree._Element] = []

    def walk(node: etree._Element, style: tuple[str | None, bool, bool], linked: bool) -> None:
        if node.text:
            lines[-1].append((Run(repair_run(node.text), *style), linked))
        href, emphasis, strong = style
        for child in node:
            if child.tag == skip:
                skipped.append(child)
            elif child.tag == "lb":
                lines.append([])
            elif child.tag == "ref":
                target = child.get("target")
                link = safe_url(urljoin(base or "", target)) if target else None
                walk(child, (link or href, emphasis, strong), True)
            elif child.tag == "hi":
                rend = child.get("rend", "")
                walk(child, (href, emphasis or rend == "#i", strong or rend == "#b"), linked)
            else:  # any other element's text is the line's (a graphic may hold some)
                walk(child, style, linked)
            if child.tail:
                lines[-1].append((Run(repair_run(child.tail), *style), linked))

    walk(element, (None, False, False), False)
    found = [
        (runs, all_linked((run.text, linked) for run, linked in line))
        for line in lines
        if (runs := tidy_runs(run for run, _ in line))
    ]
    return found, skipped


def page_text(text: str) -> str:
    """Text taken from the shielded page, repaired: its joiners restored, and no markup
    read in it (what the extractor took from a page is words: a "<script>" stays)."""
    from maildigest.unicode import unshield

    return repair_text(unshield(text), markup="none")


def repair_run(text: str) -> str:
    """``repair_text`` for a piece of a line: the spaces at its edges separate it
    from its neighbours and stay."""
    core = text.strip()
    if not core:
        return " " if text else ""
    if core.isascii() and not _MAY_NEED_REPAIR.search(core):
        return text  # nothing repair_text would change but spacing, which tidy_runs does
    repaired = page_text(core).replace("\n", " ")
    return (" " if text[:1].isspace() else "") + repaired + (" " if text[-1:].isspace() else "")


@dataclass(frozen=True)
class _Picture:
    width: int | None
    height: int | None
    caption: str | None


def _page_pictures(prepared: str, base: str | None) -> dict[str, _Picture]:
    """Each ``<img>``'s declared size and its ``<figcaption>``, by absolute src:
    trafilatura's ``graphic`` keeps only src, alt and title."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(prepared)
    except (etree.ParserError, ValueError):
        return {}
    pictures: dict[str, _Picture] = {}
    for img in tree.iter("img"):
        src = img.get("src")
        if not src:
            continue
        figure = next((a for a in img.iterancestors("figure")), None)
        caption = figure.find(".//figcaption") if figure is not None else None
        pictures.setdefault(
            urljoin(base or "", src),
            _Picture(
                pixels(img.get("width")),
                pixels(img.get("height")),
                page_text(caption.text_content()).strip() or None if caption is not None else None,
            ),
        )
    return pictures


def _figure(
    graphic: etree._Element, base: str | None, pictures: dict[str, _Picture]
) -> Image | None:
    src = urljoin(base or "", graphic.get("src", ""))
    picture = pictures.get(src, _Picture(None, None, None))
    return safe_image(
        src,
        page_text(graphic.get("alt", "")),
        width=picture.width,
        height=picture.height,
        caption=picture.caption or (page_text(graphic.get("title", "")) or None),
    )


_MAY_NEED_REPAIR = re.compile(r"[&<>\[\x00-\x1f\x7f]|  ")
"""ASCII text without entities, tags, shortcodes, quoting or control characters is
already what repair_text would return."""
_META = re.compile(r"<meta\b[^>]{0,2000}>", re.I)
_ATTRIBUTE = re.compile(
    r"""\b(property|name|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)


def _lead_image(page: str, image: str | None, base: str | None) -> Image | None:
    """The page's own picture for the story (trafilatura reads og:image and
    twitter:image), with the size and alt text the page declares for it."""
    if not image:
        return None
    declared: dict[str, str] = {}
    for tag in _META.finditer(page[:META_SNIFF_CHARS]):
        fields = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(tag[0])}
        key = (fields.get("property") or fields.get("name") or "").lower()
        if key.startswith(("og:image:", "twitter:image:")) and "content" in fields:
            declared.setdefault(key.split(":", 1)[1], html.unescape(fields["content"]))
    return safe_image(
        urljoin(base or "", html.unescape(image)),
        declared.get("image:alt"),
        width=pixels(declared.get("image:width")),
        height=pixels(declared.get("image:height")),
    )
