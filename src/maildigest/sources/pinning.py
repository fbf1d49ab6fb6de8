"""Connect to the address that was checked: DNS pinning for every fetch.

Checking a name's addresses and then letting the HTTP client resolve it again
lets a name that answers differently the second time (DNS rebinding) reach an
address the check refused. Here a name is resolved once per connection, every
address is checked, and the connection goes to a checked address; TLS still
sends the name (SNI) and verifies the certificate against the name, and the
``Host`` header is the name. Redirects open new connections, so every hop is
checked the same way.

The pieces are httpcore's public network-backend interface (``connect_tcp``)
under a small httpx transport. Behind a proxy (``HTTPS_PROXY``…, honoured as
curl does), the proxy resolves the name: the address check then applies to
what this machine resolves, and the proxy is trusted with the rest.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA_ADDRESSES = frozenset({"100.100.100.200", "fd00:ec2::254"})
"""Cloud instance-metadata services outside the link-local range (Alibaba, AWS IPv6)."""


KEEPALIVE_SECONDS = 5.0
"""How long an idle connection is kept for the next request to its origin (httpx's default)."""


class RefusedAddress(Exception):
    """A request (or a redirect) to an address no news page lives at."""


def resolve(host: str) -> list[Address]:
    """Every address of ``host`` (an IP literal is its own address); ``[]`` when it has none.

    The one place fetching asks DNS: tests replace it to play a rebinding server."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))


def checked_addresses(host: str) -> list[Address]:
    """``host``'s addresses, resolved once, or ``RefusedAddress`` if any is one no
    news page lives at. Feeds and redirects are written by strangers: a link to a
    cloud metadata service (169.254.169.254 and the rest of the link-local range)
    could put the machine's credentials into a newsletter, so link-local,
    unspecified (0.0.0.0) and multicast addresses are refused."""
    addresses = resolve(host)
    for address in addresses:
        mapped = getattr(address, "ipv4_mapped", None) or address
        if (
            mapped.is_link_local
            or mapped.is_unspecified
            or mapped.is_multicast
            or str(mapped) in METADATA_ADDRESSES
        ):
            where = host if host.strip("[]") == str(address) else f"{host} ({mapped})"
            raise RefusedAddress(
                f"{where} is a link-local or reserved address, not fetched: "
                "cloud metadata services live there"
            )
    return addresses


class PinnedBackend(httpcore.NetworkBackend):
    """Opens each connection to an address ``checked_addresses`` approved, trying
    them in order; TLS on top keeps the name for SNI and certificate checks."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host)
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}")
        failure: Exception | None = None
        for address in addresses:
            try:
                return self._backend.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure


_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProxyError, httpx.ProxyError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)
"""httpcore's errors as the httpx errors the client and ``Fetcher`` handle."""


@contextmanager
def _as_httpx_errors(request: httpx.Request) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for core, public in _ERRORS:
            if isinstance(exc, core):
                raise public(str(exc), request=request) from exc
        raise


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors(self._request):
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class PinnedTransport(httpx.BaseTransport):
    """An httpx transport whose connections go to checked, pinned addresses
    (or through the proxy the environment names for the URL)."""

    def __init__(self, *, max_connections: int, trust_env: bool = True) -> None:
        self._trust_env = trust_env
        self._context = httpx.create_ssl_context(trust_env=trust_env)
        self._max_connections = max_connections
        self._pool = httpcore.ConnectionPool(
            ssl_context=self._context,
            max_connections=max_connections,
            keepalive_expiry=KEEPALIVE_SECONDS,
            network_backend=PinnedBackend(),
        )
        self._proxied: dict[str, httpx.HTTPTransport] = {}

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        proxy = self._proxy_for(request.url)
        if proxy is not None:
            checked_addresses(request.url.host)
            return proxy.handle_request(request)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors(request):
            response = self._pool.handle_request(core)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream, request),  # type: ignore[arg-type]
            extensions=response.extensions,
        )

    def _proxy_for(self, url: httpx.URL) -> httpx.HTTPTransport | None:
        if not self._trust_env:
            return None
        proxy = urllib.request.getproxies().get(url.scheme)
        if not proxy or urllib.request.proxy_bypass(url.host):
            return None
        if proxy not in self._proxied:
            self._proxied[proxy] = httpx.HTTPTransport(
                proxy=proxy,
                verify=self._context,
                limits=httpx.Limits(max_connections=self._max_connections),
            )
        return self._proxied[proxy]

    def close(self) -> None:
        self._pool.close()
        for transport in self._proxied.values():
            transport.close()
