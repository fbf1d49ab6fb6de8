"""The seen-entries state behind ``--new-only``: which feed entries went into a
digest already. A small JSON file, written atomically, only after a digest's
files were written (a failed or previewed build marks nothing as seen).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from maildigest.errors import ConfigError
from maildigest.userdirs import state_file

STATE_VERSION = 1


def state_path(configured: str) -> Path:
    """The configured file, else ``seen.json`` in the user state folder
    (``$XDG_STATE_HOME/maildigest/`` on Linux, ``~/.local/state/maildigest/`` by default)."""
    return Path(configured).expanduser() if configured else state_file("seen.json")


def load_seen(path: Path) -> dict[str, str]:
    """Entry key -> date first built; empty when there is no state yet."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(
            f"cannot read the seen-entries state {path} ({exc}); fix or delete it"
        ) from None
    seen = data.get("seen") if isinstance(data, dict) else None
    if not isinstance(seen, dict):
        raise ConfigError(f"{path} is not a maildigest seen-entries state; fix or delete it")
    return {str(key): str(value) for key, value in seen.items()}


def remember(path: Path, keys: Iterable[str], today: dt.date | None = None) -> None:
    """Add ``keys`` to the state (keeping when each was first seen)."""
    from maildigest.outputs import prepare_folder, write_atomic

    seen = load_seen(path)
    stamp = (today or dt.date.today()).isoformat()
    for key in keys:
        seen.setdefault(key, stamp)
    prepare_folder(path.parent)
    payload = {"version": STATE_VERSION, "seen": dict(sorted(seen.items()))}
    write_atomic(path, (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
