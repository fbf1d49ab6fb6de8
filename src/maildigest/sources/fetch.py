"""Fetch http(s) pages for the digest, defensively.

Every request is bounded: a per-request timeout (connect and between bytes) plus
a deadline checked while streaming, so a server that drips bytes forever is cut
off too; a shared deadline for the whole fetch; at most ``MAX_REDIRECTS``
redirects; bodies streamed and cut at the size cap, so an endless body costs at
most the cap. Link-local, unspecified and multicast addresses (where cloud
metadata services live) are refused, named directly or reached by a redirect,
and each connection goes to the address that was checked (``pinning.py``).
Fetches run in a bounded thread pool and come back in the order asked, each
either a ``Page`` or a ``FetchFailed`` to be skipped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from maildigest import __version__
from maildigest.errors import FetchError

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"maildigest/{__version__}"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Page:
    """A fetched response body and what the server said about it."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where redirects ended."""
    body: bytes
    content_type: str
    charset: str | None


class FetchFailed(FetchError):
    """One URL that could not be fetched; ``kind`` groups skips in the summary."""

    def __init__(self, url: str, kind: str, detail: str = "") -> None:
        self.url = url
        self.kind = kind
        super().__init__(f"{url}: {detail or kind}")


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0
    """Seconds per request (connect, between bytes, and in total)."""
    deadline: float = 120.0
    """Seconds for the whole fetch, however many URLs."""
    max_bytes: int = 10 * 1024 * 1024
    concurrency: int = 4


class Fetcher:
    """One HTTP client and one deadline shared by every fetch of a build."""

    def __init__(self, limits: FetchLimits) -> None:
        import httpx

        from maildigest.sources.pinning import PinnedTransport

        self.limits = limits
        self._ends_at = time.monotonic() + limits.deadline
        self._client = httpx.Client(
            # every connection, redirects included, goes to an address checked once
            transport=PinnedTransport(max_connections=max(1, limits.concurrency)),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5",
            },
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def fetch(self, url: str) -> Page:
        """Fetch one URL or raise ``FetchFailed`` saying why not."""
        import httpx

        from maildigest.sources.pinning import RefusedAddress

        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchFailed(
                url, "unsupported URL", f"only http and https URLs are fetched, not {scheme}:"
            )
        started = time.monotonic()
        ends_at = min(started + self.limits.timeout, self._ends_at)
        budget = ends_at - started
        if budget <= 0:
            raise FetchFailed(
                url,
                "timed out",
                f"not fetched: the whole fetch took over {self.limits.deadline:g} s",
            )
        try:
            with self._client.stream("GET", url, timeout=httpx.Timeout(budget)) as response:
                return self._read(url, response, ends_at)
        except RefusedAddress as refused:  # raised while connecting, for any hop
            raise FetchFailed(url, "refused address", str(refused)) from None
        except httpx.TooManyRedirects:
            raise FetchFailed(
                url, "too many redirects", f"more than {MAX_REDIRECTS} redirects"
            ) from None
        except httpx.TimeoutException:
            raise FetchFailed(url, "timed out", f"no answer within {budget:.0f} s") from None
        except httpx.UnsupportedProtocol:
            raise FetchFailed(url, "unsupported URL", "redirected to a non-http(s) URL") from None
        except (httpx.HTTPError, OSError) as exc:
            raise FetchFailed(
                url, "unreachable", f"{type(exc).__name__}: {exc}".rstrip(": ")
            ) from None

    def _read(self, url: str, response: httpx.Response, ends_at: float) -> Page:
        if response.status_code >= 400:
            raise FetchFailed(
                url,
                f"HTTP {response.status_code}",
                f"HTTP {response.status_code} {response.reason_phrase}".strip(),
            )
        cap = self.limits.max_bytes
        too_big = FetchFailed(
            url, "too large", f"larger than the {cap / (1024 * 1024):g} MB fetch limit"
        )
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise too_big
        body = bytearray()
        for chunk in response.iter_bytes(CHUNK):  # decoded bytes: a gzip bomb is capped too
            body += chunk
            if len(body) > cap:
                raise too_big
            if time.monotonic() > ends_at:
                raise FetchFailed(url, "timed out", "the page kept coming past the time limit")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Page(
            url=url,
            final_url=str(response.url),
            body=bytes(body),
            content_type=content_type,
            charset=response.charset_encoding,
        )

    def fetch_all(
        self, urls: Sequence[str], on_done: Callable[[], None] | None = None
    ) -> list[Page | FetchFailed]:
        """Fetch ``urls`` at most ``concurrency`` at a time; results in the order given."""
        results: list[Page | FetchFailed | None] = [None] * len(urls)
        pool = ThreadPoolExecutor(max_workers=max(1, self.limits.concurrency))
        futures = {pool.submit(self._fetch_or_failure, url): i for i, url in enumerate(urls)}
        try:
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if on_done is not None:
                    on_done()
        finally:
            # on Ctrl-C, do not wait for running requests: closing the client ends them
            pool.shutdown(wait=False, cancel_futures=True)
        return [r for r in results if r is not None]

    def _fetch_or_failure(self, url: str) -> Page | FetchFailed:
        try:
            return self.fetch(url)
        except FetchFailed as failure:
            return failure


def declared_charset(page: Page) -> str | None:
    """The charset from the HTTP header, else from ``<meta charset>`` or the XML declaration."""
    if page.charset:
        return page.charset
    head = page.body[:4096]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return found.group(1).decode("ascii") if found else None


def page_text(page: Page) -> str:
    """Decode a page: declared charset first, then maildigest's own detection."""
    from maildigest.ingest import decode

    charset = declared_charset(page)
    if charset:
        try:
            text = page.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return decode(page.body, page.url)
