"""The hostile corpus: public test suites plus generated pathological inputs.

Each ``Case`` is one input file for ``maildigest build``. A payload sits between
two sentences unique to the case inside an ordinary news article, so a run can
check that the article around it survives and (where the payload is text) that
its words do too. Sources, licences and how to refresh them: README.md here.
"""

from __future__ import annotations

import base64
import functools
import html
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data")
FILLER = (
    "The council met for three hours and heard from residents on both sides of the debate "
    "before the chair called the final vote late in the evening.",
    "A final vote on the wider regional transport budget is expected next month, when the "
    "finance committee publishes its review of fares and subsidies.",
)


@dataclass(frozen=True)
class Case:
    category: str
    id: str
    filename: str
    make: Callable[[], str]
    """The input text, made on demand (pathological cases are tens of MB)."""
    before: str
    after: str
    words: tuple[str, ...] = ()
    """Text that must stay readable: its letters and digits, after NFKC and casefolding,
    in one of these readings (see ``readings``)."""
    exact: tuple[str, ...] = ()
    """Strings that must appear verbatim in both parts (emoji sequences, joined words)."""
    title: tuple[str, ...] = ()
    """Text put in the title: the Subject header must carry it under the header policy."""
    may_refuse: bool = False
    """A one-line refusal with a documented exit code is a pass (limits)."""
    tags: tuple[str, ...] = field(default_factory=tuple)


def sentences(number: int) -> tuple[str, str]:
    return (
        f"The harbour board of district {number} approved a new ferry timetable on Monday.",
        f"Officials in district {number} said the changes would take effect in the spring.",
    )


def article(fmt: str, number: int, body: str = "", title: str = "", head: str = "") -> str:
    """An article in ``fmt`` (txt, md, html) with ``body`` inside its first paragraph.

    ``body`` and ``title`` are written as they are: escape them first for text.
    """
    before, after = sentences(number)
    headline = f"Ferry timetable approved {title} in district {number}"
    if fmt == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in FILLER)
        return (
            f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{headline}</title>"
            f"{head}</head><body><main><article><h1>{headline}</h1><p>{before} {body} {after}</p>"
            f"{paragraphs}</article></main></body></html>"
        )
    heading = f"# {headline}" if fmt == "md" else headline
    return "\n\n".join([heading, f"{before} {body} {after}", *FILLER]) + "\n"


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&])")


_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def readings(text: str) -> tuple[str, ...]:
    """The ways a reader may legitimately see ``text`` (docs/guides/unicode.md): as
    written; with entities read as characters, as maildigest reads them (with their
    ";"), or as an HTML parser does (without); terminal escape sequences are controls
    and go in every reading."""
    text = _TERMINAL_ESCAPE.sub("", text)
    found: list[str] = []
    for base in (text, _formatting_tags().sub("", text)):  # a text file's scraper remnants go
        ours = full = base
        for _ in range(3):
            ours = _ENTITY.sub(lambda m: html.unescape(m[0]), ours)
            full = html.unescape(full)
        found += [base, ours, full]
    return tuple(found)


@functools.cache
def _formatting_tags() -> re.Pattern[str]:
    """HTML formatting tags (nh3's default allow-list: ``p``, ``b``, ``a``, ``img``...),
    which a text file loses as a scraper's remnants (docs/guides/unicode.md)."""
    import nh3

    names = "|".join(sorted(nh3.ALLOWED_TAGS, key=len, reverse=True))
    return re.compile(rf"</?(?:{names})(?:\s[^<>]*)?/?>", re.I)


def markdown_escaped(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (CommonMark backslash escapes)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _payload_cases(
    category: str,
    payloads: list[str],
    start: int,
    *,
    markup: bool = True,
    titles: bool = True,
    exact: Callable[[str], tuple[str, ...]] = lambda payload: (),
) -> Iterator[Case]:
    """Each payload as text in txt, Markdown (escaped) and HTML (escaped); as markup in
    HTML; and as a plain-text title."""
    number = start
    for index, payload in enumerate(payloads):
        one_line = " ".join(payload.split())
        visible = readings(one_line)
        variants = [
            ("txt", "text", payload, visible),
            ("md", "text", markdown_escaped(one_line), (one_line,)),
            ("html", "text", html.escape(payload), visible),
        ]
        if markup:
            variants.append(("html", "markup", payload, ()))
        for ext, kind, body, words in variants:
            number += 1
            before, after = sentences(number)
            yield Case(
                category,
                f"{category}-{index}-{ext}-{kind}",
                f"article.{ext}",
                lambda ext=ext, number=number, body=body: article(ext, number, body),
                before,
                after,
                words=words,
                exact=exact(payload) if kind == "text" else (),
            )
        if titles and one_line:
            number += 1
            before, after = sentences(number)
            yield Case(
                category,
                f"{category}-{index}-txt-title",
                "article.txt",
                lambda number=number, one_line=one_line: article("txt", number, title=one_line),
                before,
                after,
                title=visible,
            )


def blns() -> list[str]:
    """The Big List of Naughty Strings (MIT), comments and blank lines left out."""
    lines = (DATA / "blns.txt").read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def bleach_vectors() -> list[str]:
    """bleach's tests/data/*.test inputs (Apache-2.0): the part before ``--``."""
    return [
        path.read_text("utf-8").split("\n--\n", 1)[0]
        for path in sorted((DATA / "bleach").glob("*.test"))
    ]


def _code_points(line: str) -> str:
    return "".join(chr(int(point, 16)) for point in line.split())


def emoji_groups(size: int = 5) -> list[str]:
    """Unicode's multi-code-point emoji (emoji-test.txt), ``size`` to a case."""
    lines = (DATA / "unicode-emoji-sequences.txt").read_text("utf-8").splitlines()
    emoji = [_code_points(line.split("\t")[0]) for line in lines if line]
    return [" ".join(emoji[i : i + size]) for i in range(0, len(emoji), size)]


def bidi_inputs() -> list[str]:
    """BidiCharacterTest.txt inputs: Hebrew/Arabic with numbers, brackets and bidi controls."""
    lines = (DATA / "unicode-bidi-character-test.txt").read_text("utf-8").splitlines()
    return [_code_points(line) for line in lines if line]


def format_characters() -> list[str]:
    """Every invisible format character, noncharacter and tag character, each inside a word,
    plus the joiner sequences the policy keeps (Persian words, flags)."""
    import unicodedata

    cases = [
        f"in{chr(point)}visible word"
        for point in range(0x110000)
        if unicodedata.category(chr(point)) == "Cf" and not 0xE0020 < point < 0xE007F
    ]
    cases += [f"non{chr(point)}character" for point in (0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x10FFFF)]
    cases += [
        "می\u200cخواهم که بروم",  # Persian "I want to go": ZWNJ inside the first word
        "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f England",
        "tagged\U000e0041\U000e0042\U000e0043 text",
        "\u202eevil.exe\u202c reversed",
        "\u2067\u05e9\u05dc\u05d5\u05dd unclosed isolate",
    ]
    return cases


_JOINED = re.compile("\\S*[\u200c\u200d]\\S*|\U0001f3f4\\S*")


def _kept_sequences(payload: str) -> tuple[str, ...]:
    """Words joined by ZWJ/ZWNJ and tag-sequence flags: the policy keeps them whole."""
    return tuple(_JOINED.findall(payload))


def literal_markup() -> list[str]:
    """Text that looks like markup or template code: must be shown as written."""
    return [
        "<mj-raw><script>alert(1)</script></mj-raw>",
        "</mj-text></mj-column></mj-section>",
        "<![CDATA[ x ]]> and ]]> alone",
        "{{ 7*191 }} and {% if x %}yes{% endif %} and {# note #}",
        "{{ recipient.email }}",
        "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&amp;lt;b&amp;gt; double escaped",
        "<!-- a comment --> and <!-- unclosed",
        "<style>p{color:red}</style>",
        "a < b > c && d",
        "<b>bold</b> <i>italic</i> <p>para</p>",
        "$(rm -rf /) `whoami` ${HOME}",
        "=?utf-8?q?a=0D=0ABcc:_x@y.z?=",
        "%7B%7Brecipient.email%7D%7D",
        "\\n\\r\\t literal backslashes",
    ]


LIMIT = 20 * 1024 * 1024


def _fill(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def _blob(size: int) -> str:
    return base64.b64encode(random.Random(size).randbytes(size * 3 // 4)).decode()


PATHOLOGICAL: dict[str, tuple[str, Callable[[int], str], bool]] = {
    # name: (format, body maker given a byte size, in the <head> instead of the body)
    "md-empty-images": ("md", lambda n: _fill("![]() ", n), False),
    "md-empty-images-tight": ("md", lambda n: _fill("![]()", n), False),
    "md-empty-links": ("md", lambda n: _fill("[](https://example.com/x) ", n), False),
    "md-empty-links-tight": ("md", lambda n: _fill("[]()", n), False),
    "md-open-brackets": ("md", lambda n: _fill("[", n), False),
    "md-image-openers": ("md", lambda n: _fill("![", n), False),
    "md-emphasis": ("md", lambda n: _fill("*_", n), False),
    "md-backticks": ("md", lambda n: _fill("`", n), False),
    "md-angle": ("md", lambda n: _fill("<", n), False),
    "md-entities": ("md", lambda n: _fill("&amp;", n), False),
    "md-escapes": ("md", lambda n: _fill("\\[", n), False),
    "txt-spaces": ("txt", lambda n: "x" + " " * n + "y", False),
    "txt-dots": ("txt", lambda n: _fill(".", n), False),
    "txt-dashes": ("txt", lambda n: "x" + "-" * n + "y", False),
    "txt-slashes": ("txt", lambda n: _fill("a / ", n), False),
    "txt-emoji": ("txt", lambda n: _fill("🙂 ", n), False),
    "txt-base64": ("txt", lambda n: _blob(n), False),
    "txt-angle-runs": ("txt", lambda n: _fill("<a ", n), False),
    "html-data-image": ("html", lambda n: f'<img alt="chart" src="data:image/png;base64,{_blob(n)}">', False),
    "html-data-unquoted": ("html", lambda n: f"<img src=data:image/png;base64,{_blob(n)}>", False),
    "html-data-srcset": ("html", lambda n: f'<picture><source srcset="data:image/png;base64,{_blob(n)}"></picture>', False),
    "html-data-style": ("html", lambda n: f'<span style="background:url(data:image/png;base64,{_blob(n)})">x</span>', False),
    "html-base64-text": ("html", lambda n: f"<span>{_blob(n)}</span>", False),
    "html-inline-svg": ("html", lambda n: "<svg><path d='" + _fill("M0 0 L1 1 ", n) + "'/></svg>", False),
    "html-svg-data": ("html", lambda n: f'<img src="data:image/svg+xml;utf8,{_fill("%3Cg%3E", n)}">', False),
    "head-data-icon": ("html", lambda n: f'<link rel="icon" href="data:image/png;base64,{_blob(n)}">', True),
    "head-data-og": ("html", lambda n: f'<meta property="og:image" content="data:image/png;base64,{_blob(n)}">', True),
    "head-style-data": ("html", lambda n: f"<style>body{{background:url(data:image/png;base64,{_blob(n)})}}</style>", True),
    "head-script-blob": ("html", lambda n: f"<script>var font = '{_blob(n)}';</script>", True),
    "head-inline-svg": ("html", lambda n: "<svg><path d='" + _fill("M0 0 L1 1 ", n) + "'/></svg>", True),
    "html-deep-divs": ("html", lambda n: "<div>" * (n // 11) + "deep" + "</div>" * (n // 11), False),
    "html-unclosed-tags": ("html", lambda n: _fill("<p><b>x ", n), False),
    "html-comments": ("html", lambda n: _fill("<!-- c -->", n), False),
    "html-entities": ("html", lambda n: _fill("&amp;amp;lt; ", n), False),
}  # fmt: skip
PATHOLOGICAL_SIZES = (64 * 1024, 1024 * 1024, 15 * 1024 * 1024)


def pathological() -> Iterator[Case]:
    number = 90_000
    for name, (ext, make, in_head) in PATHOLOGICAL.items():
        for size in PATHOLOGICAL_SIZES:
            number += 1
            before, after = sentences(number)

            def text(ext: str = ext, make=make, size=size, number=number, in_head=in_head) -> str:
                body = make(size)
                return article(ext, number, head=body) if in_head else article(ext, number, body)

            yield Case(
                "pathological",
                f"{name}-{size // 1024}k",
                f"article.{ext}",
                text,
                before,
                after,
                may_refuse=size > LIMIT // 2,  # the element and depth limits may apply
            )


def build_corpus() -> list[Case]:
    cases: list[Case] = []
    cases += _payload_cases("blns", blns(), 1_000)
    cases += _payload_cases("bleach", bleach_vectors(), 20_000)
    cases += _payload_cases("literal-markup", literal_markup(), 21_000, markup=False)
    cases += _payload_cases(
        "emoji", emoji_groups(), 30_000, markup=False, exact=lambda p: tuple(p.split())
    )
    cases += _payload_cases("bidi", bidi_inputs(), 50_000, markup=False)
    cases += _payload_cases(
        "format-characters", format_characters(), 70_000, markup=False, exact=_kept_sequences
    )
    cases += pathological()
    return cases
