"""The user cache: private, bounded, and never more than a speed-up."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from maildigest.cache import JsonMemo, private_folder


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "maildigest"


def test_memo_survives_a_new_process_and_drops_its_oldest_entries(cache_home: Path) -> None:
    memo = JsonMemo("parsed", "memo.json", max_entries=3)
    for number in range(5):
        memo.put(f"key {number}", [number, {"n": number}])
    memo.save()
    again = JsonMemo("parsed", "memo.json", max_entries=3)
    assert [again.get(f"key {n}") for n in range(5)] == [
        None,
        None,
        [2, {"n": 2}],
        [3, {"n": 3}],
        [4, {"n": 4}],
    ]
    assert oct((cache_home / "parsed").stat().st_mode & 0o777) == "0o700"


def test_nothing_is_written_until_something_is_added(cache_home: Path) -> None:
    memo = JsonMemo("parsed", "memo.json")
    assert memo.get("absent") is None
    memo.save()
    assert list((cache_home / "parsed").iterdir()) == []


def test_a_folder_others_can_write_to_is_not_used(cache_home: Path) -> None:
    folder = cache_home / "parsed"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    planted = folder / "memo.json"
    planted.write_text('{"key": "planted"}', "utf-8")
    assert private_folder("parsed") is None
    memo = JsonMemo("parsed", "memo.json")
    assert memo.get("key") is None  # someone else's entry is never believed
    memo.put("key", "ours")
    memo.save()
    assert memo.get("key") == "ours" and planted.read_text("utf-8") == '{"key": "planted"}'


def test_threads_can_share_a_memo(cache_home: Path) -> None:
    memo = JsonMemo("parsed", "memo.json", max_entries=500)

    def work(start: int) -> None:
        for number in range(start, start + 300):
            memo.put(str(number), number)
            if number % 50 == 0:
                memo.save()

    threads = [threading.Thread(target=work, args=(n * 300,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    memo.save()
    stored = JsonMemo("parsed", "memo.json", max_entries=500)
    assert sum(stored.get(str(n)) is not None for n in range(1200)) == 500


def test_a_new_file_makes_room_by_removing_the_least_recently_saved(cache_home: Path) -> None:
    for age, name in ((300, "oldest"), (200, "older")):
        memo = JsonMemo("parsed", f"{name}.json", max_files=2)
        memo.put("key", name)
        memo.save()
        stamp = (cache_home / "parsed" / f"{name}.json").stat().st_mtime - age
        os.utime(cache_home / "parsed" / f"{name}.json", (stamp, stamp))
    newest = JsonMemo("parsed", "newest.json", max_files=2)
    newest.put("key", "newest")
    newest.save()
    assert sorted(f.name for f in (cache_home / "parsed").iterdir()) == [
        "newest.json",
        "older.json",
    ]
