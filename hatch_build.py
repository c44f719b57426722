"""Hatch build hook: a wheel carries the data sets kept at the repository root (see appaudit/resources.py).

An editable install reads them from the checkout, so only a standard wheel gets them. A wheel build without the
pre-built Frida agent fails here, naming the fix, instead of producing a wheel whose runtime cannot start: the
agent is bundled at release time (`make wheel`, scripts/build_wheel.sh) so that installing needs no npm.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# repository path -> path inside the wheel
BUNDLED = {
    "sdk_signatures": "appaudit/_bundled/sdk_signatures",
    "hooks/agent.js": "appaudit/_bundled/hooks/agent.js",
    "hooks/package.json": "appaudit/_bundled/hooks/package.json",
    "hooks/package-lock.json": "appaudit/_bundled/hooks/package-lock.json",
    "hooks/_agent.js": "appaudit/_bundled/hooks/_agent.js",
    "sample_apks/device_profile.json": "appaudit/_bundled/device_profile.json",
}


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        if not (root / "hooks" / "_agent.js").is_file():
            raise RuntimeError(
                "hooks/_agent.js (the pre-built Frida agent) is missing: build the wheel with `make wheel` "
                "(scripts/build_wheel.sh), which builds the agent first"
            )
        for src, dst in BUNDLED.items():
            build_data["force_include"][str(root / src)] = dst
