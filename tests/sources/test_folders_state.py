"""Folder listing and the --new-only state file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from maildigest.errors import ConfigError
from maildigest.sources.folders import article_files
from maildigest.sources.state import load_seen, remember


def make(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def test_folder_lists_article_files_sorted_by_name(tmp_path: Path) -> None:
    make(
        tmp_path,
        "b.md",
        "A.txt",
        "c.HTML",
        "d.htm",
        "notes.pdf",
        "image.png",
        ".hidden.txt",
        "sub/e.txt",
    )
    assert [p.name for p in article_files(tmp_path)] == ["A.txt", "b.md", "c.HTML", "d.htm"]


def test_recursive_descends_in_path_order_and_skips_hidden_folders(tmp_path: Path) -> None:
    make(tmp_path, "z.txt", "a/b.txt", "a/c/d.md", ".git/e.txt", "b/a.html")
    names = [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path, recursive=True)]
    assert names == ["a/b.txt", "a/c/d.md", "b/a.html", "z.txt"]


def test_state_remembers_keys_with_the_date_first_seen(tmp_path: Path) -> None:
    path = tmp_path / "state" / "seen.json"
    assert load_seen(path) == {}
    remember(path, ["http://x/1"], today=dt.date(2026, 11, 1))
    remember(path, ["http://x/1", "http://x/2"], today=dt.date(2026, 11, 8))
    assert load_seen(path) == {"http://x/1": "2026-11-01", "http://x/2": "2026-11-08"}
    assert json.loads(path.read_text())["version"] == 1


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"seen": 3}'])
def test_a_damaged_state_file_is_a_clear_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "seen.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="delete it"):
        load_seen(path)
