"""A rate limit shared by every send worker: at most ``rate`` messages a second.

Slots are handed out evenly spaced (no burst), so a provider's per-second
quota is never exceeded even for a moment. Waiting is interruptible: a stop
request (SIGINT/SIGTERM) wakes every waiting worker at once.
"""

from __future__ import annotations

import threading
import time


class RateLimiter:
    def __init__(self, rate: float) -> None:
        """``rate`` messages per second; 0 means unlimited."""
        if rate < 0:
            raise ValueError("rate must be >= 0")
        self.interval = 1.0 / rate if rate else 0.0
        self._next = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self, stop: threading.Event) -> bool:
        """Wait for the next slot; False when ``stop`` was set while waiting."""
        if not self.interval:
            return not stop.is_set()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            return not stop.wait(delay)
        return not stop.is_set()
