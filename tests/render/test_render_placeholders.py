"""Article text is data: send's {{ recipient.x }} personalization never fills it."""

from __future__ import annotations

from pathlib import Path

import maildigest
from maildigest.config import Settings
from maildigest.send.personalize import has_placeholders
from maildigest.text import WORD_JOINER, inert

HOSTILE = "Reply to {{ recipient.email }} or %7B%7B recipient.name %7D%7D {% raw %} now."


def test_inert_breaks_every_placeholder_opener_and_nothing_else() -> None:
    assert not has_placeholders(inert(HOSTILE))
    assert inert(HOSTILE).replace(WORD_JOINER, "") == HOSTILE
    for harmless in ("Prices {rose} by 5%7B", "{{ email.subject }} and {% if x %}"):
        assert inert(harmless) == harmless


def test_article_placeholders_stay_literal_but_inert_in_every_part(tmp_path: Path) -> None:
    article = tmp_path / "article.md"
    article.write_text(
        "---\ntitle: Ask {{ recipient.email }} anything\ndate: 2024-02-01\n---\n\n"
        f"The library opened a question desk on Monday for every resident. {HOSTILE}\n\n"
        "Volunteers will answer letters within a week, the organisers said on Monday.\n",
        "utf-8",
    )
    result = maildigest.build([article], out_dir=tmp_path / "out", settings=Settings())
    newsletter = result.newsletter
    for part in (newsletter.html, newsletter.text, newsletter.subject):
        assert not has_placeholders(part)
    visible = newsletter.text.replace(WORD_JOINER, "")
    assert "{{ recipient.email }}" in visible
    assert "Ask {{ recipient.email }} anything" in newsletter.subject.replace(WORD_JOINER, "")
