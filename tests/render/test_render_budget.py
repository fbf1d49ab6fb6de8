"""The Gmail clip budget: later stories shorten, the fewest that fit, never silently over."""

from __future__ import annotations

import math
import random

import lxml.html
import pytest
import synthetic_articles as synthetic
from hypothesis import given
from hypothesis import strategies as st
from synthetic_articles import Render

from maildigest.config import GMAIL_CLIP_BYTES, SIZE_BUDGET
from maildigest.errors import RenderError
from maildigest.models import Newsletter
from maildigest.render import fewest_that_fit


def size(newsletter: Newsletter) -> int:
    return len(newsletter.html.encode("utf-8"))


def test_40_story_digest_fits_with_every_title(digest_40: Newsletter) -> None:
    assert size(digest_40) <= SIZE_BUDGET < GMAIL_CLIP_BYTES
    root = lxml.html.document_fromstring(digest_40.html)
    titles = [h2.text_content() for h2 in root.xpath("//h2[@class='md-title']")]
    assert titles == [s.article.title for s in synthetic.stories(40)]


def test_later_stories_shorten_first_and_keep_bullets_and_link(digest_40: Newsletter) -> None:
    full = [s.full_text for s in digest_40.stories]
    assert full[0] and not full[-1]
    assert full == sorted(full, reverse=True), "only a tail of stories is shortened"
    root = lxml.html.document_fromstring(digest_40.html)
    last = root.xpath("//td[contains(@class, 'md-story')]")[-1]
    story = digest_40.stories[-1]
    assert [li.text_content() for li in last.xpath(".//li")] == story.summary.texts
    (link,) = last.xpath(".//p[@class='md-paragraph']/a")
    assert link.text_content() == "Read the full article"
    assert link.get("href") == story.article.source_url


def test_one_line_notice_in_the_build_and_in_the_email(digest_40: Newsletter) -> None:
    shortened = sum(not s.full_text for s in digest_40.stories)
    (notice,) = [n for n in digest_40.notices if n.startswith("size budget")]
    assert "\n" not in notice
    assert f"{shortened} of 40 article(s) shortened" in notice
    root = lxml.html.document_fromstring(digest_40.html)
    shown = root.xpath("//p[contains(@class, 'md-notice')]")[0].text_content()
    assert f"The last {shortened} of 40 stories are shortened" in shown


def test_no_story_is_shortened_needlessly(render: Render, digest_12: Newsletter) -> None:
    stories = synthetic.stories(40)
    budget = size(digest_12) + 20_000
    newsletter = render(stories, size_budget=budget)
    shortened = sum(not s.full_text for s in newsletter.stories)
    assert 0 < shortened < 40 and size(newsletter) <= budget
    # one more full story would not fit: the smallest number was shortened
    one_fewer = [*newsletter.stories]
    one_fewer[40 - shortened] = stories[40 - shortened]
    assert size(render(one_fewer, size_budget=10**7)) > budget


def test_everything_fits_means_nothing_shortened(digest_12: Newsletter) -> None:
    assert all(s.full_text for s in digest_12.stories)
    assert not [n for n in digest_12.notices if n.startswith("size budget")]


def test_impossible_budget_is_an_error_not_a_clipped_email(render: Render) -> None:
    with pytest.raises(RenderError, match=r"even with every article shortened; budget is 20,000"):
        render(count=12, size_budget=20_000)


def test_full_text_off_shows_no_paragraphs_and_no_budget_notice(render: Render) -> None:
    newsletter = render(count=3, full_text=False)
    assert not lxml.html.document_fromstring(newsletter.html).xpath(
        "//p[@class='md-paragraph' and not(a)]"
    )
    assert not newsletter.notices


@given(
    st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=60),
    st.data(),
)
def test_search_finds_the_fewest_in_logarithmic_probes(
    sizes: list[int], data: st.DataObject
) -> None:
    savings = [0, *sizes]
    cumulative = [sum(savings[: k + 1]) for k in range(len(savings))]
    full = 10_000 + cumulative[-1]
    # true sizes differ from the estimate by up to 20 % per story
    rng = random.Random(data.draw(st.integers(0, 10**6)))
    actual = [0]
    for saving in sizes:
        actual.append(actual[-1] + max(1, round(saving * rng.uniform(0.8, 1.2))))
    n = len(sizes)
    budget = data.draw(st.integers(min_value=full - actual[n], max_value=full - 1))
    probes: list[int] = []

    def size_of(k: int) -> int:
        probes.append(k)
        return full - actual[k]

    found = fewest_that_fit(n, size_of, budget, cumulative)
    expected = next(k for k in range(n + 1) if size_of(k) <= budget)
    probes = probes[: -(expected + 1)]  # drop the linear reference scan
    assert found == expected
    assert len(probes) <= 2 * math.ceil(math.log2(n + 1)) + 4
