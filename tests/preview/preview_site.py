"""Helpers for preview tests: a handle on a running preview server, exact-path requests."""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from maildigest.preview import PreviewServer

WAIT_SECONDS = 20.0
"""Generous bound for a rebuild to be served: a bound, not a timing assertion."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Site:
    server: PreviewServer
    article: Path
    templates: Path
    folder: Path
    logs: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return self.server.address[1]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(
        self, path: str, *, method: str = "GET", headers: dict[str, str] | None = None
    ) -> Response:
        """One request with ``path`` sent exactly as given (no client-side normalisation)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=bool(headers and "Host" in headers))
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            connection.close()

    def status(self) -> dict[str, Any]:
        import json

        return json.loads(self.get("/status.json").body)

    def wait_for(self, predicate: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        pytest.fail(f"not within {WAIT_SECONDS:.0f} s: {what}; server log: {self.logs[-5:]}")


def write(path: Path, text: str) -> None:
    """Write ``text`` so the change is visible even on a coarse-mtime filesystem."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        import os

        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))
