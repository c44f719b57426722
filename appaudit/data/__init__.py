"""Bundled data files (ontology, permissions, rules, vocabularies) and the one way to read them."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from typing import Any


def load(name: str, package: str = "appaudit.data") -> dict[str, Any]:
    """Parse a bundled TOML or JSON file shipped as package data of PACKAGE."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    parsed: dict[str, Any] = json.loads(text) if name.endswith(".json") else tomllib.loads(text)
    return parsed
