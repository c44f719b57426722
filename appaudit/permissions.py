"""The Android permission table (data/permissions.json): protection level, API level, Play restrictions."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from appaudit import data as bundled

LEVELS = ("normal", "dangerous", "signature", "special", "unknown")


@dataclass(frozen=True, slots=True)
class PermissionInfo:
    """What the platform says about one permission; `unknown` for custom or vendor permissions."""

    name: str
    protection_level: str
    added_api: int | None = None
    removed_api: int | None = None
    play_restricted: bool = False
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "protection_level": self.protection_level,
            "added_api": self.added_api,
            "removed_api": self.removed_api,
            "play_restricted": self.play_restricted,
            "label": self.label,
        }


@cache
def table() -> dict[str, PermissionInfo]:
    raw = bundled.load("permissions.json")
    return {
        name: PermissionInfo(
            name=name,
            protection_level=str(p["protection_level"]),
            added_api=p.get("added_api"),
            removed_api=p.get("removed_api"),
            play_restricted=bool(p.get("play_restricted", False)),
            label=str(p.get("label", "")),
        )
        for name, p in raw["permissions"].items()
    }


def lookup(name: str) -> PermissionInfo:
    """The table entry, or an `unknown` entry for permissions the platform does not define."""
    return table().get(name) or PermissionInfo(name=name, protection_level="unknown")


def is_sensitive(info: PermissionInfo) -> bool:
    """Dangerous, special or Play-restricted: what a policy must explain (rules.md PERMISSION_UNEXPLAINED)."""
    return info.protection_level in ("dangerous", "special") or info.play_restricted
