"""Accuracy floors on every labelled policy of the shared corpus (labels.json, seeds included).

The floors are what the analyser reaches today (benchmarks/policy.py prints the figures); a change
that lowers one must say why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from appaudit.policy import accuracy
from appaudit.policy.accuracy import Score

FLOORS = {  # category -> (precision, recall, f1); measured: 0.989/0.979/0.984, 1/1/1, 1/1/1, 0.926 each
    "data_types": (0.98, 0.97, 0.98),
    "permissions": (1.0, 1.0, 1.0),
    "sdk_rows": (1.0, 1.0, 1.0),
    "sdk_row_types": (0.92, 0.92, 0.92),
}


@pytest.fixture(scope="module")
def evaluation(policies_dir: Path) -> accuracy.Evaluation:
    return accuracy.evaluate(accuracy.labelled_sets(policies_dir))


def test_every_labelled_app_is_scored(evaluation: accuracy.Evaluation, policies_dir: Path) -> None:
    labelled = {app for app, _, _ in accuracy.labelled_sets(policies_dir)}
    assert {a.app for a in evaluation.apps} == labelled
    assert {"OpenNote", "jiamai", "seed_000", "seed_001", "seed_002", "seed_003", "seed_004"} <= labelled


@pytest.mark.parametrize("category", accuracy.CATEGORIES)
def test_floor(evaluation: accuracy.Evaluation, category: str) -> None:
    s = evaluation.total(category)
    p, r, f1 = FLOORS[category]
    misses = {a.app: a.misses.get(category) for a in evaluation.apps}
    assert s.tp > 0
    assert s.precision >= p and s.recall >= r and s.f1 >= f1, (category, s, misses)


def test_score_arithmetic() -> None:
    s = Score.of(["a", "b", "c"], ["b", "c", "d", "e"])
    assert (s.tp, s.fp, s.fn) == (2, 1, 2)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert Score.of([], []).f1 == 1.0


def test_demo_app_policies() -> None:
    # sample_apks/*/policy.md with the expectations their author wrote in expected.json (independent of
    # the corpus these rules were written on); the audit pipeline relies on them.
    sample_dir = Path(__file__).resolve().parents[2] / "sample_apks"
    sets = accuracy.sample_sets(sample_dir)
    assert len(sets) >= 5
    ev = accuracy.evaluate(sets)
    for category in ("data_types", "permissions", "sdk_rows", "sdk_row_types"):
        s = ev.total(category)
        assert s.f1 >= 0.9, (category, s, {a.app: a.misses.get(category) for a in ev.apps})
