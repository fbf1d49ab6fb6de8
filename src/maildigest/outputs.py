"""Write result files atomically: each file lands whole or not at all, and a
build's files land as a set.

A set (``write_set``) is written in two steps with ``build.json`` as the
commit record:

1. every file is staged beside its target as ``.NAME.BUILD.part`` and synced;
   a failure here (a full disk, a killed process) leaves the old files and the
   old ``build.json`` untouched, and the stray parts are removed next time;
2. the new ``build.json`` (each file's SHA-256) replaces the old one — the
   commit point — then each part is renamed over its target.

A process killed during step 2 leaves parts that the committed ``build.json``
names: ``recover`` (run by the next ``write_set`` and by ``verified_set``)
finishes the renames. So the set in a folder is always wholly the old build or
wholly the new one, and ``verified_set`` refuses a folder whose files do not
match their ``build.json`` (edited since, or mixed by hand).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import uuid
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from maildigest.errors import InputError, OutputError

MANIFEST = "build.json"
"""The commit record of a build folder: which files belong to the build, with their digests."""
_PART = re.compile(r"^\.(?P<name>.+)\.(?P<build>[0-9a-f]{32})\.part$")


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
        _write(handle, data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write(handle: int, data: bytes) -> None:
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _part(folder: Path, name: str, build: str) -> Path:
    return folder / f".{name}.{build}.part"


def write_set(folder: Path, files: Mapping[str, bytes]) -> dict[str, Path]:
    """Write ``files`` (name -> content) into ``folder`` as one build: afterwards
    every file is new or, if anything failed, every file is as it was.

    Files the previous build listed and this one does not are removed, so a
    folder never mixes an output of an older build into the new set.
    """
    if MANIFEST in files or any("/" in name or name.startswith(".") for name in files):
        raise ValueError(f"output names must be plain file names other than {MANIFEST}")
    prepare_folder(folder)
    try:
        earlier = recover(folder)
    except InputError:  # a damaged record: this build's replaces it
        earlier = {}
    build = uuid.uuid4().hex
    manifest = {
        "build": build,
        "files": {name: _digest(data) for name, data in files.items()},
        "removes": sorted(set(earlier) - set(files)),
    }
    staged: list[Path] = []
    try:
        for name, data in files.items():
            staged.append(_stage(folder, name, build, data))
        record = json.dumps(manifest, indent=1).encode("utf-8") + b"\n"
        staged.append(_stage(folder, MANIFEST, build, record))
        _sync_folder(folder)  # every part is on disk before the record that names them
        os.replace(staged[-1], folder / MANIFEST)  # the commit point
    except OSError as exc:
        for path in staged:
            path.unlink(missing_ok=True)
        raise OutputError(f"cannot write the build into {folder}: {exc.strerror or exc}") from None
    try:
        _roll_forward(folder, manifest)
    except OSError as exc:
        raise OutputError(
            f"the build in {folder} is committed but not in place ({exc.strerror or exc}); "
            "the next build or send finishes it"
        ) from None
    return {name: folder / name for name in files}


def _stage(folder: Path, name: str, build: str, data: bytes) -> Path:
    path = _part(folder, name, build)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        _write(handle, data)
    except OSError:
        path.unlink(missing_ok=True)
        raise
    return path


def _roll_forward(folder: Path, manifest: Mapping[str, object]) -> None:
    """Put the committed build's staged parts in place and drop what it removes.

    Not synced: if a crash loses these renames, the parts are still there for
    ``recover``, and if it loses the commit too, the folder is the old build."""
    build = str(manifest["build"])
    for name in _names(manifest, "files"):
        part = _part(folder, name, build)
        if part.exists():
            os.replace(part, folder / name)
    for name in _names(manifest, "removes"):
        (folder / name).unlink(missing_ok=True)


def _names(manifest: Mapping[str, object], key: str) -> list[str]:
    value = manifest.get(key) or []
    return [
        name
        for name in value
        if isinstance(name, str) and "/" not in name and name not in (".", "..", MANIFEST)
    ]


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where folders cannot be synced)."""
    with suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _read_manifest(folder: Path) -> dict[str, object] | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise InputError(f"{folder / MANIFEST} is unreadable: run maildigest build again") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise InputError(f"{folder / MANIFEST} is not a maildigest build record")
    return manifest


def recover(folder: Path) -> dict[str, str]:
    """Finish a build that was committed but interrupted, drop the parts of one
    that was not, and return the current build's files (name -> SHA-256)."""
    manifest = _read_manifest(folder)
    current = str(manifest["build"]) if manifest else ""
    try:
        if manifest is not None:
            _roll_forward(folder, manifest)
        for entry in os.scandir(folder):
            found = _PART.match(entry.name)
            if found and found["build"] != current:
                Path(entry.path).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot finish the interrupted build in {folder}: {exc.strerror or exc}"
        ) from None
    return dict(manifest["files"]) if manifest else {}  # type: ignore[arg-type]


def verified_set(folder: Path) -> dict[str, Path]:
    """The files of the build in ``folder`` (name -> path), once each is proven to
    be the one ``build.json`` records; refuses a folder whose files do not belong
    to one build."""
    if not (folder / MANIFEST).is_file():
        raise InputError(
            f"{folder} holds no {MANIFEST}, so it is not one maildigest build: "
            "run maildigest build first (or give an .eml file itself)"
        )
    digests = recover(folder)
    for name, digest in digests.items():
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(
                f"{path} of the build is missing or unreadable ({exc.strerror or exc}): "
                "run maildigest build again"
            ) from None
        if _digest(data) != digest:
            raise InputError(
                f"{path} does not belong to the build in {folder / MANIFEST} "
                "(changed after the build): run maildigest build again"
            )
    return {name: folder / name for name in digests}
