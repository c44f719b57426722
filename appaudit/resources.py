"""Where appaudit's bundled data sets live: inside the installed wheel, or beside the package in a source checkout.

A wheel carries them under ``appaudit/_bundled/`` (pyproject.toml's ``force-include``); an editable install or a
plain checkout reads them from the repository root, where they are maintained. Each can be overridden by an
environment variable, so an analyst can point at their own catalogue, agent or device profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_bundled"
_CHECKOUT = _PACKAGE.parent


@dataclass(frozen=True, slots=True)
class DataSet:
    """One bundled data set: its name in the wheel, its path in a checkout, and its override variable."""

    name: str
    checkout: str
    env: str


SIGNATURES = DataSet("sdk_signatures", "sdk_signatures", "APPAUDIT_SIGNATURES")
HOOKS = DataSet("hooks", "hooks", "APPAUDIT_HOOKS_DIR")
DEVICE_PROFILE = DataSet("device_profile.json", "sample_apks/device_profile.json", "APPAUDIT_DEVICE_PROFILE")
ALL = (SIGNATURES, HOOKS, DEVICE_PROFILE)


def locate(ds: DataSet) -> Path:
    """The path of a data set: the override variable, then the wheel's copy, then the checkout's."""
    env = os.environ.get(ds.env)
    if env:
        return Path(env)
    bundled = _BUNDLED / ds.name
    if bundled.exists():
        return bundled
    return _CHECKOUT / ds.checkout


def origin(ds: DataSet) -> str:
    """Where `locate` found the data set, for `appaudit --version`: env, wheel or checkout."""
    if os.environ.get(ds.env):
        return f"${ds.env}"
    return "wheel" if (_BUNDLED / ds.name).exists() else "checkout"
