"""Notice when an input, a template or the settings file changes, by polling.

Polling a handful of ``stat`` calls a few times a second costs nothing,
works the same on every OS and filesystem (including network and container
mounts where inotify misses events), and needs no dependency.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MAX_FILES_PER_FOLDER = 5000
"""A watched folder is walked on every poll: stop at this many files."""

Snapshot = dict[str, tuple[int, int, int] | None]
"""Path -> (mtime in ns, size, inode), or None when the path does not exist."""


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """The state of every watched file; folders are walked (hidden entries skipped)."""
    state: Snapshot = {}
    for root in roots:
        if root.is_dir():
            for path in _files_under(root):
                state[str(path)] = _stat(path)
        else:
            state[str(root)] = _stat(root)
    return state


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Paths added, removed or modified between two snapshots, sorted."""
    return sorted(
        path for path in before.keys() | after.keys() if before.get(path) != after.get(path)
    )


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _files_under(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            # editors' swap and backup files (.x.swp, x~, #x#) are not templates
            if name.startswith((".", "#")) or name.endswith("~"):
                continue
            found.append(Path(folder, name))
            if len(found) >= MAX_FILES_PER_FOLDER:
                return found
    return found
