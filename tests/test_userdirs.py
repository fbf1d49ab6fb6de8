"""The user folders: found by platformdirs, private, and never the working folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from maildigest.errors import ConfigError
from maildigest.userdirs import private_cache_folder, state_file, user_dir


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


def test_xdg_folders_and_their_defaults(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert user_dir("cache") == home / ".cache" / "maildigest"
    assert state_file("seen.json") == home / ".local" / "state" / "maildigest" / "seen.json"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "s"))
    assert user_dir("cache") == home / "c" / "maildigest"
    assert user_dir("state") == home / "s" / "maildigest"


def test_the_cache_folder_is_created_private(home: Path) -> None:
    folder = private_cache_folder("templates")
    assert folder == home / ".cache" / "maildigest" / "templates"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_folder_others_can_write_to_is_not_used(home: Path) -> None:
    folder = home / ".cache" / "maildigest" / "templates"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert private_cache_folder("templates") is None


def test_no_home_means_no_folder_rather_than_one_in_the_working_folder(
    home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("HOME")
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # "~" cannot be resolved
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    assert user_dir("cache") is None and private_cache_folder("templates") is None
    with pytest.raises(ConfigError, match="state_file"):
        state_file("seen.json")
    assert sorted(tmp_path.iterdir()) == before
