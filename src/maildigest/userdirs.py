"""Where maildigest keeps things between runs, found by platformdirs (on Linux
``$XDG_CACHE_HOME/maildigest`` and ``$XDG_STATE_HOME/maildigest``, each with its
XDG default; the platform's own folders elsewhere).

The cache holds only what can be rebuilt (Jinja's compiled templates, keyed by
source checksum): a missing, damaged or unwritable cache only costs time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from maildigest.errors import ConfigError

APP_NAME = "maildigest"


def user_dir(kind: Literal["cache", "state"]) -> Path | None:
    """maildigest's user folder of this kind; None when there is no home to put it in."""
    import platformdirs

    find = platformdirs.user_cache_dir if kind == "cache" else platformdirs.user_state_dir
    try:
        folder = Path(find(APP_NAME, appauthor=False))
    except RuntimeError:  # no home directory
        return None
    return folder if folder.is_absolute() else None  # "~" unresolved: not the working folder


def state_file(name: str) -> Path:
    """``name`` in the user state folder (not created here)."""
    folder = user_dir("state")
    if folder is None:
        raise ConfigError(f"no home folder to keep {name} in: set state_file in maildigest.toml")
    return folder / name


def private_cache_folder(name: str) -> Path | None:
    """``name`` in the user cache, created mode 0700; None unless it is ours and closed
    to others (some entries hold code: nobody else may plant them)."""
    base, uid = user_dir("cache"), getattr(os, "getuid", None)
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
