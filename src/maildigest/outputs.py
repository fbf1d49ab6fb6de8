"""Write result files atomically: each lands whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from maildigest.errors import OutputError


def prepare_folder(folder: Path) -> Path:
    """Create ``folder`` if needed and prove it is writable before any work is saved."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"output path {folder} exists and is not a folder") from None
    except OSError as exc:
        raise OutputError(f"cannot create output folder {folder}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"output folder {folder} is not writable")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` in ``path``, whole or not at all, fsynced so it survives a crash."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_files(folder: Path, files: Mapping[str, bytes]) -> dict[str, Path]:
    """Write every file in ``files`` (name -> content) into ``folder``, each atomically."""
    prepare_folder(folder)
    written = {}
    for name, data in files.items():
        path = folder / name
        write_atomic(path, data)
        written[name] = path
    return written
