"""Fixtures for the summary tests: the seed as a clean article, and a stub LLM endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from summary_helpers import StubLLM

from maildigest import pipeline
from maildigest.models import Article


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return pipeline.clean_article(
        Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-14-leica.txt"
    )


@pytest.fixture
def stub_llm() -> Iterator[StubLLM]:
    stub = StubLLM(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(length))
            stub.requests.append(request)
            stub.headers.append(dict(self.headers))
            if self.path != "/v1/chat/completions":
                status, body = 404, b'{"error": "not found"}'
            else:
                status, body = stub.reply(request)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout test)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
