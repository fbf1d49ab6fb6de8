"""Links, structure and images kept from article to email (issue 16).

For each article in ``benchmarks/fixtures/links`` (HTML pages and Markdown
files written for this benchmark: many links, lists, quotes, figures, and a
few hostile links and images), reads the main text's links straight from the
source (HTML: the ``<article>`` or ``.story`` element, relative links resolved
against the page's canonical URL; Markdown: markdown-it's tokens, reference
links included), builds a newsletter with ``images = "all"`` and counts:

- links whose text the cleaner kept in the article's paragraphs (a paragraph
  the cleaner drops as boilerplate loses its links with it);
- links whose text and target are both in the HTML part (target: >= 95 %);
- links whose text is followed by a ``[n]`` footnote whose URL is the target
  in the plain-text part (target: 100 %);
- hrefs in the HTML part with a scheme other than http, https or mailto (0);
- images in the HTML part without alt text, a pixel width or an https src (0).

    .venv/bin/python benchmarks/bench_links.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from markdown_it import MarkdownIt

from maildigest.config import Settings
from maildigest.pipeline import compose
from maildigest.sanitize import SAFE_SCHEMES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "links"
Link = tuple[str, str]
"""(text, target) with the text's whitespace collapsed."""


def squash(text: str) -> str:
    return " ".join(text.split())


def source_links(path: Path) -> tuple[list[Link], list[str]]:
    """The main text's safe links, and the texts of its links with other schemes."""
    pairs = html_links(path) if path.suffix == ".html" else markdown_links(path)
    safe = [(text, href) for text, href in pairs if urlsplit(href).scheme in SAFE_SCHEMES]
    unsafe = [text for text, href in pairs if urlsplit(href).scheme not in SAFE_SCHEMES]
    return safe, unsafe


def html_links(path: Path) -> list[Link]:
    root = lxml.html.fromstring(path.read_text("utf-8"))
    base = root.xpath("string(//link[@rel='canonical']/@href)")
    (main,) = root.xpath("//article | //div[@class='story']")
    return [(squash(a.text_content()), urljoin(base, a.get("href"))) for a in main.iter("a")]


def markdown_links(path: Path) -> list[Link]:
    text = path.read_text("utf-8").split("\n---\n", 1)[1]  # after the front matter
    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # count bad-scheme links too
    pairs: list[Link] = []
    for token in parser.parse(text):
        href: str | None = None
        words: list[str] = []
        for child in token.children or []:
            if child.type == "link_open":
                href, words = str(child.attrGet("href")), []
            elif child.type == "link_close" and href is not None:
                pairs.append((squash("".join(words)), href))
                href = None
            elif href is not None and child.type in ("text", "code_inline"):
                words.append(child.content)
    return pairs


def html_part(html: str) -> tuple[Counter[Link], list[str], list[str]]:
    """The HTML part's links, its hrefs with a bad scheme, and its faulty images."""
    root = lxml.html.fromstring(html)
    links = Counter((squash(a.text_content()), a.get("href", "")) for a in root.iter("a"))
    bad_schemes = [
        href for _, href in links if href and urlsplit(href).scheme.lower() not in SAFE_SCHEMES
    ]
    faulty = [
        img.get("src", "")
        for img in root.iter("img")
        if not (img.get("alt") or "").strip()
        or not re.fullmatch(r"\d+", img.get("width") or "")
        or urlsplit(img.get("src", "")).scheme != "https"
    ]
    return links, bad_schemes, faulty


def footnoted(text: str, link: Link) -> bool:
    """The link's text is followed by ``[n]`` and footnote n is its target."""
    notes = dict(re.findall(r"^\[(\d+)\] (\S+)$", text, re.M))
    body = squash(text)
    pattern = re.escape(link[0]).replace(r"\ ", r"\s+") + r"\s+\[(\d+)\]"
    return any(notes.get(m[1]) == link[1] for m in re.finditer(pattern, body))


def main() -> int:
    settings = Settings(images="all")
    rows = []
    totals = Counter[str]()
    for path in sorted(FIXTURES.iterdir()):
        expected, unsafe = source_links(path)
        newsletter = compose([path], settings=settings)
        links, bad_schemes, faulty = html_part(newsletter.html)
        kept_text = " ".join(newsletter.stories[0].article.paragraphs)
        in_html = sum(1 for link in expected if links[link] > 0)
        in_text = sum(1 for link in expected if footnoted(newsletter.text, link))
        images = sum(1 for _ in lxml.html.fromstring(newsletter.html).iter("img"))
        row = {
            "links": len(expected),
            "in kept text": sum(1 for text, _ in expected if text in kept_text),
            "html": in_html,
            "text": in_text,
            "unsafe in source": len(unsafe),
            "bad schemes out": len(bad_schemes),
            "images": images,
            "faulty images": len(faulty),
        }
        totals.update(row)
        rows.append((path.name, row))
    rows.append(("total", dict(totals)))
    columns = list(rows[0][1])
    print("| article | " + " | ".join(columns) + " | html % | text % |")
    print("|---" * (len(columns) + 3) + "|")
    for name, row in rows:
        share = [
            f"{100 * row[k] / row['links']:.1f}" if row["links"] else "-" for k in ("html", "text")
        ]
        print(
            f"| {name} | " + " | ".join(str(row[c]) for c in columns) + f" | {' | '.join(share)} |"
        )
    html_share = totals["html"] / totals["links"]
    text_share = totals["text"] / totals["links"]
    targets = [
        ("links kept in the HTML part", f"{100 * html_share:.1f} %", ">= 95 %", html_share >= 0.95),
        ("links as text-part footnotes", f"{100 * text_share:.1f} %", "100 %", text_share == 1),
        ("hrefs with another scheme", str(totals["bad schemes out"]), "0", not totals["bad schemes out"]),
        ("images without alt/width/https", str(totals["faulty images"]), "0", not totals["faulty images"]),
    ]  # fmt: skip
    print("\n| target | got | wanted | ok |\n|---|---|---|---|")
    for name, got, wanted, ok in targets:
        print(f"| {name} | {got} | {wanted} | {'yes' if ok else 'NO'} |")
    return 0 if all(ok for *_, ok in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
