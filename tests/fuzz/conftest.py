"""Hypothesis profiles for the fuzz suite: a small budget in every test run (CI), a long one for `make fuzz`.

APPAUDIT_FUZZ_PROFILE=fuzz (set by `make fuzz`) raises the examples per property to APPAUDIT_FUZZ_EXAMPLES
(default 3,000) and keeps a failure database in .hypothesis/ so a found case is replayed first next time.
"""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_APK = ROOT / "sample_apks" / "demo-clean" / "demo-clean.apk"
PROFILE = ROOT / "sample_apks" / "device_profile.json"
IMEI = "867530912345678"  # sample_apks/device_profile.json

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=30, deadline=None, database=None, suppress_health_check=_SLOW)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("APPAUDIT_FUZZ_EXAMPLES", "3000")),
    deadline=None,
    suppress_health_check=_SLOW,
)
settings.load_profile(os.environ.get("APPAUDIT_FUZZ_PROFILE", "ci"))

# scripts/hostile_corpus.py is imported by the corpus test and by the dex properties (its bomb builders).
sys.path.insert(0, str(ROOT / "scripts"))
# tests/network/network_e2e.py runs mitmdump for the live proxy test (port helpers).
sys.path.insert(0, str(ROOT / "tests" / "network"))


@pytest.fixture(scope="session")
def sample_dex() -> bytes:
    with zipfile.ZipFile(SAMPLE_APK) as z:
        return z.read("classes.dex")


@pytest.fixture(scope="session")
def sample_manifest() -> bytes:
    with zipfile.ZipFile(SAMPLE_APK) as z:
        return z.read("AndroidManifest.xml")
