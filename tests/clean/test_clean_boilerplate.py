"""Page furniture is recognised by kind; article sentences that merely mention
the same words are not."""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants as constants
from re import _parser as parser
from typing import Any

import pytest

from maildigest.clean import boilerplate
from maildigest.clean.boilerplate import boilerplate_kind, starts_list

FURNITURE = {
    "share": [
        "Share this page",
        "Email this story",
        "Click to share on Reddit (Opens in new window)",
        "1.2k shares",
        "Twitter Facebook Pinterest Email",
    ],
    "follow": [
        "Follow us on Instagram",
        "Follow The Daily Planet on Twitter",
        "Like our page on Facebook",
    ],
    "newsletter": [
        "Subscribe to our weekly newsletter",
        "Enter your email address",
        "Never miss a story: sign up for our morning briefing.",
        "No spam. You can unsubscribe at any time.",
    ],
    "cookie": [
        "We use cookies to personalise content. By using this website you accept our policy.",
        "Accept all cookies",
        "I agree",
        "Manage preferences",
    ],
    "advertisement": [
        "ADVERTISING",
        "- Advertisement -",
        "Sponsored",
        "Article continues below this ad",
    ],
    "read_more": ["Keep reading", "Read the full article", "Click here for more"],
    "related": [
        "Also read: Markets rally as inflation cools",
        "See also | How the storm was forecast",
        "More from The Daily Planet",
        "You might also like",
        "Most Read",
        "Up next: The week in pictures",
    ],
    "comments": [
        "12 comments",
        "Leave a comment",
        "Comments are disabled for this article.",
        "Our community guidelines apply to all comments.",
        "Log in to comment",
        "reader42 says:",
    ],
    "copyright": [
        "Copyright © 2024 Example Media Ltd",
        "(c) 2023 Daily Planet Inc. All Rights Reserved.",
        "Terms of Use | Privacy Notice",
    ],
    "caption": [
        "Photo: Jane Roe/AP",
        "(Credit: John Smith / Shutterstock)",
        "Image 3 of 12",
        "Jane Roe / Reuters",
        "A view of the harbour. (AP Photo/Jane Roe)",
    ],
    "author_bio": [
        "About the author: Mary Major covers energy for the Planet.",
        "Mary Major is a staff reporter covering climate. Follow her on X @marymajor.",
        "Reach the writer at mary.major@example.com.",
        "Email: newsdesk@example.org",
        "Send your tips to tips@example.net, or call us.",
    ],
    "tags": [
        "Tags: climate, energy, oil",
        "Filed in: World News",
        "Categories: Science, Space",
        "TOPICS:",
    ],
    "breadcrumb": [
        "You are here: Home / World",
        "Home › World › Europe",
        "News / Politics / Congress",
    ],
    "widget": [
        "Listen to this article",
        "Loading...",
        "Please enable JavaScript to view this content.",
        "Report an error",
    ],
    "navigation": ["Skip to main content", "Back to top", "Menu", "Sign in", "Back to homepage"],
}


@pytest.mark.parametrize(
    ("kind", "line"), [(kind, line) for kind, lines in FURNITURE.items() for line in lines]
)
def test_furniture_is_recognised(kind: str, line: str) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The company said it would share the data with regulators next week.",
        "Shares of the company fell 5% after the report.",
        "Twitter said the accounts had been suspended for spam.",
        "Like many people on Twitter, he was surprised by the result.",
        "The newsletter, founded in 2015, now has 200,000 readers and a podcast.",
        "Cookies and milk were served at the reception, organisers said.",
        "Reuters reported on Tuesday that the deal had collapsed.",
        "The deal was first reported by Bloomberg.",
        "Related research has shown similar effects in mice.",
        "Smith is a senior analyst at Morgan Stanley.",
        "Print media has been declining for two decades.",
        "Season 2 / Episode guide",
        "Why Bees Read the Skyline",
        "Latest figures show unemployment at 4.1%.",
        "The copyright case, filed in 2019, was dismissed.",
        "Save the date: the festival returns in June.",
        # an address in a sentence of the story is the story's (only a bio or a bare
        # contact line is furniture)
        "Residents with questions can write to ferries@harbour-council.gov before May.",
        "The lab shares its data on request through opendata@example.edu, it said.",
    ],
)
def test_article_text_is_not_furniture(line: str) -> None:
    assert boilerplate_kind(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [("📧 Email this story", "share"), ("► Related: Council approves budget", "related")],
)
def test_icons_before_a_label_are_ignored(line: str, kind: str) -> None:
    assert boilerplate_kind(line) == kind


def test_list_headings_only_without_their_item() -> None:
    assert starts_list("Related Articles")
    assert starts_list("More from Science...")
    assert starts_list("TOPICS:")
    assert not starts_list("Read more: Markets rally as inflation cools")
    assert not starts_list("Sponsored Content")


def test_the_combined_prefilter_for_long_pages_changes_no_verdict() -> None:
    from maildigest.clean.boilerplate import PREFILTER_MIN_LINES, boilerplate_kinds

    sample = [
        "Share this article on Facebook",
        "Sign up for our newsletter to get the best stories in your inbox",
        "© 2024 Harbour Press. All rights reserved.",
        "Home / News / Local",
        "Related: Ferry fares to rise in spring",
        "Tags: harbour, ferries, council",
        "The harbour reopened on Friday after engineers finished repairs to the sea wall.",
        "Photo: Jane Roe",
        "Advertisement",
        "Fishing crews said the closure had cost them most of the autumn catch.",
    ]
    lines = sample * (PREFILTER_MIN_LINES // len(sample) + 1)
    assert boilerplate_kinds(lines) == [boilerplate_kind(line) for line in lines]
    assert boilerplate_kinds(sample) == [boilerplate_kind(line) for line in sample]


def _needs_a_cue(nodes: Iterable[tuple[Any, Any]], cues: tuple[str, ...]) -> bool:
    """True when every match of these regex nodes (``re._parser``'s parse tree)
    contains, casefolded, one of ``cues``: a run of literals holding a cue, a
    set of single characters that are all cues, or a group, branch, repeat (at
    least once) or lookahead whose every match does."""
    run = ""
    for op, value in nodes:
        if op is constants.LITERAL:
            run += chr(value)
            if any(cue in run.casefold() for cue in cues):
                return True
            continue
        run = ""
        if op is constants.IN and all(kind is constants.LITERAL for kind, _ in value):
            found = all(any(cue == chr(v).casefold() for cue in cues) for _, v in value)
        elif op is constants.BRANCH:
            found = all(_needs_a_cue(branch, cues) for branch in value[1])
        elif op is constants.SUBPATTERN:
            found = _needs_a_cue(value[3], cues)
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            found = value[0] >= 1 and _needs_a_cue(value[2], cues)
        elif op is constants.ASSERT:
            found = value[0] == 1 and _needs_a_cue(value[1], cues)
        else:
            found = False
        if found:
            return True
    return False


@pytest.mark.parametrize("kind", sorted(boilerplate._PATTERNS))
def test_every_line_a_rule_matches_has_one_of_its_cues(kind: str) -> None:
    """The proof behind skipping (and never compiling) a rule for lines without its cues."""
    tree = parser.parse(boilerplate._PATTERNS[kind], re.I | re.X)
    assert _needs_a_cue(tree, boilerplate._CUES[kind])
    assert not _needs_a_cue(tree, ("zzz",))  # the check can fail


def verdicts_with_and_without_cues(
    lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str | None], list[str | None]]:
    with_cues = [boilerplate_kind(line) for line in lines]
    with monkeypatch.context() as patch:
        patch.setattr(boilerplate, "_CUES", {kind: ("",) for kind in boilerplate._PATTERNS})
        return with_cues, [boilerplate_kind(line) for line in lines]


def test_cues_skip_rules_without_changing_any_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line for examples in FURNITURE.values() for line in examples]
    lines += ["Okay.", "I agree", "Manage preferences", "3 of 12", "PHOTO: AP", "[1]: https://x.io"]
    with_cues, without = verdicts_with_and_without_cues(lines, monkeypatch)
    assert with_cues == without
    assert sum(kind is not None for kind in with_cues) == len(lines)


def test_cues_change_no_verdict_on_the_messy_dataset(
    messy_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(messy_lines) > 1_000
    with_cues, without = verdicts_with_and_without_cues(messy_lines, monkeypatch)
    assert with_cues == without


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("You have reached your limit of free stories.", "paywall"),
        ("Already a subscriber? Sign in", "paywall"),
        ("Get unlimited access for €3 a month", "paywall"),
        ("This report is for premium members only.", "paywall"),
        ("Sign me up", "newsletter"),
        ("Enter your e-mail", "newsletter"),
        ("The weekend round-up, in your inbox on Saturdays", "newsletter"),
        ("Enjoyed this? You'll like our Friday evening email.", "newsletter"),
        ("We're on: Instagram · TikTok · YouTube", "follow"),
        ("Up next: Harbour wall plan goes to council", "related"),
        ("Log in to keep reading", "paywall"),
        ("Get 3 months for $1", "paywall"),
        ("Subscriber-only content", "paywall"),
        ("Already have an account? Sign in", "paywall"),
        ("Join our Telegram channel for breaking news", "follow"),
        ("Not on Facebook? Follow us on Bluesky", "follow"),
        ("Gift this article", "share"),
        ("A- A A+", "share"),
        ("This story is more than 5 years old", "widget"),
        ("Got a tip? Contact our newsdesk", "widget"),
        ("Written by: Ana Costa", None),
    ],
)
def test_prompts_by_kind(line: str, kind: str | None) -> None:
    assert boilerplate_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The video spread on TikTok and Instagram within hours.",
        "The club has 40,000 members and no debt.",
        "Subscribers to the service rose by a fifth last year, the company said.",
        "Members only have until Friday to vote.",
        "Tickets are free for members of the society.",
        "The offer gives new customers 3 months for $1, the company said in a statement.",
        "Why does it matter? The port handles a third of the region's freight.",
        "He joined our team on Instagram last year.",
    ],
)
def test_sentences_about_networks_and_members_are_text(line: str) -> None:
    assert boilerplate_kind(line) is None
