"""Turn the inputs of a digest into documents: files, folders of saved articles,
RSS/Atom feeds (files or URLs) and article URLs, in the order given.

What the user named must be there (a missing file is an error); what was found
or fetched on their behalf (a folder's files, a feed's entries, a URL's page)
may fail, and is then skipped with a one-line reason. The build fails only when
no article is left.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from maildigest.config import Settings, date_setting
from maildigest.errors import ConfigError, InputError, NoContentError
from maildigest.models import Article, Document
from maildigest.progress import Progress, Silent
from maildigest.sources.kinds import FEED_ORDERS, is_url, looks_like_feed

if TYPE_CHECKING:
    from maildigest.sources.feeds import Entry
    from maildigest.sources.fetch import Fetcher, FetchFailed, Page

__all__ = ["Expansion", "Progress", "Skip", "expand_sources", "remember_built"]

MAX_CONCURRENCY = 32
_PAGE_TYPES = frozenset(
    {"", "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)


@dataclass(frozen=True)
class Skip:
    """An input left out of the digest, and why."""

    origin: str
    kind: str
    """Short reason shared by similar skips, e.g. ``HTTP 404``, ``timed out``."""
    detail: str
    error: InputError | None = None

    def line(self) -> str:
        if self.origin in self.detail:  # e.g. "x.txt is empty": say it once
            return f"skipped: {self.detail}"
        return f"skipped {self.origin}: {self.detail}"


@dataclass
class Expansion:
    """The documents to clean, in digest order, and what was skipped on the way."""

    documents: list[Document | Article]
    skipped: list[Skip] = field(default_factory=list)
    left_out: int = 0
    """Feed entries not selected by --since, --limit or --new-only."""
    from_feed_text: list[tuple[str, str]] = field(default_factory=list)
    """(origin, why its page was not used) of entries built from their feed's own text."""
    fallbacks: dict[str, Document] = field(default_factory=dict)
    """Origin -> the feed's own text, for fetched entry pages that may hold no article."""

    def tracked(self, progress: Progress | None, label: str) -> Iterator[Document | Article]:
        """The documents, reporting each one to ``progress``."""
        progress = progress or Silent()
        progress.begin(label, len(self.documents))
        try:
            for document in self.documents:
                yield document
                progress.advance()
        finally:
            progress.end()

    def skip(self, document: Document | Article, error: InputError) -> Document | None:
        """A document that turned out not to be an article: the feed's own text to
        build instead (for an entry whose page holds no article), else None (skipped)."""
        fallback = self.fallbacks.pop(document.origin, None)
        if fallback is not None and fallback is not document:
            self.from_feed_text.append((document.origin, "its page holds no article"))
            return fallback
        self.skipped.append(Skip(document.origin, "not an article", str(error), error))
        return None

    def check(self, built: int) -> None:
        """Raise when no article is left: the lone error itself, or a summary of all skips."""
        if built:
            return
        if len(self.skipped) == 1 and self.skipped[0].error is not None and not self.left_out:
            raise self.skipped[0].error
        if not self.skipped:
            raise NoContentError(f"no article to build: {self._left_out_text()}")
        first = self.skipped[0].line()
        raise NoContentError(
            f"no article left to build: {len(self.skipped)} skipped ({self._kinds()}); first {first}"
        )

    def notices(self, built: int) -> tuple[str, ...]:
        """One warning per skip, then ``N articles, M skipped (reasons)`` for multi-article work."""
        lines = [f"warning: {skip.line()}" for skip in self.skipped]
        lines += [
            f"{origin}: built from the feed's own text ({why})"
            for origin, why in self.from_feed_text
        ]
        if self.skipped or self.left_out or built > 1:
            summary = f"{built} article{'s' if built != 1 else ''}, {len(self.skipped)} skipped"
            if self.skipped:
                summary += f" ({self._kinds()})"
            if self.left_out:
                summary += f"; {self._left_out_text()}"
            lines.append(summary)
        return tuple(lines)

    def _kinds(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in Counter(s.kind for s in self.skipped).items())

    def _left_out_text(self) -> str:
        return f"{self.left_out} feed entr{'ies' if self.left_out != 1 else 'y'} left out by --since, --limit or --new-only"


@dataclass(frozen=True)
class _Options:
    """The source settings, checked once."""

    recursive: bool
    since: dt.date | None
    limit: int
    order: str
    seen: frozenset[str]
    max_input: int

    @classmethod
    def of(cls, settings: Settings) -> _Options:
        from maildigest.sources.state import load_seen, state_path

        since = date_setting("since", settings.since, "2026-11-01")
        if settings.feed_order not in FEED_ORDERS:
            raise ConfigError(
                f"feed_order must be one of {', '.join(FEED_ORDERS)}, not {settings.feed_order!r}"
            )
        if not 1 <= settings.concurrency <= MAX_CONCURRENCY:
            raise ConfigError(
                f"concurrency must be 1 to {MAX_CONCURRENCY}, not {settings.concurrency}"
            )
        for name in ("fetch_timeout", "fetch_deadline", "fetch_max_mb"):
            if getattr(settings, name) < 1:
                raise ConfigError(f"{name} must be at least 1, not {getattr(settings, name)}")
        if settings.limit < 0:
            raise ConfigError(f"limit must be 0 (all) or more, not {settings.limit}")
        seen = load_seen(state_path(settings.state_file)) if settings.new_only else {}
        return cls(
            recursive=settings.recursive,
            since=since,
            limit=settings.limit,
            order=settings.feed_order,
            seen=frozenset(seen),
            max_input=settings.max_input_mb * 1024 * 1024,
        )


@dataclass(frozen=True)
class _Pending:
    """A page still to fetch: a URL input, or a feed entry without its own content."""

    url: str
    entry: Entry | None = None


_Item = Document | Article | Skip | _Pending


def expand_sources(
    sources: Sequence[str | Path | Document | Article],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Expansion:
    """Every input as documents in the order given; fetches run concurrently (bounded)."""
    options = _Options.of(settings)
    progress = progress or Silent()
    expansion = Expansion(documents=[])
    slots = [_local(source, options, expansion, stdin) for source in sources]
    if any(isinstance(item, _Pending) for slot in slots for item in slot):
        from maildigest.sources.fetch import Fetcher, FetchLimits

        limits = FetchLimits(
            timeout=settings.fetch_timeout,
            deadline=settings.fetch_deadline,
            max_bytes=settings.fetch_max_mb * 1024 * 1024,
            concurrency=settings.concurrency,
        )
        with Fetcher(limits) as fetcher:
            # URL inputs first: some are feeds whose entries are fetched next
            slots = _fetch_pending(slots, fetcher, progress, "Fetching", options, expansion)
            slots = _fetch_pending(slots, fetcher, progress, "Fetching entries", options, expansion)
    taken: set[str] = set()
    for item in (item for slot in slots for item in slot):
        if isinstance(item, Skip):
            expansion.skipped.append(item)
        elif isinstance(item, Document | Article):
            if item.origin in taken:  # the same entry in two feeds, or a URL given twice
                expansion.skipped.append(Skip(item.origin, "duplicate", "already in this digest"))
                continue
            if item.origin not in ("", "<stdin>"):
                taken.add(item.origin)
            expansion.documents.append(item)
    return expansion


def _local(
    source: str | Path | Document | Article,
    options: _Options,
    expansion: Expansion,
    stdin: BinaryIO | None,
) -> list[_Item]:
    """One input without the network: a URL only becomes a pending fetch."""
    from maildigest.ingest import decode, detect_format, read_bytes

    if isinstance(source, Document | Article):
        return [source]
    name = str(source)
    if name != "-" and is_url(name):
        return [_Pending(name)]
    path = Path(source)
    if name != "-" and path.is_dir():
        return _folder(path, options)
    origin = "<stdin>" if name == "-" else name
    data = read_bytes(source, limit=options.max_input, stdin=stdin)
    if looks_like_feed(data):
        return _feed_items(data, origin, None, options, expansion)
    text = decode(data, origin)
    return [Document(text=text, format=detect_format(text, origin), origin=origin)]


def _folder(folder: Path, options: _Options) -> list[_Item]:
    from maildigest.ingest import load_document
    from maildigest.sources.folders import ARTICLE_SUFFIXES, article_files

    files = article_files(folder, recursive=options.recursive)
    if not files:
        hint = "" if options.recursive else " (--recursive descends into subfolders)"
        kinds = ", ".join(sorted(ARTICLE_SUFFIXES))
        return [Skip(str(folder), "empty folder", f"no {kinds} files{hint}")]
    items: list[_Item] = []
    for path in files:
        try:
            items.append(load_document(path, limit=options.max_input))
        except InputError as exc:
            items.append(Skip(str(path), "unreadable", str(exc), exc))
    return items


def _feed_items(
    data: bytes, origin: str, base_url: str | None, options: _Options, expansion: Expansion
) -> list[_Item]:
    from maildigest.sources.feeds import parse_feed, select_entries

    feed = parse_feed(data, origin, base_url=base_url)
    if not feed.entries:
        return [Skip(origin, "empty feed", "the feed has no entries")]
    entries, left_out = select_entries(
        feed.entries,
        since=options.since,
        limit=options.limit,
        order=options.order,
        seen=options.seen,
    )
    expansion.left_out += left_out
    return [_entry_item(entry) for entry in entries]


def _entry_item(entry: Entry) -> _Item:
    if entry.content:
        return entry.document()
    if entry.link:
        return _Pending(entry.link, entry)
    if entry.summary:
        return entry.document(entry.summary)
    return Skip(entry.origin, "no content", "the entry has neither content nor a link")


def _fetch_pending(
    slots: list[list[_Item]],
    fetcher: Fetcher,
    progress: Progress,
    label: str,
    options: _Options,
    expansion: Expansion,
) -> list[list[_Item]]:
    pending = [item for slot in slots for item in slot if isinstance(item, _Pending)]
    if not pending:
        return slots
    progress.begin(label, len(pending))
    try:
        pages = dict(
            zip(pending, fetcher.fetch_all([p.url for p in pending], progress.advance), strict=True)
        )
    finally:
        progress.end()
    return [
        [
            result
            for item in slot
            for result in (
                _fetched(item, pages[item], options, expansion)
                if isinstance(item, _Pending)
                else [item]
            )
        ]
        for slot in slots
    ]


def _fetched(
    pending: _Pending, page: Page | FetchFailed, options: _Options, expansion: Expansion
) -> list[_Item]:
    """A fetched page as documents: an article, a feed's entries, or a skip.

    A feed entry whose page cannot be used is built from the feed's own text
    when that holds a paragraph; that text is also kept in case the page turns
    out to hold no article (see ``Expansion.skip``).
    """
    from maildigest.sources.fetch import FetchFailed

    entry = pending.entry
    origin = entry.origin if entry else pending.url
    if entry is None and not isinstance(page, FetchFailed) and looks_like_feed(page.body):
        try:
            return _feed_items(page.body, pending.url, page.final_url, options, expansion)
        except InputError as exc:
            return [Skip(origin, "unreadable feed", str(exc), exc)]
    item = _page_document(pending, page, origin)
    own_text = entry.own_text() if entry else None
    if entry is None or own_text is None:
        return [item]
    if isinstance(item, Skip):
        expansion.from_feed_text.append((origin, f"page not used: {item.kind}"))
        return [entry.document(own_text)]
    expansion.fallbacks[origin] = entry.document(own_text)
    return [item]


def _page_document(pending: _Pending, page: Page | FetchFailed, origin: str) -> Document | Skip:
    """A fetched article page as a document, or the skip saying why it is not one."""
    from maildigest.ingest import detect_format
    from maildigest.sources.fetch import FetchFailed, page_text

    if isinstance(page, FetchFailed):
        return Skip(origin, page.kind, str(page).removeprefix(f"{page.url}: "), page)
    if page.content_type not in _PAGE_TYPES:
        return Skip(
            origin, "not an article", f"content type {page.content_type} is not an article page"
        )
    try:
        text = page_text(page)
    except InputError as exc:
        return Skip(origin, "not an article", str(exc), exc)
    return Document(
        text=text,
        format=detect_format(text, urlsplit(page.final_url).path),
        origin=origin,
        source_url=page.final_url,
        hints=pending.entry.hints() if pending.entry else {},
    )


def remember_built(origins: Sequence[str], settings: Settings) -> None:
    """Record a written digest's articles so ``--new-only`` leaves their entries out next time."""
    from maildigest.sources.state import remember, state_path

    remember(state_path(settings.state_file), origins)
