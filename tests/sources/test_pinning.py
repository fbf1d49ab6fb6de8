"""DNS pinning: a fetch connects to the address it checked, for every hop, and
TLS still checks the name. A resolver we control plays the rebinding server
(our one resolution function, replaced), a local HTTP(S) server the site."""

from __future__ import annotations

import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from maildigest.sources import pinning
from maildigest.sources.fetch import Fetcher, FetchFailed, FetchLimits

ARTICLE = b"<html><body><article><p>Pinned.</p></article></body></html>"
LOOPBACK = ipaddress.ip_address("127.0.0.1")
METADATA = ipaddress.ip_address("169.254.169.254")


@dataclass
class Server:
    port: int
    hosts: list[str] = field(default_factory=list)
    """The Host header of each request."""
    names: list[str | None] = field(default_factory=list)
    """The SNI name of each TLS handshake."""
    redirects: dict[str, str] = field(default_factory=dict)


def serve(context: ssl.SSLContext | None = None) -> tuple[Server, ThreadingHTTPServer]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record.hosts.append(self.headers["Host"])
            if self.path in record.redirects:
                self.send_response(302)
                self.send_header("Location", record.redirects[self.path])
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    record = Server(httpd.server_address[1])
    if context is not None:
        context.sni_callback = lambda sock, name, ctx: record.names.append(name)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return record, httpd


@pytest.fixture
def server() -> Iterator[Server]:
    record, httpd = serve()
    yield record
    httpd.shutdown()
    httpd.server_close()


@dataclass
class Resolver:
    """A DNS we control: name -> the answers its lookups give in turn (the last
    repeats); names not listed resolve as usual. Every lookup is logged."""

    answers: dict[str, list[list]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def __setitem__(self, name: str, answers: list[list]) -> None:
        self.answers[name] = list(answers)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    resolver = Resolver()
    real: Callable[[str], list] = pinning.resolve

    def resolve(host: str) -> list:
        resolver.asked.append(host)
        queue = resolver.answers.get(host)
        if queue is None:
            return real(host)
        return queue.pop(0) if len(queue) > 1 else queue[0]

    monkeypatch.setattr(pinning, "resolve", resolve)
    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    return resolver


def fetch(url: str):
    with Fetcher(FetchLimits(timeout=5, deadline=10, concurrency=1)) as fetcher:
        return fetcher.fetch(url)


def test_a_name_rebinding_after_the_check_still_reaches_the_checked_address(server, answers):
    """First answer loopback (allowed), every later one the metadata service: the
    connection goes where the check looked, and the name is asked once."""
    answers["news.test"] = [[LOOPBACK], [METADATA]]
    page = fetch(f"http://news.test:{server.port}/story")
    assert page.body == ARTICLE
    assert answers.asked.count("news.test") == 1
    assert server.hosts == [f"news.test:{server.port}"]  # the name, not the address


def test_a_name_whose_first_answer_is_refused_is_never_connected(server, answers):
    answers["news.test"] = [[METADATA], [LOOPBACK]]
    with pytest.raises(FetchFailed) as refused:
        fetch(f"http://news.test:{server.port}/story")
    assert refused.value.kind == "refused address"
    assert server.hosts == []


def test_every_redirect_hop_is_checked_and_pinned(server, answers):
    answers["news.test"] = [[LOOPBACK]]
    answers["cdn.test"] = [[METADATA]]
    server.redirects["/moved"] = f"http://cdn.test:{server.port}/story"
    with pytest.raises(FetchFailed) as refused:
        fetch(f"http://news.test:{server.port}/moved")
    assert refused.value.kind == "refused address" and "cdn.test (169.254.169.254)" in str(
        refused.value
    )
    answers["cdn.test"] = [[LOOPBACK], [METADATA]]  # a rebinding second hop
    page = fetch(f"http://news.test:{server.port}/moved")
    assert page.body == ARTICLE and page.final_url == f"http://cdn.test:{server.port}/story"
    assert server.hosts[-1] == f"cdn.test:{server.port}"


def test_an_unresolvable_name_is_unreachable(answers):
    answers["nowhere.test"] = [[]]
    with pytest.raises(FetchFailed) as failed:
        fetch("http://nowhere.test/")
    assert failed.value.kind == "unreachable" and "cannot resolve nowhere.test" in str(failed.value)


@pytest.fixture
def tls_server(self_signed, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    """An HTTPS server whose certificate names news.test only, trusted through SSL_CERT_FILE."""
    cert, key = self_signed("DNS:news.test")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    record, httpd = serve(context)
    yield record
    httpd.shutdown()
    httpd.server_close()


def test_tls_to_a_pinned_address_sends_and_verifies_the_name(tls_server, answers):
    answers["news.test"] = [[LOOPBACK], [METADATA]]
    answers["other.test"] = [[LOOPBACK]]
    page = fetch(f"https://news.test:{tls_server.port}/story")
    assert page.body == ARTICLE
    assert tls_server.names == ["news.test"]  # SNI carries the name
    assert tls_server.hosts == [f"news.test:{tls_server.port}"]
    with pytest.raises(FetchFailed) as mismatch:  # same address, a name the certificate lacks
        fetch(f"https://other.test:{tls_server.port}/story")
    assert "certificate" in str(mismatch.value).lower()


def test_behind_a_proxy_the_name_goes_to_the_proxy_after_the_check(server, answers, monkeypatch):
    """HTTP_PROXY is honoured as curl does: the proxy resolves; the local check still refuses."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    answers["news.test"] = [[LOOPBACK]]
    assert fetch("http://news.test:9/story").body == ARTICLE
    assert server.hosts == ["news.test:9"]  # the proxy was asked for the name
    answers["news.test"] = [[METADATA]]
    with pytest.raises(FetchFailed) as refused:
        fetch("http://news.test:9/story")
    assert refused.value.kind == "refused address" and len(server.hosts) == 1
