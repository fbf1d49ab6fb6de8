"""Trim low-content material off a sentence so a bullet is short and dense.

Every rule only deletes a span (a dateline, a caption label, a parenthetical,
a trailing attribution, a leading discourse filler); nothing is added or
reordered, so a trimmed bullet is still the article's own words. The one
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

# "(CNN)", "LONDON, England (CNN) -- ", "WASHINGTON (Reuters) - ", "PARIS — "
_DATELINE = re.compile(
    r"""^(?:
        (?:[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]+)*\s*)?\([A-Z][^()]{0,40}\)\s*(?:--|[-—–])?
      | [A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z][A-Za-z.'-]+)*\s*(?:--|[—–])
    )\s*""",
    re.X,
)
# A heading in capitals glued before a sentence: "BALL OF THE CENTURY Benaud was ..."
_HEADING = re.compile(r"^(?:[A-Z][A-Z'’&-]+\s+){2,}(?=[A-Z][a-z])")
# A caption label glued before a sentence ("Retro: The original ...", "Go fetch: This
# dog ..."), or a discourse lead-in ("And here is the headline: their ...").
_LABEL = re.compile(
    r"^(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}:\s+(?=[\"'“‘A-Z])"
    r"|(?i:and|but|so|now|well|here)\b[\w'’\s-]{0,40}?:\s+(?=\w))"
)
_SPEECH_LABEL = re.compile(
    r"\b(?:said|says|told|added|wrote|asked|explained|tweeted)\s*:\s*$", re.I
)
# An aside in brackets after some text: "(pictured)", "(3.7 miles)". One that opens
# the sentence is not an aside ("(CNN) was first to report it").
_PARENTHETICAL = re.compile(r"(?<=\S)\s*\([^()]{1,60}\)(?=[\s,.;:!?'\"’”]|$)")
# ", police said." / ", he told CNN on Tuesday." / ", according to the BBC." /
# ", say local police." at the end
_ATTRIBUTION = re.compile(
    r",\s+(?:(?:[\w'’.-]+\s+){0,5}(?:said|says|say|told\s+[^,.!?]{1,30}|added|reported|"
    r"announced|confirmed)(?:\s+(?:on\s+)?\w+day)?|according\s+to\s+[^,.!?]{1,50}"
    r"|(?:said|says|say|added)\s+(?:[\w'’.-]+\s*){1,5})"
    r"(?=[.!?]$)"
)
_LEADING_FILLER = re.compile(
    r"^(?:according to [^,.!?]{1,50},|well|so|and|but|also|now|meanwhile|however|indeed|still|in simple terms|in short|"
    r"in other words|in addition|additionally|furthermore|moreover)\s*,?\s+(?=\S)"
    # a commenting adverb: "Incredibly, customers ..." (never a hedge such as
    # "Reportedly," or "Allegedly,", which the sentence's truth depends on)
    r"|^(?:incredibly|remarkably|interestingly|surprisingly|unsurprisingly|amazingly|"
    r"astonishingly|fortunately|unfortunately|sadly|tragically|thankfully|luckily|"
    r"ironically|curiously|predictably|notably|importantly|crucially),\s+(?=\S)",
    re.I,
)


def trim(text: str, *, first: bool = False) -> str:
    """``text`` with low-content spans deleted; ``first`` marks the article's first sentence."""
    result = text
    if first:
        result = _cut(result, _DATELINE)
    result = _cut(result, _HEADING)
    label = _LABEL.match(result)
    if label and not _SPEECH_LABEL.search(label.group(0)):
        result = _cut(result, _LABEL)
    result = _cut(result, _PARENTHETICAL, all_matches=True)
    result = _cut(result, _ATTRIBUTION)
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


def _cut(text: str, pattern: re.Pattern[str], *, all_matches: bool = False) -> str:
    trimmed = pattern.sub("", text, count=0 if all_matches else 1).strip()
    return trimmed if len(trimmed.split()) >= MIN_KEPT_WORDS else text
