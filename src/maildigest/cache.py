"""maildigest's private folder in the user cache, and what is kept there.

Everything cached is derived from an input named in its key (a template's
source, a stylesheet's text) and the library versions that produced it, so a
stale entry is never used; a missing, damaged or unwritable cache only costs time.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

from maildigest.errors import OutputError
from maildigest.outputs import write_atomic


def cache_dir() -> Path | None:
    """maildigest's folder in the user cache (``$XDG_CACHE_HOME``, else ``~/.cache``);
    None when neither is an absolute path (no home: no cache, not one in the cwd)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or "")
    if not base.is_absolute():  # XDG: a relative value is to be ignored
        base = Path(os.path.expanduser("~")) / ".cache"
    return base / "maildigest" if base.is_absolute() else None


def private_folder(name: str) -> Path | None:
    """``cache_dir()/name``, created mode 0700; None unless it is ours and closed to
    others (some entries hold code or decide output: nobody else may plant them)."""
    base, uid = cache_dir(), getattr(os, "getuid", None)
    if base is None or uid is None:  # no ownership to check on Windows: no cache
        return None
    folder = base / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if info.st_uid != uid() or info.st_mode & 0o022:
        return None
    return folder


class JsonMemo:
    """A string-keyed memo of JSON values kept in one file of a private cache folder.

    Loaded on first use; ``save`` writes it back (atomically) only when something
    was added. At most ``max_entries`` are kept, the oldest dropped first, and a
    new file makes room by removing the folder's least recently saved ones beyond
    ``max_files``. Safe to share between threads.
    """

    def __init__(
        self, folder: str, file_name: str, *, max_entries: int = 1024, max_files: int = 64
    ) -> None:
        self._folder_name = folder
        self._file_name = file_name
        self._max_entries = max_entries
        self._max_files = max_files
        self._entries: dict[str, Any] | None = None
        self._path: Path | None = None
        self._dirty = False
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        return self._loaded().get(key)

    def put(self, key: str, value: Any) -> None:
        entries = self._loaded()
        with self._lock:
            entries[key] = value
            while len(entries) > self._max_entries:
                del entries[next(iter(entries))]
            self._dirty = True

    def save(self) -> None:
        with self._lock:
            if not self._dirty or self._path is None:
                return
            self._dirty = False
            text = json.dumps(self._entries, ensure_ascii=False, separators=(",", ":"))
        new = not self._path.exists()
        try:
            write_atomic(self._path, text.encode("utf-8"), durable=False)
        except OutputError:  # read-only or full disk: no cache
            return
        if new:
            self._prune()

    def _prune(self) -> None:
        assert self._path is not None
        try:
            files = sorted(
                self._path.parent.glob("*.json"), key=lambda f: f.stat().st_mtime_ns, reverse=True
            )
        except OSError:  # a file another process removed meanwhile: prune next time
            return
        for old in files[self._max_files :]:
            with contextlib.suppress(OSError):
                old.unlink()

    def _loaded(self) -> dict[str, Any]:
        with self._lock:
            if self._entries is None:
                self._entries = self._read()
            return self._entries

    def _read(self) -> dict[str, Any]:
        folder = private_folder(self._folder_name)
        if folder is None:
            return {}
        self._path = folder / self._file_name
        with contextlib.suppress(OSError, ValueError):  # missing or damaged: empty
            entries = json.loads(self._path.read_text("utf-8"))
            if isinstance(entries, dict):
                return entries
        return {}
