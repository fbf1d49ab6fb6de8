"""Folders of saved articles: which files in them are articles, in what order."""

from __future__ import annotations

from pathlib import Path

from maildigest.errors import InputError

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


def article_files(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Article files in ``folder`` sorted by name (by relative path when descending).

    Hidden files and folders are left out: editors and tools keep their own there.
    """
    try:
        candidates = folder.rglob("*") if recursive else folder.iterdir()
        files = [
            path
            for path in candidates
            if path.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in path.relative_to(folder).parts)
            and path.is_file()
        ]
    except PermissionError:
        raise InputError(f"permission denied reading folder {folder}") from None
    except OSError as exc:
        raise InputError(f"cannot read folder {folder}: {exc.strerror or exc}") from None
    return sorted(
        files, key=lambda path: [part.casefold() for part in path.relative_to(folder).parts]
    )
