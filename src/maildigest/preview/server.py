"""The preview's HTTP server: a fixed set of routes over the latest build.

Standard library only (``http.server.ThreadingHTTPServer``): a preview
serves one person on loopback, so a thread per connection is plenty, and it
keeps ``maildigest`` free of a web-framework dependency. Nothing is served
from disk: every response is built from the in-memory build, so there is no
path to traverse and no folder to list; any other path is a 404.
"""

from __future__ import annotations

import contextlib
import errno
import json
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from maildigest.errors import ConfigError
from maildigest.hosts import is_loopback
from maildigest.preview.page import PageState, render_page
from maildigest.preview.project import Build, Project
from maildigest.preview.scheme import SCHEMES, force_color_scheme
from maildigest.preview.watch import Snapshot, changed, snapshot

DEFAULT_PORT = 8765
POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.05
"""After a change, wait until a poll this much later sees the same files (editors write in steps)."""
SETTLE_TRIES = 20
"""Build anyway after this many looks: a file rewritten non-stop must not stall the preview."""
REQUEST_TIMEOUT_SECONDS = 30
"""A connection that sends nothing for this long is dropped instead of holding a thread."""
KEEPALIVE_SECONDS = 15.0

Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class PreviewServer:
    """Serve ``project``'s newsletter, rebuild it when its files change, tell open pages."""

    def __init__(
        self,
        project: Project,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        poll_seconds: float = POLL_SECONDS,
        log: Log = _stderr,
    ) -> None:
        self.project = project
        self.host = host
        self.port = port
        self.poll_seconds = poll_seconds
        self.log = log
        self._changed = threading.Condition()
        self._stopping = threading.Event()
        self._build: Build | None = None
        self._httpd: _HTTPServer | None = None
        self._threads: list[threading.Thread] = []

    # ---------------------------------------------------------------- lifecycle
    def start(self) -> None:
        """Build once, bind the socket and start serving and watching in the background."""
        # snapshot before building: a file saved during the first build triggers a rebuild
        before = snapshot(self.project.watched())
        self._publish(self.project.build(self.log))
        self._httpd = _bind(self.host, self.port, self)
        self._threads = [
            threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},  # how soon stop() is noticed
                name="preview-http",
                daemon=True,
            ),
            threading.Thread(target=self._watch, args=(before,), name="preview-watch", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop watching and serving; open event streams end at once."""
        self._stopping.set()
        with self._changed:
            self._changed.notify_all()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    @property
    def address(self) -> tuple[str, int]:
        if self._httpd is None:
            raise RuntimeError("the preview server is not started")
        return self._httpd.server_address[0], self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """The preview page's URL (a wildcard bind is shown as loopback)."""
        host, port = self.address
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/preview"

    @property
    def is_loopback(self) -> bool:
        return is_loopback(self.address[0])

    # ---------------------------------------------------------------- builds
    @property
    def current(self) -> Build:
        with self._changed:
            if self._build is None:
                raise RuntimeError("the preview server is not started")
            return self._build

    def wait_for_change(self, seen: int | None, timeout: float) -> Build:
        """The latest build, once its version differs from ``seen`` or ``timeout`` passes."""
        with self._changed:
            self._changed.wait_for(
                lambda: (
                    self._stopping.is_set()
                    or (self._build is not None and self._build.version != seen)
                ),
                timeout=timeout,
            )
            return self.current

    def _publish(self, build: Build) -> None:
        with self._changed:
            self._build = build
            self._changed.notify_all()

    def _watch(self, before: Snapshot) -> None:
        while not self._stopping.wait(self.poll_seconds):
            try:
                roots = self.project.watched()
                after = snapshot(roots)
                if not changed(before, after):
                    continue
                for _ in range(SETTLE_TRIES):
                    time.sleep(SETTLE_SECONDS)
                    again = snapshot(roots)
                    if again == after:
                        break
                    after = again
                names = ", ".join(changed(before, after)[:3])
                before = after
                self.log(f"maildigest: changed: {names}; rebuilding")
                build = self.project.build(self.log)
                self._publish(build)
                if build.newsletter is not None:
                    self.log(
                        f"maildigest: rebuilt in {build.seconds * 1000:.0f} ms: {build.newsletter.subject}"
                    )
            except Exception:  # a watcher that dies silently is worse than a noisy one
                self.log("maildigest: preview watcher error:\n" + traceback.format_exc())


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    preview: PreviewServer

    def __init__(self, address: tuple[str, int], family: socket.AddressFamily) -> None:
        self.address_family = family
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | TimeoutError):
            self.preview.log("maildigest: preview request error:\n" + traceback.format_exc())


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    timeout = REQUEST_TIMEOUT_SECONDS

    ROUTES: ClassVar[dict[str, str]] = {
        "/": "_newsletter",
        "/newsletter.html": "_newsletter",
        "/newsletter.txt": "_text",
        "/newsletter.eml": "_eml",
        "/preview": "_page",
        "/events": "_events",
        "/status.json": "_status",
    }

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def version_string(self) -> str:
        """No Python version in the Server header: nothing for a scanner to match."""
        return "maildigest-preview"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: one line per request would bury the rebuild messages."""

    def _dispatch(self) -> None:
        try:
            if not self._host_allowed():
                self._send(
                    HTTPStatus.FORBIDDEN, b"unknown Host header\n", "text/plain; charset=utf-8"
                )
                return
            parts = urlsplit(self.path)
            route = self.ROUTES.get(parts.path) if self.path.startswith("/") else None
            if route is None:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
                return
            getattr(self, route)(parse_qs(parts.query))
        except (ConnectionError, TimeoutError):
            return
        except Exception:
            self.server.preview.log("maildigest: preview request error:\n" + traceback.format_exc())
            with contextlib.suppress(Exception):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b"internal error\n", "text/plain")

    def _host_allowed(self) -> bool:
        """On loopback, refuse other host names: a web page must not reach us via DNS rebinding."""
        preview = self.server.preview
        host = self.headers.get("Host")
        if not host or not preview.is_loopback:
            return True
        name = host[1 : host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
        return is_loopback(name) or name.lower() == preview.host.lower()

    # ---------------------------------------------------------------- routes
    def _newsletter(self, query: dict[str, list[str]]) -> None:
        build = self.server.preview.current
        if build.newsletter is None:
            return self._failure_page(build)
        html = build.newsletter.html
        scheme = (query.get("scheme") or [""])[0]
        if scheme in SCHEMES:
            html = force_color_scheme(html, scheme)  # type: ignore[arg-type]
        self._send(
            HTTPStatus.OK,
            html.encode("utf-8"),
            "text/html; charset=utf-8",
            # an email never runs scripts; if one slipped through, it does not run here either
            csp="script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
        )

    def _text(self, _query: dict[str, list[str]]) -> None:
        build = self.server.preview.current
        if build.newsletter is None:
            body = f"build {build.version} failed: {build.error}\n".encode()
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, body, "text/plain; charset=utf-8")
        self._send(
            HTTPStatus.OK, build.newsletter.text.encode("utf-8"), "text/plain; charset=utf-8"
        )

    def _eml(self, _query: dict[str, list[str]]) -> None:
        build = self.server.preview.current
        if build.newsletter is None:
            return self._failure_page(build)
        self._send(
            HTTPStatus.OK,
            build.eml,
            "message/rfc822",
            extra={"Content-Disposition": 'attachment; filename="newsletter.eml"'},
        )

    def _page(self, query: dict[str, list[str]]) -> None:
        build = self.server.preview.current
        html, nonce = render_page(build, PageState.from_query(query))
        status = HTTPStatus.OK if build.newsletter is not None else HTTPStatus.INTERNAL_SERVER_ERROR
        self._send(status, html.encode("utf-8"), "text/html; charset=utf-8", csp=_page_csp(nonce))

    def _failure_page(self, build: Build) -> None:
        html, nonce = render_page(build, PageState())
        self._send(
            HTTPStatus.INTERNAL_SERVER_ERROR,
            html.encode("utf-8"),
            "text/html; charset=utf-8",
            csp=_page_csp(nonce),
        )

    def _status(self, _query: dict[str, list[str]]) -> None:
        build = self.server.preview.current
        nl = build.newsletter
        payload = {
            "version": build.version,
            "ok": nl is not None,
            "error": build.error,
            "seconds": round(build.seconds, 4),
            "subject": nl.subject if nl else None,
            "preheader": nl.preheader if nl else None,
            "from": build.sender or None,
            "html_bytes": build.html_bytes,
            "size_budget": build.size_budget or None,
            "notices": list(nl.notices) if nl else [],
            "checks": build.checks.to_dict() if build.checks else None,
        }
        body = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        self._send(HTTPStatus.OK, body, "application/json")

    def _events(self, _query: dict[str, list[str]]) -> None:
        """Server-sent events: the build version now, and again after every rebuild."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        self.wfile.write(b"retry: 500\n\n")
        seen: int | None = None
        while not preview.stopping:
            build = preview.wait_for_change(seen, KEEPALIVE_SECONDS)
            if preview.stopping:
                break
            if build.version != seen:
                seen = build.version
                self.wfile.write(f"event: build\ndata: {seen}\n\n".encode())
            else:
                self.wfile.write(b": keep-alive\n\n")
            self.wfile.flush()

    # ---------------------------------------------------------------- plumbing
    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        *,
        csp: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _page_csp(nonce: str) -> str:
    return (
        f"default-src 'self'; script-src 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def exposure_warning(host: str) -> str | None:
    """What to tell the user when listening on ``host`` lets other machines in."""
    if is_loopback(host):
        return None
    return (
        f"maildigest: warning: listening on {host}: anyone who can reach this machine can "
        "read the newsletter (use --host 127.0.0.1 to keep it local)"
    )


def _bind(host: str, port: int | None, preview: PreviewServer) -> _HTTPServer:
    """Listen on ``host:port``; with no port given, the default one or else any free one."""
    try:
        family = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on host {host!r}: {exc.strerror or exc}") from None
    wanted = DEFAULT_PORT if port is None else port
    try:
        try:
            httpd = _HTTPServer((host, wanted), family)
        except OSError as exc:
            if port is not None or exc.errno != errno.EADDRINUSE:
                raise
            httpd = _HTTPServer((host, 0), family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(
                f"port {wanted} on {host} is in use: pick another with --port (0 = any free port)"
            ) from None
        raise ConfigError(f"cannot listen on {host}:{wanted}: {exc.strerror or exc}") from None
    httpd.preview = preview
    return httpd
