"""Defences against hostile input that parsers and templates cannot give alone.

WHY this module exists, and what it does not do:

* **No article HTML is kept as HTML.** Every article field (title, byline,
  paragraphs, bullets) becomes plain text before rendering, and Jinja
  autoescaping turns it back into safe HTML at the very end, after every text
  repair (ftfy turns full-width ``＜script＞`` into ``<script>``; escaping last
  makes that harmless). So there is no HTML to allow-list on the way out.
* **nh3 (ammonia's allow-list, an HTML5 parser) cleans a page's body before
  trafilatura sees it** (``prepare_page``). The result only feeds extraction,
  never the email; the gain is that hostile markup cannot take article text
  with it: libxml2 (under trafilatura) is no HTML5 parser, so text after an
  ``<embed>`` becomes the embed's content and is dropped with it, and a
  ``<details>`` can cost a sentence beside it. After nh3 only structural and
  text elements remain (their ``class``/``id`` still tell trafilatura what is
  navigation), scripts, frames, objects and forms are gone, and the text of
  everything else is kept. The ``<head>`` and JSON-LD blocks stay as they are:
  they hold the metadata (title, date, author) and never become article text.
* **Depth is capped before any parser sees the page** (``cap_html_depth``):
  lxml (and so trafilatura) silently drops text nested deeper than ~255
  elements, and nh3 takes ~30 s on 100,000 nested ``<div>``. A linear scan
  drops the *tags* beyond ``MAX_HTML_DEPTH`` levels and keeps their text; a
  page of more than ``MAX_HTML_ELEMENTS`` elements is refused.
* **Link storms in Markdown are defused** (``cap_markdown``): markdown-it
  spends ~0.1 ms per unmatched ``[`` and three tokens per link. (Nesting
  needs no cap: the cleaner parses each block's inline syntax only, where
  markdown-it turns nesting past its limit into text rather than dropping it.)
* **Links keep only http, https and mailto** (``safe_url``): a
  ``javascript:`` source URL would otherwise become an ``href``. The links
  kept inside articles (``models.Run.href``) pass through it too, and a link
  it refuses keeps only its text; pictures must be remote https
  (``safe_image_url``): never ``data:``, never fetched.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from maildigest.errors import LimitError
from maildigest.models import Image

MAX_HTML_DEPTH = 100
"""Elements nested deeper than this lose their tags (their text is kept)."""
MAX_HTML_ELEMENTS = 250_000
"""More elements than this in one page is refused: 2.6 million ``<p>`` took 3.6 GB
in lxml and broke trafilatura's XPath; a real 20 MB article page has ~60,000."""
MAX_MARKDOWN_BRACKETS = 10_000
"""Above this many ``[`` in one block, links become their text before parsing."""
MAX_MARKDOWN_DELIMITERS = 10_000
"""Above this many ``*``, ``_``, backticks and ``~`` in one block, its inline syntax
is not parsed (markdown-it builds a token per delimiter: 3 MB of ``*_`` took 116 s)
and the block is shown as written."""
MAX_URL_LENGTH = 2048
MAX_BLOB_CHARS = 64 * 1024
"""A run of this many URL/base64 characters with no space is an embedded file
(a ``data:`` image, a font, a base64 blob), never words: pages lose it before parsing."""
MIN_IMAGE_PIXELS = 32
"""An image narrower or lower than this is a tracking pixel, a spacer or an icon, not a picture."""
MAX_IMAGE_PIXELS = 10_000
"""A declared side beyond this is not a real size: it is ignored."""
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param "
    "source track wbr".split()
)
# Elements whose start tag closes an open sibling of the same kind (``<li>a<li>b``).
_SELF_CLOSING_SIBLINGS = frozenset("p li dt dd option optgroup tr td th rb rt rp".split())
_TEXT_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre figcaption".split())
_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes plaintext".split())
_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>\x00]*)[^>]*>)")
_RAW_END: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"</{name}[\s/>]", re.I) for name in _RAW_TEXT
}


def cap_html_depth(page: str, limit: int = MAX_HTML_DEPTH) -> str:
    """``page`` with the tags of elements nested deeper than ``limit`` removed.

    One pass with a stack of open elements (end tags close up to the matching
    element, as parsers do), so 100,000 nested ``<div>`` cost milliseconds.
    Text and comments are copied unchanged. Beyond the limit, wrapper tags are
    dropped, but a text block (``<p>``, headings, ``<blockquote>``…) keeps its
    tags, one at a time (the previous one is closed first), because extractors
    read text in paragraphs and skip loose text; ``<script>``/``<style>`` and
    other raw-text elements that deep go whole. ``LimitError`` past
    ``MAX_HTML_ELEMENTS`` elements.
    """
    if page.count("<") <= limit:
        return page  # cannot nest deeper than the number of tags
    elements = 0
    out: list[str] = []
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    deep_block: tuple[int, str] | None = None
    """(stack index, name) of the text block kept open beyond the limit."""
    position = 0
    end_of_tags = page.rfind(">") + 1  # searching past it is quadratic on "<a <a <a…"
    while match := _MARKUP.search(page, position, end_of_tags):
        out.append(page[position : match.start()])
        position = match.end()
        if match.group(1):  # a comment: copy it whole
            end = page.find("-->", position)
            position = len(page) if end < 0 else end + 3
            out.append(page[match.start() : position])
            continue
        closing, name = match.group(2), match.group(3).lower()
        if closing:
            if open_count[name]:
                while (top := stack.pop()) != name:
                    open_count[top] -= 1
                open_count[name] -= 1
                if deep_block and deep_block[0] >= len(stack):  # it closes the deep block too
                    out.append(f"</{deep_block[1]}>")
                    deep_block = None
                if len(stack) < limit:
                    out.append(match.group(0))
            continue  # a stray end tag closes nothing: parsers ignore it too
        elements += 1
        if elements > MAX_HTML_ELEMENTS:
            raise LimitError(
                f"the HTML page has more than {MAX_HTML_ELEMENTS:,} elements, the limit for one "
                "article (split it, or raise maildigest.sanitize.MAX_HTML_ELEMENTS)"
            )
        if name in _VOID:
            out.append(match.group(0))
            continue
        if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1] == name:
            open_count[stack.pop()] -= 1
        deep = len(stack) >= limit
        if deep and name in _RAW_TEXT:  # never article text: drop it with its content
            end_tag = _RAW_END[name].search(page, position)
            position = len(page) if end_tag is None else page.find(">", end_tag.end() - 1) + 1
            continue
        if not deep:
            out.append(match.group(0))
        elif name in _TEXT_BLOCKS:
            if deep_block:
                out.append(f"</{deep_block[1]}>")
            out.append(match.group(0))
            deep_block = (len(stack), name)
        stack.append(name)
        open_count[name] += 1
        if name in _RAW_TEXT:  # copy the raw text up to its end tag untouched
            end_tag = _RAW_END[name].search(page, position)
            end = len(page) if end_tag is None else end_tag.start()
            out.append(page[position:end])
            position = end
    out.append(page[position:])
    return "".join(out)


_LINK = re.compile(r"!?\[([^\[\]\n]{0,1000})\]\([^()\s]{0,2048}(?:\s+\"[^\"\n]{0,200}\")?\)")
_BRACKET = re.compile(r"(?<!\\)([\[\]])")


def cap_markdown(block: str) -> str:
    """``block`` unchanged, unless it holds over ``MAX_MARKDOWN_BRACKETS`` ``[``.

    Then ``[text](url)`` becomes ``text`` (all the article keeps of a link
    anyway), images go, and other brackets are escaped, before markdown-it
    sees it: it builds three tokens per link (600,000 links took 1.2 GB) and
    spends ~0.1 ms on each unmatched ``[``.
    """
    if block.count("[") <= MAX_MARKDOWN_BRACKETS:
        return block
    return _BRACKET.sub(r"\\\1", _LINK.sub(lambda m: "" if m[0][0] == "!" else m[1], block))


_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|%7b(?:%7b|%25)", re.I)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) or mailto link a reader may follow, else None.

    Browsers ignore tabs and newlines inside URLs (``java\\tscript:``), so
    control characters are removed before the scheme is read (and inner
    spaces encoded). A link holding template syntax (``{{``, or ``%7B%7B``) is
    refused too: ``send`` would fill ``{{ recipient.email }}`` in it and hand
    each subscriber's address to the link's site. Anything else (``javascript:``,
    ``vbscript:``, ``data:``, ``file:``, relative paths) is refused.
    """
    if not url:
        return None
    cleaned = _URL_CONTROL.sub("", url).strip().replace(" ", "%20")
    if not cleaned or len(cleaned) > MAX_URL_LENGTH or _TEMPLATE_SYNTAX.search(cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. an invalid IPv6 literal
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or (scheme != "mailto" and not parts.netloc):
        return None
    return cleaned


def safe_image_url(url: str | None) -> str | None:
    """``url`` if a newsletter may show it as an image: an absolute https URL.

    Never ``data:`` (bytes in the email eat the clip budget, and clients block
    them), never plain http (webmail refuses mixed content, and the request
    would carry the reader's address in clear), and only as ``safe_url`` allows.
    """
    safe = safe_url(url)
    return safe if safe is not None and safe[:8].lower() == "https://" else None


def safe_image(
    src: str | None,
    alt: str | None = None,
    width: int | str | None = None,
    height: int | str | None = None,
    caption: str | None = None,
) -> Image | None:
    """An ``Image`` a newsletter may show, or None: an https ``src`` (``safe_image_url``)
    that is not a tracking pixel or spacer (a declared side under ``MIN_IMAGE_PIXELS``)."""
    url = safe_image_url(src)
    sides = [pixels(width), pixels(height)]
    if url is None or any(side is not None and side < MIN_IMAGE_PIXELS for side in sides):
        return None
    return Image(
        src=url,
        alt=" ".join((alt or "").split()),
        width=sides[0],
        height=sides[1],
        caption=" ".join(caption.split()) or None if caption else None,
    )


def pixels(value: int | str | None) -> int | None:
    """A declared image side in pixels (``"640"``, ``"640px"``), or None when unusable."""
    text = str(value).strip().removesuffix("px") if value is not None else ""
    if not text.isdigit() or not text.isascii():
        return None
    number = int(text)
    return number if number <= MAX_IMAGE_PIXELS else None


_HEAD_ELEMENTS = frozenset("html head title meta link base script style noscript template".split())
_JSON_LD = re.compile(
    r"<script\b[^>]*application/ld\+json[^>]*>[^<]*(?:<(?!/script)[^<]*)*</script\s*>", re.I
)
_BODY_TAGS = frozenset(
    """a abbr address article aside b bdi bdo blockquote br caption center cite code col
    colgroup data dd del dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5
    h6 header hgroup hr i img ins kbd li link main mark meta nav ol p pre q rp rt ruby s samp
    section small span strike strong sub sup table tbody td tfoot th thead time title
    tr tt u ul var""".split()
)
_BODY_DROPPED = frozenset(
    """script style form button select textarea template noscript iframe object svg math
    canvas audio video""".split()
)
"""Elements removed with their content: controls, scripts and media hold no article text."""
_BODY_ATTRIBUTES = {
    "*": {"class", "id", "itemprop", "itemscope", "itemtype", "role", "lang", "dir", "title"},
    "a": {"href", "rel"},
    "img": {"src", "alt", "width", "height"},
    "meta": {"name", "property", "content"},
    "link": {"rel", "href"},
    "time": {"datetime", "pubdate"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def prepare_page(page: str) -> str:
    """A whole HTML page made safe to hand to trafilatura: depth capped, body sanitized.

    Everything before the body (``<head>``: title, meta, JSON-LD) is kept
    as written; the body goes through nh3's allow-list (``_BODY_TAGS``), and
    its JSON-LD blocks are put back after it for the metadata extractor.
    """
    import nh3

    page = cap_html_depth(drop_blobs(page))
    start = _body_start(page)
    head, body = page[:start], page[start:]
    json_ld = "".join(m[0] for m in _JSON_LD.finditer(body)) if "ld+json" in body else ""
    cleaned = nh3.clean(
        body,
        tags=_BODY_TAGS,
        attributes=_BODY_ATTRIBUTES,
        clean_content_tags=set(_BODY_DROPPED),
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return f"{head}<body>{cleaned}{json_ld}</body>"


_BLOB = re.compile(rf"(?<![A-Za-z0-9+/=%_.:;,-])[A-Za-z0-9+/=%_.:;,-]{{{MAX_BLOB_CHARS},}}")
"""Tried from the start of a run only (the lookbehind): linear on any page."""


def drop_blobs(page: str) -> str:
    """``page`` without embedded files over ``MAX_BLOB_CHARS`` (see there).

    libxml2 (under trafilatura) refuses a page whose attribute or text node holds
    more than 10 MB, so one large ``data:`` icon in the ``<head>`` cost the whole
    article; below that, a 5 MB blob took 15 s of extraction and came out as a
    paragraph. The blob's attribute stays, empty, so the markup is unchanged.
    """
    return _BLOB.sub("", page) if len(page) > MAX_BLOB_CHARS else page


def _body_start(page: str) -> int:
    """Where the body begins: ``</head>``, ``<body>`` or the first tag that only a
    body holds. Raw text (``<title>``, ``<script>``) is skipped, so a ``<body``
    written inside a title is not taken for the real one."""
    position = 0
    end_of_tags = page.rfind(">") + 1
    while match := _MARKUP.search(page, position, end_of_tags):
        position = match.end()
        if match.group(1):
            end = page.find("-->", position)
            position = len(page) if end < 0 else end + 3
            continue
        closing, name = match.group(2), match.group(3).lower()
        if name == "body" or (closing and name == "head") or name not in _HEAD_ELEMENTS:
            return match.start()
        if name in _RAW_TEXT and not closing:
            end_tag = _RAW_END[name].search(page, position)
            position = len(page) if end_tag is None else end_tag.start()
    return len(page)


def check_count(what: str, count: int, limit: int, setting: str) -> None:
    """One-line ``LimitError`` when ``count`` exceeds a documented limit setting."""
    if count > limit:
        raise LimitError(
            f"too many {what}: {count:,}, the limit is {limit:,} (raise it with "
            f"{setting} in maildigest.toml or MAILDIGEST_{setting.upper()})"
        )
