"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

Enough to keep one headless Chromium page open while the preview rebuilds
and ask it what it shows (``Runtime.evaluate``): a ``--dump-dom`` run ends at
the first load, so it cannot see a page reload itself. The pipe is fds 3/4
in the child; a tiny Python launcher puts them there and execs Chromium (no
``preexec_fn``, which is unsafe in a process running the server's threads).
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HEADLESS_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,900",
)
"""A quiet headless browser, for every test that starts one."""
FLAGS = (*HEADLESS_FLAGS, "--remote-debugging-pipe")

_ONTO_3_AND_4 = (
    "import fcntl, os, sys\n"
    "a, b = (fcntl.fcntl(int(fd), fcntl.F_DUPFD_CLOEXEC, 10) for fd in sys.argv[1:3])\n"
    "os.dup2(a, 3)\n"
    "os.dup2(b, 4)\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)
"""Move the pipe ends given as arguments onto fds 3 and 4, then become Chromium."""


class Page:
    """One Chromium page at ``url``; ``evaluate`` runs an expression in it."""

    def __init__(self, chromium: str, url: str, profile: Path, timeout: float = 30.0) -> None:
        self.timeout = timeout
        to_child, self._to_chromium = os.pipe()
        self._from_chromium, from_child = os.pipe()
        command = [
            sys.executable,
            "-c",
            _ONTO_3_AND_4,
            str(to_child),
            str(from_child),
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.process = subprocess.Popen(
            command,
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self._session: str | None = None
        target = self._send("Target.createTarget", {"url": url})
        attached = self._send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        self._session = attached["sessionId"]

    def evaluate(self, expression: str) -> Any:
        result = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def close(self) -> None:
        try:
            self._session = None
            self._send("Browser.close", {})
            self.process.wait(timeout=10)
        except (OSError, RuntimeError, subprocess.TimeoutExpired):
            self.process.kill()  # our own child, by its handle
            self.process.wait(timeout=10)
        finally:
            os.close(self._to_chromium)
            os.close(self._from_chromium)

    def _send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if self._session:
            message["sessionId"] = self._session
        os.write(self._to_chromium, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chromium], [], [], 0.5)
            if ready:
                chunk = os.read(self._from_chromium, 1 << 20)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe (exit {self.process.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)
