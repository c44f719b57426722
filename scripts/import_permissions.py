"""Build appaudit/data/permissions.json from androguard's per-API-level AOSP permission tables.

Provenance: androguard/core/api_specific_resources/aosp_permissions/permissions_<API>.json (extracted
from AOSP frameworks/base/core/res/AndroidManifest.xml by the androguard project). Permissions added
after the newest level androguard ships, and Play policy flags, come from data/permissions_extra.toml.
Run: .venv/bin/python scripts/import_permissions.py
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import androguard

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(androguard.__file__).parent / "core" / "api_specific_resources" / "aosp_permissions"


def base_level(raw: str) -> str:
    """Reduce an AOSP protectionLevel ("signature|privileged|appop") to normal/dangerous/signature/special."""
    flags = set(raw.split("|"))
    if "appop" in flags and "signature" in flags:
        return (
            "special"  # granted through Settings (AppOps), not at install: SYSTEM_ALERT_WINDOW, MANAGE_EXTERNAL_STORAGE
        )
    for level in ("dangerous", "normal", "signature"):
        if level in flags:
            return level
    if "signatureOrSystem" in flags or "system" in flags:
        return "signature"
    return "signature" if flags & {"privileged", "preinstalled"} else "normal"


def main() -> None:
    levels = sorted(
        int(m.group(1)) for p in SRC.glob("permissions_*.json") if (m := re.search(r"_(\d+)\.json$", p.name))
    )
    table: dict[str, dict[str, object]] = {}
    for api in levels:
        perms = json.loads((SRC / f"permissions_{api}.json").read_text())["permissions"]
        for name, p in perms.items():
            entry = table.setdefault(name, {"added_api": api})
            entry["protection_raw"] = p.get("protectionLevel", "normal") or "normal"
            entry["protection_level"] = base_level(str(entry["protection_raw"]))
            entry["label"] = (p.get("label") or "").strip()
            entry["removed_api"] = None
        for name, entry in table.items():
            if name not in perms and entry.get("removed_api") is None and int(str(entry["added_api"])) < api:
                entry["removed_api"] = api
    extra = tomllib.loads((ROOT / "appaudit" / "data" / "permissions_extra.toml").read_text())
    for name, e in extra.get("permission", {}).items():
        entry = table.setdefault(name, {"added_api": e.get("added_api"), "label": "", "removed_api": None})
        for key in ("protection_level", "added_api", "play_restricted", "label"):
            if key in e:
                entry[key] = e[key]
        entry.setdefault("protection_raw", e.get("protection_level", ""))
        entry["source"] = "permissions_extra.toml"
    out = {
        "_provenance": f"androguard {androguard.__version__} aosp_permissions API {levels[0]}..{levels[-1]}"
        " + appaudit/data/permissions_extra.toml",
        "permissions": dict(sorted(table.items())),
    }
    (ROOT / "appaudit" / "data" / "permissions.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(table)} permissions written")


if __name__ == "__main__":
    main()
