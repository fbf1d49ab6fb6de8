"""Words for scoring: lower-cased, light suffix stripping, stop words removed."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.U)
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such
    than that the their theirs them themselves then there these they this those through
    to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves said says say told according one two
    also would could may might must shall us mr mrs ms well like get got new year years
    last first time just still even much many since
    """.split()
)


def stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str) -> list[str]:
    return [
        stem(word)
        for word in (w.casefold().replace("’", "'") for w in _WORD.findall(text))
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit())
    ]
