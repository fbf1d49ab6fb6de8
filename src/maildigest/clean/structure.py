"""Structured content beside the plain paragraphs.

Each source block (a Markdown line, an HTML paragraph, list item, quote,
heading or figure) becomes a ``Unit``: the plain text the layout reading
judges, and the structured ``models.Block`` it came from. The layout reading
and the duplicate filters keep or drop whole blocks, in order, by their plain
text; ``assemble`` follows their choices back to the units, so the article's
``blocks`` hold exactly what its ``paragraphs`` hold, with links, emphasis,
headings, lists, quotes and the figures that stand among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from maildigest.clean.layout import Block as LayoutBlock
from maildigest.models import Block, Figure, Heading, Image, ListBlock, Run, Runs

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Unit:
    """One source block: what the layout reading sees, and its structured content."""

    layout: LayoutBlock
    content: Block


def unit(
    content: Block, *, heading: bool | None = None, text: str | None = None, link: bool = False
) -> Unit:
    """A unit whose layout text is its content's plain text (figures have none);
    ``link``: all of it is one link's text."""
    marked_heading = isinstance(content, Heading) if heading is None else heading
    if text is None:
        text = "" if isinstance(content, Figure) else content.text
    return Unit(
        LayoutBlock(
            text, heading=marked_heading, list_item=isinstance(content, ListBlock), link=link
        ),
        content,
    )


def all_linked(pieces: Iterable[tuple[str, bool]]) -> bool:
    """Every word of these (text, inside a link) pieces is inside a link."""
    words = [(text, linked) for text, linked in pieces if text.strip()]
    return bool(words) and all(linked for _, linked in words)


def tidy_runs(runs: Iterable[Run]) -> Runs:
    """Runs with their whitespace collapsed, edges trimmed, empty runs dropped and
    neighbours of the same kind merged (markup splits text at arbitrary points)."""
    tidy: list[Run] = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if tidy and tidy[-1].text.endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if tidy and _same_style(tidy[-1], run):
            tidy[-1] = replace(tidy[-1], text=tidy[-1].text + text)
        else:
            tidy.append(replace(run, text=text))
    if tidy:
        tidy[0] = replace(tidy[0], text=tidy[0].text.lstrip())
        tidy[-1] = replace(tidy[-1], text=tidy[-1].text.rstrip())
    return tuple(run for run in tidy if run.text)


def _same_style(a: Run, b: Run) -> bool:
    return (a.href, a.emphasis, a.strong) == (b.href, b.emphasis, b.strong)


def plain_runs(runs: Runs) -> Runs:
    """The same text with no links or emphasis (plain text input stays plain)."""
    return tidy_runs([Run("".join(run.text for run in runs))])


def assemble(units: Sequence[Unit], kept: Sequence[str]) -> tuple[Block, ...]:
    """The structured blocks of the units whose text was kept, in order.

    ``kept`` is a subsequence of the units' texts (the layout reading and the
    duplicate filters keep or drop whole blocks and never reorder them), so it
    is followed back greedily. Consecutive list items become one list. A
    figure stays when the text right after it was kept (a lead picture under
    the byline), or when it stands between kept text (mid-article).
    """
    chosen = _follow(units, kept)
    last_chosen = max(chosen, default=-1)
    next_text_chosen = [False] * (len(units) + 1)
    for index in reversed(range(len(units))):
        figure = isinstance(units[index].content, Figure)
        next_text_chosen[index] = next_text_chosen[index + 1] if figure else index in chosen
    blocks: list[Block] = []
    previous_text_chosen = False
    for index, current in enumerate(units):
        content = current.content
        if isinstance(content, Figure):
            between = previous_text_chosen and index < last_chosen
            if not (next_text_chosen[index] or between):
                continue
        else:
            previous_text_chosen = index in chosen
            if not previous_text_chosen:
                continue
        previous = blocks[-1] if blocks else None
        if (
            isinstance(content, ListBlock)
            and isinstance(previous, ListBlock)
            and previous.ordered == content.ordered
        ):
            blocks[-1] = replace(previous, items=previous.items + content.items)
        else:
            blocks.append(content)
    return tuple(blocks)


def _follow(units: Sequence[Unit], kept: Sequence[str]) -> set[int]:
    chosen: set[int] = set()
    position = 0
    for text in kept:
        while position < len(units) and (
            isinstance(units[position].content, Figure) or units[position].layout.text != text
        ):
            position += 1
        if position == len(units):
            break
        chosen.add(position)
        position += 1
    return chosen


def lead_figure(blocks: Sequence[Block]) -> Image | None:
    """The article's first content figure."""
    return next((block.image for block in blocks if isinstance(block, Figure)), None)
