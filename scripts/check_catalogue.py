"""Check the SDK catalogue against real APKs and synthetic look-alikes (appaudit/sdkcheck.py).

Usage: .venv/bin/python scripts/check_catalogue.py [APK_OR_DIR ...] [--json]
Default APKs: ../shared/corpus/apks/*.apk and sample_apks/*/*.apk. Exit 1 when a problem is unjustified.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from appaudit import sdkcheck, signatures
from appaudit.errors import AppAuditError


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    args = [Path(a) for a in argv if a != "--json"]
    root = Path(__file__).resolve().parents[1]
    if not args:
        args = [root.parent / "shared" / "corpus" / "apks", *sorted((root / "sample_apks").glob("*/*.apk"))]
    apks = [p for a in args for p in (sorted(a.glob("*.apk")) if a.is_dir() else [a]) if p.is_file()]
    sig_dir = signatures.default_dir()
    try:
        cat = signatures.load()
        doc = tomllib.loads((sig_dir / "_rules.toml").read_text(encoding="utf-8"))
        apps = [sdkcheck.app_classes(p.name, p) for p in apks]
    except (AppAuditError, OSError, tomllib.TOMLDecodeError) as e:
        print(f"check_catalogue: error: {e}", file=sys.stderr)
        return 2
    report = sdkcheck.check(cat, signatures.load_rules(sig_dir), sdkcheck.justifications(doc), apps)
    if as_json:
        print(json.dumps({"summary": report.summary(cat), "problems": [p.to_dict() for p in report.problems]},
                         indent=1, ensure_ascii=False))  # fmt: skip
    else:
        print(json.dumps(report.summary(cat), ensure_ascii=False))
        for p in report.errors:
            print(f"{p.check:12} {p.sdk:32} {p.value:40} {p.detail}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
