"""Shared by the sample-app tests: where sample_apks/ is, the app names, and importing its build scripts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SAMPLES = Path(__file__).resolve().parents[2] / "sample_apks"
APPS = ("demo-aggressive", "demo-clean", "demo-network", "demo-news", "demo-obfuscated", "demo-preconsent")


def load_script(name: str) -> ModuleType:
    """Import sample_apks/<name>.py (a script folder, not a package); its siblings import each other."""
    if str(SAMPLES) not in sys.path:
        sys.path.insert(0, str(SAMPLES))
    if name in sys.modules and getattr(sys.modules[name], "__file__", "") == str(SAMPLES / f"{name}.py"):
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
