"""A fixed sample of messy-dev cases, scored with the shared scorer, stays above
the issue's targets (speed is measured in benchmarks/bench_cleaning.py)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from maildigest.clean import clean_text

SAMPLE = 30
"""Every fifth of the 150 cases: all sites and corruption kinds are represented."""
TARGETS = {
    "para_f1": (">=", 0.95),
    "dup_leak": ("<=", 0.02),
    "boilerplate_leak": ("<=", 0.05),
    "title_exact": (">=", 0.95),
    "date": (">=", 0.95),
    "artifact_leak": ("<=", 0.05),
    "order_preserved": (">=", 0.98),
}


def _scorer(shared: Path) -> ModuleType:
    path = shared / "tools" / "score_cleaning.py"
    spec = importlib.util.spec_from_file_location("score_cleaning", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_cleaning", module)
    spec.loader.exec_module(module)
    return module


def test_sample_meets_targets(shared: Path) -> None:
    scorer = _scorer(shared)
    cases = sorted((shared / "data" / "messy-dev").glob("dev-*/truth.json"))[::5][:SAMPLE]
    scores = []
    for truth_path in cases:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        text = (truth_path.parent / "input.txt").read_bytes().decode("utf-8", "replace")
        prediction = scorer.Fields().read(clean_text(text))
        scores.append(scorer.score_case(truth_path.parent, truth, prediction, 0.9))
    figures: dict[str, Any] = scorer.summarise(scores)
    missed = [
        f"{metric} = {figures[metric]:.3f} (target {op} {target})"
        for metric, (op, target) in TARGETS.items()
        if not (figures[metric] >= target if op == ">=" else figures[metric] <= target)
    ]
    assert len(scores) == SAMPLE
    assert not missed, "; ".join(missed)
