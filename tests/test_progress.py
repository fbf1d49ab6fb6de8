"""The one progress display: a transient rich bar for phases of two items or more."""

from __future__ import annotations

import io

from maildigest.progress import TerminalProgress


def test_a_phase_of_several_items_draws_a_bar_that_goes_away() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream)
    bar.begin("Fetching", 3)
    for _ in range(3):
        bar.advance()
    bar.note("skipped: https://example.com/a (404)")
    bar.end()
    out = stream.getvalue()
    assert "Fetching" in out and "skipped: https://example.com/a (404)\n" in out
    assert out.endswith("\x1b[2K")  # transient: the bar's line is cleared at the end


def test_a_single_item_draws_nothing_but_notes_still_show() -> None:
    stream = io.StringIO()
    bar = TerminalProgress(stream)
    bar.begin("Summarizing", 1)
    bar.advance()
    bar.end()
    assert stream.getvalue() == ""
    bar.note("failed: a@example.com: 550")
    assert stream.getvalue() == "failed: a@example.com: 550\n"
