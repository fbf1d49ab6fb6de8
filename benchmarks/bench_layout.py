"""Issue 16 figures: how the newsletter reads on a phone and whether it stays small.

    python benchmarks/bench_layout.py

* a 6-article digest with the default settings, from saved HTML article pages
  with an og:image and a figure each, and from a feed carrying each article's
  text and a media:content picture: page height and widest scroll at 375 px in
  headless Chromium (remote pictures do not load; Chromium still gives each its
  box from its width and height, so the height is the height with them);
* a single article: whether every paragraph of its full text is in the email;
* 40 stories with pictures: HTML bytes against the size budget and Gmail's clip;
* SpamAssassin (``spamassassin -t -L``) on a per-recipient message of the seed
  and of a 12-story digest with pictures, as ``send --dry-run`` writes it.

Everything is local: pages are files, feeds are files, no network.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))
sys.path.insert(0, str(ROOT / "tests" / "render"))
sys.path.insert(0, str(ROOT / "tests" / "send"))

from chromium_probe import chromium, measure  # noqa: E402
from newsite import article_page, feed_with_pictures, story_topics  # noqa: E402
from spam import spam_score  # noqa: E402

from maildigest.config import GMAIL_CLIP_BYTES, SIZE_BUDGET, Settings  # noqa: E402
from maildigest.pipeline import build  # noqa: E402
from maildigest.send import SendOptions, dry_run  # noqa: E402
from maildigest.send.recipients import from_addresses  # noqa: E402

SEED = ROOT / "seeds" / "xiaomi-14-leica.txt"
IMAGE_MARK = 'class="md-image"'
"""How a lead image appears in the HTML (counted, not parsed: a benchmark, not a test)."""
TARGET_HEIGHT = 6_000


def html_pages(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, (slug, title, author, noun) in enumerate(story_topics(count)):
        image = f"https://images.gazette.example/2026/{slug}-1200x630.jpg"
        page = article_page(slug, title, author, noun, dt.date(2026, 11, 20 - n), image=image)
        path = folder / f"{slug}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def phone(label: str, html: str, images: int) -> None:
    if chromium() is None:
        print(f"{label:<44} (chromium not installed)")
        return
    result = measure(html, [375])[375]
    verdict = "ok" if result["height"] <= TARGET_HEIGHT and result["scrollWidth"] <= 375 else "OVER"
    print(
        f"{label:<44} {result['height']:>7,} px {result['scrollWidth']:>6} px "
        f"{images:>7} {len(html.encode()):>9,} B  {verdict}"
    )


def spam_check(sources: list[Path], work: Path) -> tuple[float, list[str]]:
    out = work / "out"
    build(sources, out_dir=out, settings=Settings())
    # the default sender and address are placeholders a real send refuses: allowed here
    options = SendOptions(allow_defaults=True)
    (message,) = dry_run(
        out, from_addresses(["reader@example.org"]), options, work / "dry-run"
    ).written
    return spam_score(message, work)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-layout-"))
    try:
        print("maildigest layout benchmark (default settings unless said)\n")
        print(
            f"{'6-article digest at 375 px':<44} {'height':>10} {'scroll':>9} {'images':>7} {'HTML':>11}"
        )
        pages = build(html_pages(work / "pages", 6), settings=Settings()).newsletter
        shown = pages.html.count(IMAGE_MARK)
        phone("from 6 HTML pages (og:image + figure)", pages.html, shown)
        feed = work / "six.rss"
        feed.write_text(feed_with_pictures(6), encoding="utf-8")
        fed = build([feed], settings=Settings()).newsletter
        phone("from a 6-entry feed (media:content)", fed.html, fed.html.count(IMAGE_MARK))
        phone("  its web.html", fed.web, fed.web.count(IMAGE_MARK))

        single = build([SEED], settings=Settings()).newsletter
        (story,) = single.stories
        root = lxml.html.document_fromstring(single.html)
        shown = {p.text_content() for p in root.xpath("//p[@class='md-paragraph']")}
        kept = sum(p in shown for p in story.article.paragraphs)
        print(
            f"\nsingle article (seed): {kept} of {len(story.article.paragraphs)} paragraphs "
            f"of full text in the email"
        )

        big = work / "forty.rss"
        big.write_text(feed_with_pictures(40), encoding="utf-8")
        forty = build([big], settings=Settings(max_articles=40)).newsletter
        size = len(forty.html.encode())
        notes = [n for n in forty.notices if n.startswith("size budget")]
        print(
            f"40 stories with pictures: {size:,} bytes of HTML (budget {SIZE_BUDGET:,}; Gmail clips at "
            f"{GMAIL_CLIP_BYTES:,}), {forty.html.count(IMAGE_MARK)} images shown, "
            f"{'; '.join(notes) or 'nothing shortened'}"
        )

        if shutil.which("spamassassin") is None:
            print("\nspamassassin: not installed")
            return
        print("\nSpamAssassin -L (per-recipient dry-run message)")
        twelve = work / "twelve.rss"
        twelve.write_text(feed_with_pictures(12), encoding="utf-8")
        for label, sources, folder in (
            ("seed", [SEED], work / "sa-seed"),
            ("12-story digest with pictures", [twelve], work / "sa-12"),
        ):
            folder.mkdir()
            value, rules = spam_check(sources, folder)
            print(f"  {label:<32} {value:>5}  {', '.join(rules)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
