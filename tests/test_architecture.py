"""docs/architecture.md stays true: every path and symbol it names exists, and each "where to add X"
recipe works for a toy one (the format, source and backend toys are in tests/report/test_formats.py
and tests/test_audit.py, the policy file format's in tests/policy/test_policy_load_formats.py)."""

from __future__ import annotations

import importlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from appaudit import compare, ontology, signatures
from appaudit.errors import DataError
from appaudit.model import DETAIL_TYPES, Detail, EvidenceKind

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"


def _where_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("## Where to add X", 1)[1]


def _resolve(dotted: str) -> object:
    """appaudit.a.b.c -> the module or attribute it names (the longest importable module prefix)."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


def test_every_path_and_symbol_named_in_where_to_add_exists() -> None:
    named = re.findall(r"`([^`]+)`", _where_section())
    paths = [n for n in named if "/" in n]
    symbols = [n for n in named if n.startswith("appaudit.") and "/" not in n]
    assert len(paths) >= 5 and len(symbols) >= 15
    for p in paths:
        concrete = p.replace("<id>", "admob")
        assert (ROOT / concrete).exists() or (ROOT / concrete).parent.is_dir(), p
    for s in symbols:
        _resolve(s)  # raises when a rename was not carried into the doc


def test_a_toy_signature_is_one_file(tmp_path: Path) -> None:
    src = signatures.default_dir()
    shutil.copy(src / "_rules.toml", tmp_path / "_rules.toml")
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "toysdk.toml").write_text(
        'id = "toysdk"\nname = "Toy SDK"\nvendor = "Toy"\ncategory = "analytics"\ncollects = true\n'
        'packages = ["com.toysdk.analytics"]\ncomponents = []\nmeta_data = []\nactions = []\nnative_libs = []\n'
        'hosts = ["toysdk.example"]\npolicy_names = ["Toy SDK"]\ndata_types = ["imei"]\n'
        'privacy_url = "https://toysdk.example/privacy"\nprovenance = ["curated"]\n'
        'examples = ["com.toysdk.analytics.Tracker"]\n',
        encoding="utf-8",
    )
    cat = signatures.load_dir(tmp_path)
    sig = cat.match_class("com.toysdk.analytics.Tracker")
    assert sig is not None and sig.id == "toysdk"


def test_a_toy_data_type_is_one_table() -> None:
    doc = tomllib.loads((ROOT / "appaudit" / "data" / "datatypes.toml").read_text(encoding="utf-8"))
    toy = {
        **doc["datatype"][0],
        "id": "toy_identifier",
        "name": "Toy identifier",
        "api": [{"kind": "method", "class": "com.toy.Ids", "method": "get"}],
    }
    types = ontology.parse({**doc, "datatype": [*doc["datatype"], toy]})
    assert types["toy_identifier"].name == "Toy identifier"


def test_a_toy_rule_is_one_table_and_one_check() -> None:
    doc = tomllib.loads((ROOT / "appaudit" / "data" / "rules.toml").read_text(encoding="utf-8"))
    toy = {"title": "t", "severity": "low", "needs": ["MANIFEST"], "policy": False, "message": "m", "basis": "b"}
    parsed = compare.parse_rules({"rule": {**doc["rule"], "TOY_RULE": toy}})
    assert parsed["TOY_RULE"].needs[0].value == "MANIFEST"
    assert set(compare.rules()) == set(compare._CHECKS)  # every rule has its check and vice versa
    with pytest.raises(DataError):
        compare.parse_rules({"rule": {"TOY_RULE": {**toy, "severity": "dire"}}})


def test_every_evidence_kind_has_its_record() -> None:
    assert set(DETAIL_TYPES) == set(EvidenceKind)
    for kind, record in DETAIL_TYPES.items():
        assert issubclass(record, Detail) and record.KIND is kind
    evidence_doc = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    for kind in EvidenceKind:
        if kind is not EvidenceKind.OTHER:
            assert f"`{kind.value}`" in evidence_doc, kind


def test_the_where_to_add_entries_name_each_family_and_its_toy() -> None:
    where = _where_section()
    for entry, needed in {
        "**A runtime backend**": ("appaudit.runtime.backends.register", "appaudit.runtime.backends.Prepared"),
        "**A policy file format**": ("appaudit.policy.load.register", "tests/policy/test_policy_load_formats.py"),
    }.items():
        text = where.split(entry, 1)[1].split("\n- **", 1)[0]
        for name in needed:
            assert f"`{name}`" in text or name in text, (entry, name)
    # the backend protocol in the doc is the one in the code: prepare / run / cleanup
    from appaudit.runtime.backends import Backend

    assert {"prepare", "run", "cleanup", "default_profile"} <= set(dir(Backend))
    from appaudit.policy import load

    assert set(load.FORMATS) >= {"text", "markdown", "mdx", "html", "pdf"}
