"""Trim low-content material off a sentence so a bullet is short and dense.

Every rule only deletes a span (a dateline, a heading or caption label, a
bracketed aside, a leading filler word); nothing is added or reordered, so a
trimmed bullet is still the article's own words. A span is never deleted if it
holds a number, a negation, an attribution or a hedge ("police said",
"according to", "reportedly", "is expected to"): those decide what the bullet
claims, and who claims it. The one
cosmetic change is upper-casing the first letter when the start was cut.
A trim that would leave too little of the sentence is not applied. A bullet
still longer than ``LONG_BULLET_WORDS`` (35) also loses secondary clauses: an
aside between dashes, a non-restrictive relative clause, an opening adverbial
clause, a closing participial clause, in that order, until it fits.
"""

from __future__ import annotations

import re
from functools import partial

MIN_KEPT_WORDS = 5
LONG_BULLET_WORDS = 35
"""Above this, secondary clauses are cut too (a newsletter bullet reads best short)."""

# "(AFP)", "OSLO, Norway (Reuters) -- ", "NAIROBI, March 3 (AP) - ", "LISBON — "
_DATELINE = re.compile(
    r"""^(?:
        (?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z0-9][A-Za-z0-9.'-]*)*\s*)?\([A-Z][^()]{0,40}\)\s*(?:--|[-—–])?
      | [A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z0-9][A-Za-z0-9.'-]*)*\s*(?:--|[—–])
    )\s*""",
    re.X,
)
# A heading in capitals glued before a sentence: "NIGHT OF THE FLOOD Residents were ..."
_HEADING = re.compile(r"^(?:[A-Z][A-Z'’&-]+\s+){2,}(?=[A-Z][a-z])")
# A label glued before a sentence: a caption's or kicker's ("Retro: The original ...").
_LABEL = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}:\s+(?=[\"'“‘A-Z])")
_SPEECH_LABEL = re.compile(
    r"\b(?:said|says|told|added|wrote|asked|explained|tweeted)\s*:\s*$", re.I
)
# An aside in brackets after some text: "(pictured)", "(left)". One that opens
# the sentence is not an aside ("(CNN) was first to report it").
_PARENTHETICAL = re.compile(r"(?<=\S)\s*\([^()]{1,60}\)(?=[\s,.;:!?'\"’”]|$)")
# A filler word, or the writer's comment on the fact ("Incredibly, ..."); never a
# connective that carries logic ("However", "But") nor a hedge ("Reportedly").
_LEADING_FILLER = re.compile(
    r"^(?:well|so|now|indeed|incredibly|remarkably|interestingly|surprisingly|"
    r"unsurprisingly|amazingly|astonishingly|fortunately|unfortunately|sadly|tragically|"
    r"thankfully|luckily|ironically|curiously|predictably|notably|importantly|crucially)"
    r",\s+(?=\S)",
    re.I,
)
# What a cut must never take: numbers, negations, sources and hedges.
_KEEP = re.compile(
    r"\d|\b(?:not|no|never|none|nobody|nothing|neither|nor|without|cannot|\w+n['’]t"
    r"|according|said|says|say|told|tells|reported|reportedly|allegedly|alleged|claimed|"
    r"claims|expected|rumou?red|believed|likely|unlikely|may|might|could|possibly|"
    r"probably|suspected|estimated)\b",
    re.I,
)


def trim(text: str, *, first: bool = False) -> str:
    """``text`` with low-content spans deleted; ``first`` marks the article's first sentence."""
    result = text
    if first:
        result = _cut(result, _DATELINE, guard=False)  # its date is the page's, not a claim
    result = _cut(result, _HEADING)
    label = _LABEL.match(result)
    if label and not _SPEECH_LABEL.search(label.group(0)):
        result = _cut(result, _LABEL)
    result = _cut(result, _PARENTHETICAL, all_matches=True)
    result = _cut(result, _LEADING_FILLER)
    result = _shorten(result)
    if result != text and result[:1].islower():
        result = result[0].upper() + result[1:]
    return result


# Secondary clauses, cut only from a long bullet, most expendable first. Each is
# cut only when its bounds are unambiguous: one pair of spaced dashes; a relative
# clause that is not an item of a list ("..., which bans food, drink or ...").
_DASH = re.compile(r"\s(?:--|[—–-])\s")
_DASH_ASIDE = re.compile(r"\s+(?:--|[—–-])\s+[^—–]{3,120}?\s+(?:--|[—–-])(?=\s)")
_RELATIVE = re.compile(r",\s+(?:who|whose|which|where)\s+([^,;:]{3,120}),(?=\s+([a-z]\w*\s+\w+))")
_LIST_WORDS = re.compile(r"\b(?:and|or)\b")
_OPENING_CLAUSE = re.compile(
    r"^(?:[A-Z][a-z]+ing|In|As|After|While|With|Despite|Although|Though|Following|"
    r"Dated|Since|When|During)\b[^,;:]{3,120},\s+"
)
_CLOSING_CLAUSE = re.compile(
    r",\s+(?:with|while|leaving|making|saying|adding|as|after|before)\s[^,;:]{3,150}(?=[.!?]$)"
)


def _shorten(text: str) -> str:
    """Cut secondary clauses from a bullet longer than ``LONG_BULLET_WORDS`` words."""
    steps = (
        _cut_dash_aside,
        _cut_relative,
        partial(_cut, pattern=_OPENING_CLAUSE),
        partial(_cut, pattern=_CLOSING_CLAUSE),
    )
    for step in steps:
        if len(text.split()) <= LONG_BULLET_WORDS:
            break
        text = step(text)
    return text


def _cut_dash_aside(text: str) -> str:
    return _cut(text, _DASH_ASIDE) if len(_DASH.findall(text)) == 2 else text


def _cut_relative(text: str) -> str:
    match = _RELATIVE.search(text)
    if not match or _LIST_WORDS.search(match.group(1)) or _LIST_WORDS.search(match.group(2)):
        return text
    return _cut(text, _RELATIVE)


def _cut(
    text: str, pattern: re.Pattern[str], *, all_matches: bool = False, guard: bool = True
) -> str:
    """``text`` without the pattern's span(s), unless (``guard``) a span holds something to keep."""

    def drop(match: re.Match[str]) -> str:
        return match.group(0) if guard and _KEEP.search(match.group(0)) else ""

    trimmed = pattern.sub(drop, text, count=0 if all_matches else 1).strip()
    return trimmed if len(trimmed.split()) >= MIN_KEPT_WORDS else text
