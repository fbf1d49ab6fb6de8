"""A local news site on 127.0.0.1 for the folder/feed/URL tests and the benchmark.

Article pages carry real-looking boilerplate (navigation, cookie banner, ads,
related links, footer) around the article, so tests can check none of it leaks
into the newsletter. Misbehaving endpoints: a 404, a page that never answers,
an endless body, a redirect loop, an image, and an entity-bomb feed.
"""

from __future__ import annotations

import datetime as dt
import html
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOILERPLATE = (
    "Home | World | Business | Sport | Contact us",
    "We use cookies to improve your experience",
    "ADVERTISEMENT: Get 50% off SuperWidget Pro today",
    "Sponsored: The one trick retirement planners hate",
    "Related stories you might have missed",
    "© 2026 The Lakeside Gazette. All rights reserved.",
    "Subscribe to our newsletter for exclusive deals",
)

TOPICS = (
    ("harbour", "Harbour authority approves new ferry terminal", "Mara Lind", "water"),
    ("library", "City library extends opening hours after record visits", "Tomas Berg", "books"),
    ("orchard", "Community orchard harvest breaks last year's record", "Ines Alvarez", "apples"),
    ("bridge", "Old railway bridge to reopen for cyclists in spring", "Kwame Asante", "steel"),
    ("school", "Secondary school wins national robotics contest", "Priya Nair", "robots"),
    ("market", "Farmers market moves to the old tram depot", "Olaf Berg", "cheese"),
)


def article_paragraphs(slug: str, title: str, noun: str) -> list[str]:
    """Four distinct, sentence-rich paragraphs (extractors need real prose)."""
    return [
        f"{title}, officials confirmed on Monday after a long public consultation that drew "
        f"hundreds of responses from residents of the {slug} district.",
        f"The project is expected to cost about 4.2 million euros and will take eighteen months. "
        f"Supporters say the plan for {noun} will bring visitors and jobs to a part of town that "
        f"has struggled since the factory closed.",
        f"Critics argued that the council had not explained how running costs would be covered "
        f"once the first grant runs out. A spokesperson said a detailed budget for the {slug} "
        f"scheme would be published before the end of the month.",
        f"Local businesses welcomed the decision. One shop owner said the {noun} plan was the "
        f"best news the neighbourhood had heard in years, and that she expected more customers "
        f"on weekends as soon as work begins.",
    ]


def article_page(
    slug: str, title: str, author: str, noun: str, date: dt.date, image: str | None = None
) -> str:
    """An article page; ``image`` (a remote URL) becomes its og:image and a figure."""
    nav, cookies, ad, sponsored, related, footer, subscribe = (html.escape(b) for b in BOILERPLATE)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in article_paragraphs(slug, title, noun))
    og_image = f'<meta property="og:image" content="{html.escape(image)}">' if image else ""
    if image:
        body = (
            f'<figure><img src="{html.escape(image)}" alt="The {html.escape(noun)} plan" '
            f'width="1200" height="630"><figcaption>The {html.escape(noun)} plan.</figcaption>'
            f"</figure>{body}"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The Lakeside Gazette</title>
<meta property="og:title" content="{html.escape(title)}">
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{date.isoformat()}T08:00:00Z">
{og_image}</head><body>
<header><nav><ul>{"".join(f'<li><a href="/{w.strip().lower()}">{w.strip()}</a></li>' for w in nav.split("|"))}</ul></nav>
<div class="cookie-banner"><p>{cookies}. <a href="/privacy">Learn more</a></p></div></header>
<aside class="ad"><p>{ad}</p></aside>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By {html.escape(author)} · {date:%d %B %Y}</p>
{body}
</article>
<aside class="sponsored"><p>{sponsored}</p></aside>
<section class="related"><h2>{related}</h2><ul><li><a href="/a">Weather warning for the weekend</a></li>
<li><a href="/b">Council tax to rise by two percent</a></li></ul></section>
</main>
<footer><p>{subscribe}</p><p>{footer}</p></footer>
</body></html>"""


DATES = {
    slug: dt.date(2026, 11, 20) - dt.timedelta(days=i) for i, (slug, *_rest) in enumerate(TOPICS)
}


def rss_feed(
    base: str,
    items: list[tuple[str, str, str | None, dt.date, str | None]],
    images: Sequence[str] = (),
) -> str:
    """items: (title, link, content html or None, date, author); ``images``: a
    picture URL per item, given as media:content of 1200 x 630 pixels."""
    entries = []
    for n, (title, link, content, date, author) in enumerate(items):
        when = format_datetime(dt.datetime.combine(date, dt.time(8), dt.UTC))
        encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        creator = f"<dc:creator>{html.escape(author)}</dc:creator>" if author else ""
        media = (
            f'<media:content url="{html.escape(images[n])}" medium="image" width="1200" height="630"/>'
            if n < len(images)
            else ""
        )
        entries.append(
            f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
            f"<pubDate>{when}</pubDate>{creator}<description>Short teaser only.</description>"
            f"{encoded}{media}</item>"
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>The Lakeside Gazette</title><link>{base}/</link><description>Local news</description>
{"".join(entries)}
</channel></rss>"""


def atom_feed(base: str, items: list[tuple[str, str, str | None, dt.date, str | None]]) -> str:
    entries = []
    for title, link, content, date, author in items:
        body = f'<content type="html">{html.escape(content)}</content>' if content else ""
        who = f"<author><name>{html.escape(author)}</name></author>" if author else ""
        entries.append(
            f'<entry><title>{html.escape(title)}</title><link href="{link}"/><id>{link}</id>'
            f"<updated>{date.isoformat()}T08:00:00Z</updated>{who}<summary>Teaser.</summary>{body}</entry>"
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lakeside Atom</title><id>{base}/atom</id>
<updated>2026-11-20T08:00:00Z</updated>{"".join(entries)}</feed>"""


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&c;</title><link>http://127.0.0.1:9/x</link><description>&c;</description></item>
</channel></rss>"""


@dataclass
class Site:
    """The running server, what it serves, and what it saw."""

    base: str
    routes: dict[str, tuple[int, str, bytes]]
    redirects: dict[str, str] = field(default_factory=dict)
    """Path -> where a 302 from it points."""
    user_agents: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    delay: float = 0.2
    """Seconds a ``/slow/…`` request waits before answering (a far-away server)."""

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        status: int = 200,
    ) -> str:
        self.routes[path] = (status, content_type, body.encode() if isinstance(body, str) else body)
        return self.url(path)

    def article_url(self, slug: str) -> str:
        return self.url(f"/news/{slug}.html")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stalls

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            counted = self.path.startswith("/slow/")  # /never and /endless linger across tests
            with site.lock:
                site.user_agents.append(self.headers.get("User-Agent", ""))
                site.in_flight += counted
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
            try:
                self._serve()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with site.lock:
                    site.in_flight -= counted

        def _serve(self) -> None:
            path = self.path.split("?")[0]
            if path == "/never":
                site.stop.wait(60)  # accepts the connection, never answers
                return
            if path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"<p>" + b"more and more words " * 3000 + b"</p>"
                frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
                while not site.stop.is_set():
                    self.wfile.write(frame)
                return
            if path == "/loop" or path in site.redirects:
                self.send_response(302)
                self.send_header("Location", site.redirects.get(path, "/loop"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if path.startswith("/slow/"):
                time.sleep(site.delay)
                path = path.removeprefix("/slow")
            status, content_type, body = site.routes.get(
                path, (404, "text/html", b"<h1>Not found</h1>")
            )
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if path.endswith(".gz.html"):
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up on /endless and /never is the point, not an error."""


def start_site() -> tuple[Site, ThreadingHTTPServer]:
    """Serve the site on a free loopback port in a background thread."""
    server = _QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    site = Site(base=f"http://127.0.0.1:{server.server_address[1]}", routes={})
    server.RequestHandlerClass = _handler(site)
    for slug, title, author, noun in TOPICS:
        site.add(f"/news/{slug}.html", article_page(slug, title, author, noun, DATES[slug]))
    site.add("/picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    site.add("/bomb.rss", ENTITY_BOMB, "application/rss+xml")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server


def stop_site(site: Site, server: ThreadingHTTPServer) -> None:
    site.stop.set()
    server.shutdown()
    server.server_close()


PLACES = ("harbour", "library", "orchard", "bridge", "school", "market", "station", "museum")
NOUNS = ("ferry", "books", "apples", "steel", "robots", "cheese", "trams", "paintings", "solar")


def story_topics(count: int) -> list[tuple[str, str, str, str]]:
    """``count`` distinct stories: (slug, title, author, noun)."""
    result = []
    for i in range(count):
        place, noun = PLACES[i % len(PLACES)], NOUNS[i % len(NOUNS)]
        title = f"{place.title()} plan for {noun} wins council vote, story {i + 1}"
        result.append(
            (f"story-{i:02d}-{place}", title, f"Reporter {chr(65 + i % 26)}. Example", noun)
        )
    return result


def feed_with_pictures(count: int, base: str = "https://gazette.example") -> str:
    """An RSS feed of ``count`` entries carrying their full text and a remote https
    picture each (never fetched: only its URL reaches the newsletter)."""
    items, images = [], []
    for n, (slug, title, author, noun) in enumerate(story_topics(count)):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article_paragraphs(slug, title, noun))
        items.append((title, f"{base}/news/{slug}", body, dt.date(2026, 11, 28 - n % 27), author))
        images.append(f"https://images.gazette.example/2026/{slug}-1200x630.jpg")
    return rss_feed(base, items, images)


def topic(slug: str) -> tuple[str, str, str, str]:
    return next(t for t in TOPICS if t[0] == slug)
