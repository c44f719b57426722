"""The texts of the policy benchmark corpus: a local folder of copies, checked against sources.json.

The texts are other people's sentences and are not committed. They were read from public GitHub
repositories (repository, path and commit in sources.json) and stored under
$APPAUDIT_POLICY_BENCH (default ~/.cache/appaudit/policy-bench) as <set>/<file>.

    python benchmarks/policy_corpus/texts.py check     # every text present and with its recorded sha256
    python benchmarks/policy_corpus/texts.py record    # write the sha256 of the local copies into sources.json
    python benchmarks/policy_corpus/texts.py store SET FILE < text   # store one text read elsewhere
    python benchmarks/policy_corpus/texts.py repair    # a copy differing only in line ends: the recorded form

Nothing here uses the network: the benchmark runs on whatever the folder holds and says what is missing.
On a new machine the folder is empty: each file is read again with the search tool's `read_file` (repository,
path and commit, or `read_file_id`, from sources.json; a long file in pages) and stored as returned. On
2026-12-07 that took 544 files, ~620 look-ups and ~35 minutes with eight readers; the page text comes back with
LF line ends and without some files' last newline, which `repair` puts back where that gives the recorded sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources.json"
LABELS = HERE / "labels.json"


def text_dir() -> Path:
    env = os.environ.get("APPAUDIT_POLICY_BENCH")
    return Path(env) if env else Path.home() / ".cache" / "appaudit" / "policy-bench"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sources() -> dict[str, list[dict[str, str]]]:
    data: dict[str, list[dict[str, str]]] = json.loads(SOURCES.read_text(encoding="utf-8"))["sets"]
    return data


def check(root: Path) -> list[str]:
    """Problems with the local copies: missing files and files whose sha256 differs from sources.json."""
    problems = []
    for name, files in sources().items():
        for f in files:
            path = root / f["local"]
            if not path.is_file():
                problems.append(f"{name}: {path} missing (source {f['repository']}/{f['path']}@{f['commit'][:10]})")
            elif f.get("sha256") and sha256(path) != f["sha256"]:
                problems.append(f"{name}: {path} differs from the recorded sha256")
    return problems


def repair(root: Path) -> list[str]:
    """Rewrite each copy whose sha256 differs but whose bytes with CRLF line ends, or with a final newline
    added or removed, give the recorded one (how `read_file` returns some texts); what was repaired."""
    done = []
    for name, files in sources().items():
        for f in files:
            path = root / f["local"]
            if not path.is_file() or not f.get("sha256") or sha256(path) == f["sha256"]:
                continue
            data = path.read_bytes()
            lf = data.replace(b"\r\n", b"\n")
            for variant in (lf, lf + b"\n", lf.rstrip(b"\n"), lf.replace(b"\n", b"\r\n"),
                            (lf + b"\n").replace(b"\n", b"\r\n"), lf.rstrip(b"\n").replace(b"\n", b"\r\n")):
                if hashlib.sha256(variant).hexdigest() == f["sha256"]:
                    path.write_bytes(variant)
                    done.append(f"{name}: {f['local']}")
                    break
    return done


def record(root: Path) -> int:
    doc = json.loads(SOURCES.read_text(encoding="utf-8"))
    n = 0
    for files in doc["sets"].values():
        for f in files:
            path = root / f["local"]
            if path.is_file():
                f["sha256"] = sha256(path)
                n += 1
    SOURCES.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return n


def main(argv: list[str]) -> int:
    root = text_dir()
    if argv[:1] == ["record"]:
        print(f"recorded {record(root)} sha256 from {root}")
        return 0
    if argv[:1] == ["repair"]:
        for line in repair(root):
            print(f"repaired {line}")
        return 0
    if argv[:1] == ["store"] and len(argv) == 3:
        target = root / argv[1] / argv[2]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(sys.stdin.buffer.read())
        print(f"stored {target}")
        return 0
    if argv[:1] in (["check"], []):
        problems = check(root)
        for p in problems:
            print(p)
        print(f"{root}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
