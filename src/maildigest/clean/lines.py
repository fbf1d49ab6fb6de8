"""Line-level rules no library offers: scraped boilerplate, metadata lines and
fragments left dangling at the end of an article."""

from __future__ import annotations

import re

from maildigest.clean.header import metadata_of

_BOILERPLATE = re.compile(
    r"""^(?:
        (?:share|tweet|pin|email|print)\b.{0,60}$
      | (?:share|follow)\s+(?:this|on|us)\b.*
      | (?:sign\s+up|subscribe)\b.{0,120}$
      | .{0,80}\b(?:newsletter|inbox)\b.{0,80}(?:sign\s+up|subscribe|delivered|free)\b.*
      | .{0,60}\bcookies?\b.{0,160}$
      | (?:advertisement|sponsored(?:\s+content)?|ad)$
      | (?:read|see)\s+(?:more|also|next|the\s+full\s+story)\b.{0,120}$
      | (?:related|recommended|more\s+from|most\s+popular|trending|you\s+may\s+also\s+like)\b.{0,120}$
      | (?:comments?|leave\s+a\s+comment|join\s+the\s+(?:conversation|discussion))\b.{0,80}$
      | (?:©|\(c\)|copyright)\s.{0,160}$
      | all\s+rights\s+reserved\.?$
      | (?:skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|menu|home|search)$
      | (?:tags?|topics?|filed\s+under|categories)\s*:.{0,160}$
      | (?:click|tap)\s+here\b.{0,120}$
      | \(?(?:photo|image|picture)(?:\s+credit)?\s*:.{0,120}$
    )""",
    re.I | re.X,
)
_BREADCRUMB = re.compile(r"^[\w .&'-]{1,30}(?:\s*[/>»›]\s*[\w .&'-]{1,30}){1,6}$")
_DANGLING = re.compile(r"[:,;\-–—(]$")


def is_boilerplate(line: str) -> bool:
    return bool(_BOILERPLATE.match(line) or _BREADCRUMB.match(line))


def drop_noise(blocks: list[str], *, title: str | None = None) -> list[str]:
    """Remove boilerplate, metadata-only lines and repeats of the headline."""
    folded_title = _fold(title) if title else None
    kept = []
    for block in blocks:
        if is_boilerplate(block) or metadata_of(block) is not None:
            continue
        if folded_title and _fold(block) == folded_title:
            continue
        kept.append(block)
    return kept


def drop_trailing_fragments(paragraphs: list[str]) -> list[str]:
    """Cut lines at the end that introduce something that never came (``… allowed:``)."""
    end = len(paragraphs)
    while end and _DANGLING.search(paragraphs[end - 1]) and len(paragraphs[end - 1].split()) <= 15:
        end -= 1
    return paragraphs[:end]


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()
