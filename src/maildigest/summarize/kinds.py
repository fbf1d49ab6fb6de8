"""Kinds of sentence that make poor key points, told apart by their form.

Each test names a kind of text (a byline, a caption, a call to action, a
sentence that leans on the one before it) and is written from small general
vocabularies (pronouns, discourse connectives, the words page furniture is made
of), never from sentences of a particular article. English only: in another
language none of them fires, and the scorer alone decides.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
)
# Page furniture around the story: "By Ann Lee | Published 3 May | Updated 09:12 GMT"
_BYLINE = re.compile(
    r"^\s*By\s+(?:[A-Z][\w.'’-]*\s*){1,4}(?:$|[|,•·–—-]|\s(?:and|for|in)\s)"
    r"|\b(?:Published|Updated|Last\s+(?:updated|modified)|Posted)\s*:?\s*(?:on\s+)?"
    r"(?:\d|" + _MONTH + r")"
    r"|\d{1,2}[:.]\d{2}\s*(?:GMT|BST|UTC|CET|CEST|[ECMP][SD]T)\b"
)
_FIELD_SEPARATOR = " | "
"""Two or more of these join a page's metadata fields ("By … | Published … | …")."""
# An image caption: a placement note in brackets or a photo label and credit.
_CAPTION = re.compile(
    r"\((?:pictured|left|right|centre|center|above|below|top|bottom|inset|file)\b[^()]*\)"
    r"|^(?:photo(?:graph)?|image|picture|credit|caption|video)\s*(?:credit)?\s*:"
    r"|\b(?:getty images|photo(?:graph)?\s*:|image\s*:|file (?:photo|picture|image))"
)
"""Matched against the lower-cased text (faster than a case-blind pattern)."""
# The writer speaking to the reader about the page, not reporting.
_CALL_TO_ACTION = re.compile(
    r"\b(?:stay tuned|scroll down|click (?:here|the link)|sign up|subscribe|follow us"
    r"|read more|let us know|share this|don'?t miss|watch the video|find out more"
    r"|check back|keep an eye)\b"
)
"""Matched against the lower-cased text."""
# A sentence whose subject or logic is in the sentence before it.
_PRONOUNS = "he she it they this that these those his her its their him them such"
_CONNECTIVES = (
    "but however also meanwhile instead still yet and so then moreover furthermore besides "
    "nevertheless nonetheless thus therefore hence otherwise likewise similarly additionally "
    "as_a_result in_addition for_example for_instance on_the_other_hand in_turn even_so"
)
_LEANS_ON_PREVIOUS = re.compile(
    r"^[\"'“‘(]?(?:"
    + "|".join(w.replace("_", r"\s+") for w in f"{_PRONOUNS} {_CONNECTIVES}".split())
    + r")\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|me|my|My|you|You|your|Your)\b")
_QUOTED = re.compile(r"[\"“”‘’']([^\"“”]{12,600}?)[\"“”’'](?=[\s,.;:!?]|$)")


def is_page_furniture(text: str) -> bool:
    """A byline, timestamp, caption or call to action: never a key point."""
    return (
        text.count(_FIELD_SEPARATOR) >= 2
        or bool(_BYLINE.search(text))
        or bool(_CAPTION.search(lowered := text.lower()) or _CALL_TO_ACTION.search(lowered))
    )


def leans_on_previous(text: str) -> bool:
    """Opens with a pronoun or connective that points back ("It was the first…", "But…")."""
    return bool(_LEANS_ON_PREVIOUS.match(text))


def quote_share(text: str) -> float:
    """The share of the sentence's characters inside quotation marks."""
    quoted = sum(len(m.group(1)) for m in _QUOTED.finditer(text))
    return min(1.0, quoted / (len(text) or 1))


def speaks_to_reader(text: str) -> bool:
    """First or second person outside quotes, or a question or exclamation: commentary."""
    unquoted = _QUOTED.sub(" ", text)
    return bool(_FIRST_PERSON.search(unquoted)) or unquoted.rstrip("\"'”’ ").endswith(("?", "!"))
