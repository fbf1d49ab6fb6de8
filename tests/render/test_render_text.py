"""The plain-text part: built from the same data, wrapped, links as footnotes."""

from __future__ import annotations

import dataclasses
import re

import synthetic_articles as synthetic
from synthetic_articles import Render

from maildigest.models import Newsletter
from maildigest.text import PLAIN_TEXT_WIDTH


def assert_wrapped(text: str) -> None:
    for line in text.splitlines():
        if len(line) > PLAIN_TEXT_WIDTH:
            # only a line holding an unbreakable word (a URL) may stick out
            assert re.search(r"\S{60,}", line), line


def footnotes(text: str) -> dict[int, str]:
    return {int(n): url for n, url in re.findall(r"^\[(\d+)\] (\S+)$", text, re.M)}


def test_text_has_every_story_bullet_and_paragraph_without_markup(render: Render) -> None:
    stories = synthetic.stories(2)
    text = render(stories, digest_from=0).text
    flat = " ".join(text.split())
    for story in stories:
        assert story.article.title in flat
        for bullet in story.summary.texts:
            assert f"* {bullet}" in flat
        for paragraph in story.article.paragraphs:
            assert paragraph in flat
    assert "<" not in text and "&amp;" not in text


def test_lines_are_at_most_78_columns_except_long_urls(render: Render) -> None:
    story = synthetic.stories(1)[0]
    long_url = "https://news.example.com/" + "very-long-path-segment-" * 6 + "end"
    article = dataclasses.replace(
        story.article,
        source_url=long_url,
        paragraphs=(*story.article.paragraphs, f"See {long_url} for the whole thing."),
    )
    text = render([dataclasses.replace(story, article=article)]).text
    assert_wrapped(text)
    too_long = [line for line in text.splitlines() if len(line) > PLAIN_TEXT_WIDTH]
    assert too_long and all(long_url in line for line in too_long)


def test_links_are_numbered_footnotes_matching_story_headings(render: Render) -> None:
    stories = synthetic.stories(3)
    text = render(stories).text
    notes = footnotes(text)
    assert notes == {n: s.article.source_url for n, s in enumerate(stories, start=1)}
    for n, story in enumerate(stories, start=1):
        assert f"{story.article.title} [{n}]" in " ".join(text.split())
    assert "Unsubscribe: mailto:" in text


def test_shortened_stories_point_to_their_footnote(digest_40: Newsletter) -> None:
    text = digest_40.text
    notes = footnotes(text)
    shortened = [s for s in digest_40.stories if not s.full_text]
    assert shortened
    for story in shortened:
        number = next(n for n, url in notes.items() if url == story.article.source_url)
        assert f"Read more: [{number}]" in text
        assert story.article.paragraphs[-1] not in " ".join(text.split())
    assert "shortened to key points" in text
    assert_wrapped(text)
