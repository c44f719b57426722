"""Fixtures for the sample-app tests: the sample_apks folder, its build module and every app's expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sample_apks_fixtures import APPS, SAMPLES, load_script


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def build_module() -> ModuleType:
    return load_script("build")


@pytest.fixture(scope="session")
def expected() -> dict[str, dict[str, Any]]:
    return {app: json.loads((SAMPLES / app / "expected.json").read_text(encoding="utf-8")) for app in APPS}
