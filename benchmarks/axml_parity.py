"""Parity and speed of the binary-XML/resources parser appaudit uses (pyaxmlparser) against androguard's.

usage: python benchmarks/axml_parity.py [APK ...]   (default: ../shared/corpus/apks/*.apk and sample_apks/*/*.apk)
For every AndroidManifest.xml and res/xml/*.xml, compares the canonical XML (c14n) of both parsers' trees, and for
resources.arsc the package names and every package's string resources. Prints the counts and both parsers' time
in the same run; exit 1 on any difference, so a parser upgrade that changes what appaudit reads is seen.
androguard is a dev dependency (the static benchmark's reference), not a runtime one.
"""

from __future__ import annotations

import glob
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from loguru import logger

logger.disable("androguard")
from androguard.core.axml import ARSCParser as RefArsc  # noqa: E402
from androguard.core.axml import AXMLPrinter as RefPrinter  # noqa: E402
from lxml import etree  # noqa: E402
from pyaxmlparser.arscparser import ARSCParser  # noqa: E402
from pyaxmlparser.axmlprinter import AXMLPrinter  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _canon(el: Any) -> bytes | None:
    return etree.tostring(el, method="c14n") if el is not None else None


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def _strings(parser_cls: Any, arsc: bytes) -> dict[str, Any]:
    parser = parser_cls(arsc)
    return {p: parser.get_string_resources(p) for p in parser.get_packages_names()}


def main(paths: list[str]) -> int:
    files = paths or sorted(glob.glob(str(ROOT.parent / "shared/corpus/apks/*.apk"))) + sorted(
        glob.glob(str(ROOT / "sample_apks/*/*.apk"))
    )
    same = diff = 0
    t_ref = t_ours = 0.0
    for f in files:
        with zipfile.ZipFile(f) as z:
            names = z.namelist()
            xmls = [n for n in names if n == "AndroidManifest.xml" or (n.startswith("res/xml/") and n.endswith(".xml"))]
            for n in xmls:
                raw = z.read(n)
                ref, a = _timed(lambda r: RefPrinter(r).get_xml_obj(), raw)
                ours, b = _timed(lambda r: AXMLPrinter(r).get_xml_obj(), raw)
                t_ref, t_ours = t_ref + a, t_ours + b
                ok = _canon(ref) == _canon(ours)
                same, diff = same + ok, diff + (not ok)
                if not ok:
                    print(f"DIFF {Path(f).name} {n}")
            if "resources.arsc" in names:
                arsc = z.read("resources.arsc")
                ref_s, a = _timed(_strings, RefArsc, arsc)
                our_s, b = _timed(_strings, ARSCParser, arsc)
                t_ref, t_ours = t_ref + a, t_ours + b
                ok = ref_s == our_s
                same, diff = same + ok, diff + (not ok)
                if not ok:
                    print(f"DIFF {Path(f).name} resources.arsc")
    print(f"{len(files)} APKs: {same} files identical, {diff} different;", end=" ")
    print(f"androguard {t_ref:.2f} s, pyaxmlparser {t_ours:.2f} s")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
