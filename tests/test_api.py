"""The importable library: the same jobs as the CLI, as functions."""

from __future__ import annotations

import importlib
from pathlib import Path

import maildigest


def test_stage_packages_and_library_functions_share_names(seed: Path) -> None:
    # Importing the stage packages must not shadow the functions of the same name.
    stage = importlib.import_module("maildigest.clean")
    summarize_stage = importlib.import_module("maildigest.summarize")
    assert hasattr(stage, "clean_document")
    assert hasattr(summarize_stage, "summarize_article")
    article = maildigest.clean(seed)
    summary = maildigest.summarize(article, bullets=2)
    assert article.title.startswith("Leica collaboration confirmed")
    assert len(summary.bullets) == 2
    assert all(b.text for b in summary.bullets)


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        maildigest.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
