"""Accuracy of `analyze` against a labelled policy corpus (shared/corpus/policies/labels.json).

Per category, micro-averaged over apps: declared data types per app (set of ids), declared permissions
per app (set of names), SDK rows matched by name, and the data types of each matched SDK row. Used by
tests/policy/test_policy_accuracy.py (a floor) and benchmarks/policy.py (the figures).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit.errors import InputError
from appaudit.policy.analyze import analyze
from appaudit.policy.records import row_key
from appaudit.policy.vocab import normalize

CATEGORIES = ("data_types", "permissions", "sdk_rows", "sdk_row_types")
LabelledSet = tuple[str, list[Path], Mapping[str, Any]]  # app, its policy files, its labels


@dataclass(frozen=True, slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def of(cls, got: Iterable[str], expected: Iterable[str]) -> Score:
        g, e = set(got), set(expected)
        return cls(len(g & e), len(g - e), len(e - g))


@dataclass(frozen=True, slots=True)
class AppResult:
    app: str
    scores: Mapping[str, Score]
    misses: Mapping[str, Mapping[str, list[str]]] = field(default_factory=dict)  # category -> fp/fn -> items


@dataclass(frozen=True, slots=True)
class Evaluation:
    apps: tuple[AppResult, ...]

    def total(self, category: str) -> Score:
        out = Score()
        for a in self.apps:
            out = out + a.scores[category]
        return out


def _sdk_key(name: str) -> str:
    return normalize(name).replace(" ", "")


def rows_match(a: str, b: str) -> bool:
    """Two SDK row names name the same SDK when one key contains the other ("腾讯Bugly SDK（com.tencent.bugly）"
    and "腾讯Bugly SDK"), the shared scorer's rule."""
    ka, kb = row_key(a), row_key(b)
    return bool(ka and kb and (ka in kb or kb in ka))


def row_scores(got: Iterable[str], expected: Iterable[str]) -> tuple[Score, Score, list[str], list[str]]:
    """(recall score, precision score, missed labelled names, unlabelled output names) with `rows_match`:
    recall counts labelled rows some output row matches, precision output rows that match some label."""
    g, e = list(got), list(expected)
    missed = [x for x in e if not any(rows_match(x, y) for y in g)]
    extra = [y for y in g if not any(rows_match(x, y) for x in e)]
    recall = Score(len(e) - len(missed), 0, len(missed))
    precision = Score(len(g) - len(extra), len(extra), 0)
    return recall, precision, missed, extra


def labelled_sets(policies_dir: Path) -> list[LabelledSet]:
    """(app, its files, its labels) for every app of labels.json; files are found in the folder or seeds/."""
    labels_path = policies_dir / "labels.json"
    try:
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(f"{labels_path}: cannot read labels ({e}); pass the corpus policies folder") from e
    out: list[LabelledSet] = []
    for app, lab in labels.items():
        if app.startswith("_"):
            continue
        files = []
        for f in lab["files"]:
            path = policies_dir / f
            files.append(path if path.exists() else policies_dir / "seeds" / f)
        out.append((app, files, lab))
    return out


def sample_sets(sample_dir: Path) -> list[LabelledSet]:
    """The same triples for the demo apps (sample_apks/*/expected.json "policy": lists of ids, SDK rows)."""
    out: list[LabelledSet] = []
    for exp_path in sorted(sample_dir.glob("*/expected.json")):
        try:
            exp = json.loads(exp_path.read_text(encoding="utf-8")).get("policy")
        except (OSError, ValueError) as e:
            raise InputError(f"{exp_path}: cannot read ({e}); fix the sample's expected.json") from e
        if not exp:
            continue
        lab = {
            "declared_data_types": {t: [] for t in exp.get("declared_data_types", [])},
            "declared_permissions": {p: "" for p in exp.get("declared_permissions", [])},
            "sdk_rows": exp.get("sdk_rows", []),
        }
        out.append((exp_path.parent.name, [exp_path.parent / exp["file"]], lab))
    return out


def score_app(app: str, section: Mapping[str, Any], lab: Mapping[str, Any]) -> AppResult:
    got_types = set(section["declared_data_types"])
    exp_types = set(lab["declared_data_types"])
    got_perms = set(section["declared_permissions"])
    exp_perms = set(lab["declared_permissions"])
    got_rows = {_sdk_key(r["name"]): r for r in section["sdk_rows"]}
    exp_rows = {_sdk_key(r["name"]): r for r in lab["sdk_rows"]}
    row_types = Score()
    for key in got_rows.keys() & exp_rows.keys():
        row_types = row_types + Score.of(got_rows[key]["data_types"], exp_rows[key]["data_types"])
    scores = {
        "data_types": Score.of(got_types, exp_types),
        "permissions": Score.of(got_perms, exp_perms),
        "sdk_rows": Score.of(got_rows, exp_rows),
        "sdk_row_types": row_types,
    }
    misses = {
        "data_types": {"fp": sorted(got_types - exp_types), "fn": sorted(exp_types - got_types)},
        "permissions": {"fp": sorted(got_perms - exp_perms), "fn": sorted(exp_perms - got_perms)},
        "sdk_rows": {"fp": sorted(got_rows.keys() - exp_rows.keys()), "fn": sorted(exp_rows.keys() - got_rows.keys())},
    }
    return AppResult(app, scores, misses)


def evaluate(sets: list[LabelledSet]) -> Evaluation:
    """Run `analyze` on each labelled app's policy set (from `labelled_sets` or `sample_sets`) and score it."""
    results = []
    for app, files, lab in sets:
        section = analyze(files).sections["policy"]
        results.append(score_app(app, section, lab))
    return Evaluation(tuple(results))


def table(evaluation: Evaluation) -> str:
    """A plain-text table of the per-category figures."""
    lines = [f"{'category':<14} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for c in CATEGORIES:
        s = evaluation.total(c)
        lines.append(f"{c:<14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    return "\n".join(lines)
