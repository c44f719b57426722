"""Rebuild sdk_signatures/imported/ from ../shared/sdkdata (same as `appaudit sdk import`).

Usage: .venv/bin/python scripts/import_sdkdata.py [SDKDATA_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from appaudit import sdkimport, signatures
from appaudit.errors import AppAuditError


def main() -> int:
    sig_dir = signatures.default_dir()
    sdkdata = Path(sys.argv[1]) if len(sys.argv) > 1 else sig_dir.parent.parent / "shared" / "sdkdata"
    try:
        result = sdkimport.run(sdkdata, sig_dir)
    except AppAuditError as e:
        print(f"import_sdkdata: error: {e}", file=sys.stderr)
        return 2
    d = result.to_dict()
    print(json.dumps({k: d[k] for k in ("written", "sources", "merged_imported")}, ensure_ascii=False))
    print(f"merged into {len(d['merged_into_curated'])} curated entries; refused {len(d['refused'])} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
