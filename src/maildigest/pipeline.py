"""The pipeline: wire the stages together. These are the library's entry points
(re-exported as ``maildigest.clean_article``, ``maildigest.summarize_article``,
``maildigest.build``).

    ingest -> clean -> summarize -> render (+ inline) -> message -> outputs
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from maildigest.config import Settings, load_settings
from maildigest.errors import InputError, NoContentError
from maildigest.models import Article, Document, Newsletter, Story, Summary

if TYPE_CHECKING:
    from maildigest.progress import Progress
    from maildigest.sources import Expansion

Source = str | Path | Document | Article
"""A file path, ``-`` for stdin, an already-loaded Document, or a clean Article."""


@dataclass(frozen=True)
class BuildResult:
    newsletter: Newsletter
    eml: bytes
    files: dict[str, Path]
    """Output name -> path written (empty when no folder was given)."""
    archived: dict[str, Path] = field(default_factory=dict)
    """Archive file name -> path written (empty without ``archive_dir``)."""


def load(
    source: str | Path | Document,
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> Document:
    if isinstance(source, Document):
        return source
    from maildigest.ingest import load_document

    settings = settings or Settings()
    return load_document(source, limit=settings.max_input_mb * 1024 * 1024, stdin=stdin)


def clean_article(
    source: Source, *, settings: Settings | None = None, stdin: BinaryIO | None = None
) -> Article:
    """Read and clean one input into an ``Article`` (an ``Article`` is returned as is)."""
    if isinstance(source, Article):
        return source
    from maildigest.clean import clean_document

    return clean_document(load(source, settings=settings, stdin=stdin))


def summarize_article(
    source: Source,
    *,
    bullets: int | None = None,
    method: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> Summary:
    """Key-point bullets for one input (cleaning it first when needed)."""
    from maildigest.summarize import summarize_article as summarize_clean

    settings = settings or Settings()
    article = clean_article(source, settings=settings, stdin=stdin)
    return summarize_clean(
        article,
        bullets=bullets or settings.bullets,
        method=method or settings.method,
        settings=settings,
    )


def _cleaned(
    source: Document | Article, expansion: Expansion, settings: Settings
) -> Article | None:
    """The source's article, or the feed's own text for an entry whose page holds none;
    None when neither holds an article (recorded as skipped)."""
    while True:
        try:
            return clean_article(source, settings=settings)
        except NoContentError as exc:
            fallback = expansion.skip(source, exc)
            if fallback is None:
                return None
            source = fallback


def compose(
    sources: Sequence[Source],
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Newsletter:
    """Clean, summarize and render several inputs into one newsletter, in the order given.

    Folders, feeds and URLs expand into their articles first (``maildigest.sources``);
    one that fails is skipped with a notice, and only an empty digest is an error.
    """
    from maildigest.render import render_newsletter
    from maildigest.sanitize import check_count
    from maildigest.sources import expand_sources
    from maildigest.summarize import summarize_articles

    settings = settings or load_settings()
    if not sources:
        raise InputError("no inputs given")
    expansion = expand_sources(sources, settings, stdin=stdin, progress=progress)
    check_count("articles", len(expansion.documents), settings.max_articles, "max_articles")
    articles = []
    for source in expansion.tracked(progress, "Cleaning"):
        article = _cleaned(source, expansion, settings)
        if article is not None:
            articles.append(article)
    summaries = summarize_articles(
        articles,
        bullets=settings.bullets,
        method=settings.method,
        settings=settings,
        progress=progress,
    )
    stories = [Story(article=a, summary=s) for a, s in zip(articles, summaries, strict=True)]
    expansion.check(len(stories))
    newsletter = render_newsletter(stories, settings)
    notices = (*expansion.notices(len(stories)), *newsletter.notices)
    return replace(newsletter, notices=notices)


def build(
    sources: Sequence[Source],
    *,
    out_dir: str | Path | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    archive_dir: str | Path | None = None,
) -> BuildResult:
    """The whole job: a newsletter, its ``.eml``, and (given ``out_dir``) the files on disk;
    given ``archive_dir``, the issue is also added to that static archive.

    Everything is built in memory first and the folders are checked before any
    work; the files then land as one set (``outputs.write_set``), so a failure,
    even a full disk or a killed process, never leaves half a set behind. The
    archive is read before anything is written and updated after the set.
    """
    from maildigest.archive import archive_files, write_archive
    from maildigest.check import require_email_safe
    from maildigest.message import build_message, message_bytes
    from maildigest.outputs import prepare_folder, write_set

    settings = settings or load_settings()
    folder = prepare_folder(Path(out_dir)) if out_dir is not None else None
    archive = prepare_folder(Path(archive_dir)) if archive_dir is not None else None
    newsletter = compose(sources, settings=settings, stdin=stdin, progress=progress)
    require_email_safe(newsletter.html, budget=settings.size_budget)
    eml = message_bytes(build_message(newsletter, sender=settings.sender))
    archive_content: dict[str, bytes] = {}
    if archive is not None:  # read the archive's record before anything is written
        archive_content = archive_files(archive, newsletter, settings)
    files: dict[str, Path] = {}
    if folder is not None:
        files = write_set(
            folder,
            {
                "newsletter.html": newsletter.html.encode("utf-8"),
                "newsletter.txt": newsletter.text.encode("utf-8"),
                "newsletter.eml": eml,
                "web.html": newsletter.web.encode("utf-8"),
                "digest.json": (
                    json.dumps(newsletter.digest(), ensure_ascii=False, indent=2) + "\n"
                ).encode("utf-8"),
            },
        )
    archived: dict[str, Path] = {}
    if archive is not None:
        archived = write_archive(archive, archive_content)
    if files and settings.new_only:
        from maildigest.sources import remember_built

        remember_built([story.article.origin for story in newsletter.stories], settings)
    return BuildResult(newsletter=newsletter, eml=eml, files=files, archived=archived)
