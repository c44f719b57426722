"""Properties of the loaders of saved files (traces, flow captures, baselines, allowlists, profiles) and of
appaudit.limits, on generated documents: valid ones round-trip, anything else ends in InputError."""

from __future__ import annotations

import contextlib
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appaudit import gate, limits
from appaudit.errors import InputError
from appaudit.network import capture, profile
from appaudit.report import saved
from appaudit.runtime import trace

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(-1e15, 1e15, allow_nan=False)
    | st.text(max_size=20)
)
_JSON = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)
_HOSTILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.integers(1, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(1, 6000).map(lambda n: "1" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", '"\\ud800"', '{"at": 1e400}', "[1e-999]"]),
)


@given(doc=_JSON)
def test_bounded_json_round_trips_what_it_accepts(doc: object) -> None:
    assert limits.loads_json(json.dumps(doc), "x") == doc


@given(text=_HOSTILE_TEXT)
def test_bounded_json_raises_only_input_error(text: str) -> None:
    try:
        doc = limits.loads_json(text, "x")
    except InputError as e:
        assert "\n" not in str(e)
        return
    limits.check_nesting(doc, "x")  # whatever it returns is within the budgets
    json.dumps(doc).encode("utf-8")  # and writable: no lone surrogates, no NaN


@given(text=st.one_of(st.text(max_size=200), st.integers(1, 3000).map(lambda n: "a = " + "[" * n + "]" * n),
                      st.sampled_from(["a = inf", "a = nan", "a = -inf", "a = " + "9" * 5000, "a = 1e999"])))
def test_bounded_toml_raises_only_input_error(text: str) -> None:
    try:
        doc = limits.loads_toml(text, "x")
    except InputError:
        return
    assert isinstance(doc, dict)


@given(value=st.one_of(st.text(max_size=70), st.floats(), st.integers(), st.booleans(), st.none()))
def test_bounded_float_is_finite_and_bounded(value: object) -> None:
    x = limits.bounded_float(value)
    assert x is None or (math.isfinite(x) and abs(x) <= limits.MAX_ABS_NUMBER)


@given(text=st.text(max_size=300))
def test_atomic_write_never_leaves_a_partial_file(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    d = tmp_path_factory.mktemp("out")
    out = d / "report.txt"
    limits.atomic_write_text(out, text + "\ud800")  # a lone surrogate cannot make the write fail half-way
    assert out.read_bytes().decode("utf-8").startswith(text) and [p.name for p in d.iterdir()] == ["report.txt"]


_LINES = st.lists(st.one_of(_HOSTILE_TEXT, _JSON.map(json.dumps)), max_size=6)


def _write(tmp: pytest.TempPathFactory, name: str, lines: list[str]) -> Path:
    p = tmp.mktemp("saved") / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return p


@given(lines=_LINES, at=st.one_of(_SCALARS, st.sampled_from(["inf", "nan", "-inf", "1e999"])))
def test_any_trace_loads_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory, lines: list[str],
                                               at: object) -> None:
    header = json.dumps({"v": 1, "type": "header", "schema": 1, "package": "com.x"})
    read = json.dumps({"v": 1, "type": "read", "data_type": "imei", "api": "a", "at": at, "stack": ["x.Y.m(Y.java)"]})
    path = _write(tmp_path_factory, "t.jsonl", [header, read, *lines])
    try:
        report = trace.load_trace(path, catalogue=None)
    except InputError:
        return
    for e in report.evidence:
        assert e.at is None or math.isfinite(e.at)
    json.dumps(report.to_dict())


@given(lines=_LINES)
def test_any_capture_loads_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    path = _write(tmp_path_factory, "f.jsonl", lines)
    try:
        report = capture.load_flows(path)
    except InputError:
        return
    section = report.sections["network"]
    assert section["flows"] + section["bad_lines"] + section["truncated_lines"] <= len(lines)


@given(doc=st.one_of(_JSON.map(json.dumps), _HOSTILE_TEXT))
def test_any_baseline_loads_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory, doc: str) -> None:
    path = _write(tmp_path_factory, "base.json", [doc])
    with contextlib.suppress(InputError):
        saved.load_report(path, "baseline")


@given(doc=st.one_of(st.text(max_size=200), st.dictionaries(st.sampled_from(["sdks", "permissions", "data_types",
                                                                             "strict", "x"]), _JSON).map(json.dumps)))
def test_any_allowlist_loads_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory, doc: str) -> None:
    path = _write(tmp_path_factory, "allow.toml", [doc])
    with contextlib.suppress(InputError):
        gate.load_allowlist(path)


@given(doc=st.one_of(_JSON.map(json.dumps), _HOSTILE_TEXT))
def test_any_profile_loads_or_raises_input_error(tmp_path_factory: pytest.TempPathFactory, doc: str) -> None:
    path = _write(tmp_path_factory, "profile.json", [doc])
    with contextlib.suppress(InputError):
        profile.load_profile(path)
