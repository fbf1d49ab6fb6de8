"""Is a paraphrased bullet supported by its article? A check on facts, not on words.

A model may reword ordinary vocabulary ("use" for "feature"), but the things a
reader takes as facts must come from the article: every number (digits or a
number word), every capitalised name or date word, and every negation. A
negated word in the bullet must be negated somewhere in the article ("not"
added), and a word the bullet's closest sentence negates must not appear
un-negated in the bullet ("not" dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from maildigest.summarize.tokens import STOP_WORDS, content_words, stem

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "dozen": "12"}
_TOKEN = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?")
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
NEGATION_REACH = 3
"""A negation governs the next few words ("did not immediately respond")."""


class Unsupported(ValueError):
    """A bullet states a number, name or negation the article does not."""


def numbers(text: str) -> set[str]:
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found.update(_NUMBER_WORDS[w] for w in _words(text) if w in _NUMBER_WORDS)
    return found


def names(text: str) -> set[str]:
    """Capitalised words after the first (the first is capitalised anyway), and the
    first when it is not a common word of English closed class."""
    tokens = _TOKEN.findall(text)
    found = {t for t in tokens[1:] if t[:1].isupper()}
    if tokens and tokens[0][:1].isupper() and tokens[0].lower() not in STOP_WORDS:
        found.add(tokens[0])
    return {_base(t) for t in found} - {""}


def negated(text: str) -> set[str]:
    """The first content word within ``NEGATION_REACH`` words after each negation."""
    words = _words(text)
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in _NEGATIONS or word.endswith("n't"):
            following = [w for w in words[i + 1 : i + 1 + NEGATION_REACH] if w not in STOP_WORDS]
            found.update(_root(w) for w in following[:1])
    return found


def _root(word: str) -> str:
    """A coarse stem, so "approve" and "approved" meet."""
    return stem(word).rstrip("e")


class Support:
    """What an article can vouch for, gathered once and checked per bullet."""

    def __init__(self, title: str, sentences: Iterable[str]) -> None:
        self.sentences = [title, *sentences] if title else list(sentences)
        text = "\n".join(self.sentences)
        self.numbers = numbers(text)
        self.vocabulary = {_base(t) for t in _TOKEN.findall(text)}
        self.stems = set(content_words(text))
        self.negated = set().union(*(negated(s) for s in self.sentences))
        self._words = [set(content_words(s)) for s in self.sentences]

    def check(self, bullet: str) -> None:
        """Raise ``Unsupported`` naming what the article does not support."""
        missing = sorted(numbers(bullet) - self.numbers)
        missing += sorted(
            n for n in names(bullet) if n not in self.vocabulary and stem(n) not in self.stems
        )
        added = negated(bullet) - self.negated
        if missing:
            raise Unsupported(f"not in the article: {', '.join(missing[:5])}")
        if added:
            raise Unsupported(f"negation not in the article: not {', '.join(sorted(added))}")
        closest = self.closest(bullet)
        plain = {_root(w) for w in _words(bullet)}
        dropped = (negated(self.sentences[closest]) & plain) - negated(bullet)
        if dropped:
            raise Unsupported(f"drops the article's negation of: {', '.join(sorted(dropped))}")

    def closest(self, bullet: str) -> int:
        """Index (in ``sentences``) of the sentence sharing most content words with ``bullet``."""
        words = set(content_words(bullet))
        return max(range(len(self.sentences)), key=lambda i: (len(words & self._words[i]), -i))


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in re.findall(r"[\w'’]+", text)]


def _base(token: str) -> str:
    """ "Xiaomi's" is Xiaomi, "U.S." is us: case and dots do not make a different name."""
    token = token.lower().replace("’", "'").removesuffix("'s").rstrip("'")
    return token.replace(".", "")
