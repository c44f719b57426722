"""Safe unpacking of an app and the one binary-XML/resources adapter (pyaxmlparser).

Accepts a .apk, a bundle (.apks/.xapk/.apkm: a zip of base + split APKs), or a directory of split
APKs. Nothing is ever extracted to disk: entries are read into memory under limits (entry count,
total and per-entry uncompressed size, compression ratio, nesting depth), so zip bombs, `../` names,
absolute names and duplicate entries cannot write anywhere; they end in an `InputError` or in a
"skipped" note. Nested archives and dex files in assets (e.g. `instant-run.zip`, packed plugins)
are opened up to `MAX_DEPTH` levels.

pyaxmlparser (androguard's AXML/ARSC parser as a small package, without androguard's analysis stack of
matplotlib, IPython, SQLAlchemy...) is imported here only: `parse_xml` turns binary XML into plain `XmlNode`s and
`resource_file` resolves a `@7F...` reference through resources.arsc. On the 16 corpus APKs and the sample apps
it gives the same manifests, res/xml files and string resources as androguard 4.1.3 (benchmarks/axml_parity.py).
"""

from __future__ import annotations

import functools
import hashlib
import io
import posixpath
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appaudit.errors import InputError
from appaudit.limits import AXML_CHARS_FACTOR, open_regular

# Limits. Real APKs stay far below them; a hostile archive trips them before using much memory.
MAX_ENTRIES = 200_000
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3  # declared size of all entries of one archive
MAX_READ_TOTAL = 1536 * 1024**2  # bytes actually read into memory for the whole app
MAX_ENTRY_SIZE = 512 * 1024**2
MAX_RATIO = 200  # uncompressed/compressed; dex compresses ~3:1, text ~10:1
RATIO_MIN_SIZE = 1024**2  # tiny entries may compress very well without being bombs
MAX_DEPTH = 3
MAX_XML_SIZE = 16 * 1024**2  # AndroidManifest.xml and res/xml files; real ones are well under 1 MiB
_NSC_MARKERS = (b"network-security-config", "network-security-config".encode("utf-16-le"))
ANDROID_NS = "{http://schemas.android.com/apk/res/android}"
ARCHIVE_SUFFIXES = (".apk", ".jar", ".zip")


@dataclass(frozen=True, slots=True)
class XmlNode:
    """A parsed XML element: tag, attributes (android namespace written `android:`), children."""

    tag: str
    attrs: dict[str, str]
    children: tuple[XmlNode, ...] = ()
    text: str = ""

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    def find_all(self, tag: str) -> list[XmlNode]:
        return [c for c in self.children if c.tag == tag]

    def iter(self) -> Iterator[XmlNode]:
        yield self
        for c in self.children:
            yield from c.iter()


@dataclass(slots=True)
class ApkPart:
    """One APK of the app (the base or a split), with what the analysers read from it."""

    name: str
    manifest: XmlNode | None = None
    files: list[str] = field(default_factory=list)
    arsc: bytes | None = None
    xml_files: dict[str, bytes] = field(default_factory=dict)  # res/xml/*.xml, for the network security config


@dataclass(slots=True)
class Unpacked:
    """Everything read from the input: parts, dex files (with where each came from), notes."""

    path: Path
    sha256: str
    parts: list[ApkPart] = field(default_factory=list)
    dex: list[tuple[str, bytes]] = field(default_factory=list)  # ("base.apk!assets/x.zip!classes.dex", data)
    native_libs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    bytes_read: int = 0

    @property
    def base(self) -> ApkPart:
        return self.parts[0]


class _Budget:
    def __init__(self, unpacked: Unpacked) -> None:
        self.u = unpacked

    def take(self, n: int, where: str) -> None:
        self.u.bytes_read += n
        if self.u.bytes_read > MAX_READ_TOTAL:
            raise InputError(
                f"{self.u.path}: more than {MAX_READ_TOTAL >> 20} MiB to decompress ({where}); "
                "a zip bomb or an unusually large app — nothing was analysed"
            )


def unpack(path: Path) -> Unpacked:
    """Open the app at `path` (APK, bundle or directory of split APKs) under the limits above."""
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        apks = sorted(p for p in path.iterdir() if p.suffix.lower() == ".apk" and p.is_file())
        if not apks:
            raise InputError(f"{path}: directory holds no .apk files; pass an APK, a bundle or a folder of splits")
        u = Unpacked(path=path, sha256=_sha256_many(apks))
        budget = _Budget(u)
        for p in apks:
            try:
                zf = _zip(p, p.name)
            except InputError as e:
                u.skipped.append(f"{e}; skipped")
                continue
            with zf:
                _read_apk(u, budget, zf, _checked_names(zf, p.name, u), p.name, depth=0)
    else:
        # The archive is read entry by entry from the file (never whole): a bundle may carry large OBBs.
        u = Unpacked(path=path, sha256=file_sha256(path))  # refuses FIFOs and devices (open_regular)
        budget = _Budget(u)
        with open_regular(path) as raw, _zip(raw, str(path)) as zf:
            names = _checked_names(zf, str(path), u)
            if "AndroidManifest.xml" in names:
                _read_apk(u, budget, zf, names, path.name, depth=0)
            else:
                inner = [n for n in names if n.lower().endswith(".apk")]
                if not inner:
                    raise InputError(
                        f"{path}: neither an APK (no AndroidManifest.xml) nor a bundle of APKs "
                        "(.apks/.xapk/.apkm); pass the app's .apk file"
                    )
                for n in inner:
                    blob = _read_entry(zf, names[n], str(path), u, budget)
                    if blob is not None:
                        _open_apk(u, budget, n, blob, depth=1)
    parts = [p for p in u.parts if p.manifest is not None]
    if not parts:
        if any("encrypted" in n for n in u.skipped):
            raise InputError(
                f"{path}: entries are encrypted (e.g. an older .apkm); export plain APKs with the tool that made it"
            )
        raise InputError(f"{path}: no readable AndroidManifest.xml in any APK; the file is damaged")
    # The base is the APK whose manifest has no `split` attribute (splits name themselves).
    parts.sort(key=lambda p: (p.manifest is None or "split" in p.manifest.attrs, p.name))
    u.parts = parts + [p for p in u.parts if p.manifest is None]
    if not u.dex:
        u.skipped.append(f"{path.name}: no classes*.dex found; code, SDK classes and call sites were not analysed")
    return u


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a regular file's bytes, read in 1 MiB chunks; the one file hash (runtime caches use it)."""
    h = hashlib.sha256()
    with open_regular(path) as f:
        try:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror}); check permissions") from None
    return h.hexdigest()


def _sha256_many(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(bytes.fromhex(file_sha256(p)))
    return h.hexdigest()


def _zip(data: bytes | Path | io.BufferedReader, where: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error, NotImplementedError) as e:
        raise InputError(f"{where}: not a valid zip archive ({e}); is the file truncated or not an APK?") from None


def _checked_names(zf: zipfile.ZipFile, where: str, u: Unpacked) -> dict[str, zipfile.ZipInfo]:
    """Entry names usable for analysis: first copy of each, hostile names noted and dropped."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{where}: {len(infos)} zip entries (limit {MAX_ENTRIES}); not an app archive")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise InputError(
            f"{where}: entries declare {total >> 20} MiB uncompressed (limit {MAX_TOTAL_UNCOMPRESSED >> 20} MiB); "
            "looks like a zip bomb — nothing was analysed"
        )
    counts = Counter(i.filename for i in infos)
    names: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        n = info.filename
        if n.startswith(("/", "\\")) or "\\" in n or "\0" in n or ".." in n.split("/") or (len(n) > 1 and n[1] == ":"):
            u.skipped.append(f"{where}: entry {_show(n)} has an absolute or ../ path; ignored (never extracted)")
            continue
        if n in names:
            continue
        if counts[n] > 1:
            # Android refuses archives with duplicate names; a scanner reading the other copy would be fooled.
            u.skipped.append(f"{where}: entry {_show(n)} appears {counts[n]} times; analysed the first copy only")
        names[n] = info
    return names


def _show(name: str) -> str:
    return repr(name[:120] + ("…" if len(name) > 120 else ""))


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, u: Unpacked, budget: _Budget) -> bytes | None:
    if info.file_size > MAX_ENTRY_SIZE:
        u.skipped.append(f"{where}!{_show(info.filename)}: {info.file_size >> 20} MiB entry over the limit; skipped")
        return None
    if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        u.skipped.append(
            f"{where}!{_show(info.filename)}: compression ratio {info.file_size // max(info.compress_size, 1)}:1 "
            "looks like a zip bomb; skipped"
        )
        return None
    budget.take(info.file_size, f"{where}!{info.filename}")
    try:
        with zf.open(info) as f:
            return f.read(info.file_size)
    except NotImplementedError:
        return _read_tampered(zf, info, where, u)
    except RuntimeError as e:  # encrypted entries (e.g. some .apkm bundles)
        u.skipped.append(f"{where}!{_show(info.filename)}: cannot be read ({e}); skipped")
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError, struct.error) as e:
        u.skipped.append(f"{where}!{_show(info.filename)}: damaged entry ({e}); skipped")
    return None


def _read_tampered(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, u: Unpacked) -> bytes | None:
    """An entry with an unknown compression method: Android's installer reads it as stored or deflated.

    Evasive malware sets bogus method numbers so that zip tools fail while the device still installs it.
    """
    fp = zf.fp
    if fp is None:
        return None
    try:
        fp.seek(info.header_offset)
        hdr = fp.read(30)
        if len(hdr) < 30 or hdr[:4] != b"PK\x03\x04":
            raise ValueError("bad local header")
        n_len, x_len = struct.unpack_from("<HH", hdr, 26)
        fp.seek(info.header_offset + 30 + n_len + x_len)
        raw = fp.read(info.compress_size)
        if info.compress_size == info.file_size:
            data = raw
        else:
            d = zlib.decompressobj(-15)
            data = d.decompress(raw, info.file_size)
        u.skipped.append(
            f"{where}!{_show(info.filename)}: unknown compression method {info.compress_type}; read as Android does"
        )
        return data
    except (OSError, ValueError, zlib.error, struct.error) as e:
        u.skipped.append(f"{where}!{_show(info.filename)}: unreadable entry ({e}); skipped")
        return None


def _open_apk(u: Unpacked, budget: _Budget, name: str, data: bytes, depth: int) -> None:
    try:
        zf = _zip(data, name)
    except InputError as e:
        u.skipped.append(f"{e}; skipped")
        return
    names = _checked_names(zf, name, u)
    _read_apk(u, budget, zf, names, name, depth)


def _read_apk(
    u: Unpacked, budget: _Budget, zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], name: str, depth: int
) -> None:
    part = ApkPart(name=name, files=sorted(names))
    u.parts.append(part)
    if "AndroidManifest.xml" in names:
        info = names["AndroidManifest.xml"]
        raw = _read_entry(zf, info, name, u, budget) if info.file_size <= MAX_XML_SIZE else None
        if info.file_size > MAX_XML_SIZE:
            u.skipped.append(f"{name}!AndroidManifest.xml: {info.file_size >> 20} MiB is not a real manifest; skipped")
        if raw is not None:
            try:
                part.manifest = parse_xml(raw, f"{name}!AndroidManifest.xml")
            except InputError as e:
                u.skipped.append(f"{e}; this APK's manifest was skipped")
    if "resources.arsc" in names:
        part.arsc = _read_entry(zf, names["resources.arsc"], name, u, budget)
    for n, info in names.items():
        if n.startswith("res/xml/") and n.endswith(".xml") and info.file_size < MAX_XML_SIZE:
            blob = _read_entry(zf, info, name, u, budget)
            # Only network security configs are kept (the one res/xml file the analysis reads).
            if blob is not None and any(m in blob for m in _NSC_MARKERS):
                part.xml_files[n] = blob
        elif n.startswith("lib/") and n.endswith(".so"):
            u.native_libs.append(n)
    _collect_code(u, budget, zf, names, name, depth, root=True)


def _collect_code(
    u: Unpacked,
    budget: _Budget,
    zf: zipfile.ZipFile,
    names: dict[str, zipfile.ZipInfo],
    where: str,
    depth: int,
    *,
    root: bool,
) -> None:
    """Dex files at the root of an APK (multidex), and dex/archives nested anywhere, to MAX_DEPTH."""
    for n in sorted(names, key=_dex_order):
        info = names[n]
        low = n.lower()
        is_root_dex = root and "/" not in n and low.startswith("classes") and low.endswith(".dex")
        nested_dex = not is_root_dex and low.endswith(".dex")
        if is_root_dex or nested_dex:
            blob = _read_entry(zf, info, where, u, budget)
            if blob is not None:
                u.dex.append((f"{where}!{n}", blob))
        elif low.endswith(ARCHIVE_SUFFIXES) and info.file_size > 22:
            if depth + 1 > MAX_DEPTH:
                u.skipped.append(f"{where}!{_show(n)}: nested deeper than {MAX_DEPTH} archives; skipped")
                continue
            blob = _read_entry(zf, info, where, u, budget)
            if blob is None or not blob.startswith(b"PK"):
                continue
            try:
                inner = _zip(blob, f"{where}!{n}")
            except InputError as e:
                u.skipped.append(f"{e}; skipped")
                continue
            # An APK or jar nested in assets is a plugin or packed payload: its code counts, its manifest does not.
            inner_names = _checked_names(inner, f"{where}!{n}", u)
            _collect_code(u, budget, inner, inner_names, f"{where}!{n}", depth + 1, root=False)


def _dex_order(name: str) -> tuple[int, str]:
    # classes.dex, classes2.dex, ... classes10.dex in the order the runtime loads them.
    stem = name[7:-4] if name.startswith("classes") and name.endswith(".dex") and "/" not in name else None
    if stem is not None and (stem == "" or stem.isdigit()):
        return (int(stem or "1"), name)
    return (10**6, name)


# ---------------------------------------------------------------- pyaxmlparser: binary XML and resources

def _quiet_parser() -> None:
    import logging

    # pyaxmlparser logs parse warnings on the root logger's handlers; stdout/stderr belong to the CLI.
    logging.getLogger("pyaxmlparser").setLevel(logging.CRITICAL)


def axml_referenced_chars(raw: bytes) -> int:
    """Characters of the string-pool entries the attributes of RAW's elements reference, summed per reference.

    A linear walk of the AXML chunks (no tree is built). Attributes of distinct names may all point at one
    long string: the parser then copies it into every attribute of its lxml tree (a 680 KB manifest of
    20,000 attributes on one 30 KB string took 17 s and 1.2 GB). Damaged structure counts what it can.
    """
    size = len(raw)
    lengths: list[int] = []
    total = 0
    pos = 8  # after the RES_XML_TYPE file header
    while pos + 8 <= size:
        ctype, hsize, csize = struct.unpack_from("<HHI", raw, pos)
        if csize < 8 or pos + csize > size:
            break
        if ctype == 0x0001 and not lengths and csize >= 28:  # the string pool
            count, _styles, flags, strings_start = struct.unpack_from("<IIII", raw, pos + 8)
            count = min(count, (csize - 28) // 4)
            utf8 = bool(flags & 0x100)
            base = pos + strings_start
            for off in struct.unpack_from(f"<{count}I", raw, pos + 28):
                p = base + off
                if p + 2 > size:
                    lengths.append(0)
                elif utf8:
                    lengths.append(((raw[p] & 0x7F) << 8) | raw[p + 1] if raw[p] & 0x80 else raw[p])
                else:
                    lengths.append(struct.unpack_from("<H", raw, p)[0] & 0x7FFF)
        elif ctype == 0x0102 and hsize >= 8 and pos + hsize + 20 <= size:  # a start element and its attributes
            astart, asize, acount = struct.unpack_from("<HHH", raw, pos + hsize + 8)
            a = pos + hsize + astart
            n_str = len(lengths)
            for _ in range(acount):
                if asize < 20 or a + 20 > pos + csize:
                    break
                _ns, _name, value, _tsize, _res0, dtype, data = struct.unpack_from("<IIIHBBI", raw, a)
                total += lengths[value] if value < n_str else 0
                total += lengths[data] if dtype == 3 and data < n_str else 0
                a += asize
        pos += csize
    return total


def parse_xml(raw: bytes, where: str) -> XmlNode:
    """Binary XML (AXML) to an `XmlNode` tree; `InputError` when the data is not valid AXML or over budget."""
    referenced = axml_referenced_chars(raw)
    if referenced > AXML_CHARS_FACTOR * len(raw) + (1 << 20):
        raise InputError(
            f"{where}: attributes reference {referenced:,} characters of strings, more than {AXML_CHARS_FACTOR}x "
            "the file (aliased string pool); damaged or hostile binary XML"
        )
    _quiet_parser()
    from pyaxmlparser.axmlprinter import AXMLPrinter

    try:
        printer = AXMLPrinter(raw)
        root = printer.get_xml_obj()
        ok = printer.is_valid() or root is not None
    except Exception as e:  # the parser raises many unrelated types on hostile input
        raise InputError(f"{where}: malformed binary XML ({type(e).__name__})") from None
    if root is None or not ok:
        raise InputError(f"{where}: malformed binary XML")
    return _convert(root, 0)


def _convert(el: Any, depth: int) -> XmlNode:
    attrs: dict[str, str] = {}
    for k, v in el.attrib.items():
        key = str(k)
        if key.startswith(ANDROID_NS):
            key = "android:" + key[len(ANDROID_NS) :]
        elif key.startswith("{"):
            key = key.split("}", 1)[1]
        attrs[key] = str(v)
    tag = el.tag if isinstance(el.tag, str) else ""
    # Depth cap: a hostile manifest can nest elements thousands deep to exhaust the stack.
    children = tuple(_convert(c, depth + 1) for c in el if isinstance(c.tag, str)) if depth < 64 else ()
    text = el.text if isinstance(el.text, str) else ""
    return XmlNode(tag=tag, attrs=attrs, children=children, text=text.strip())


@functools.lru_cache(maxsize=1)
def _arsc_parser(arsc: bytes) -> Any:
    # One parse per APK: the label and the network security config both resolve through it, and resources.arsc
    # is slow to parse on big apps. Only the last APK's table is kept.
    _quiet_parser()
    from pyaxmlparser.arscparser import ARSCParser

    return ARSCParser(arsc)


def _resolved(arsc: bytes | None, ref: str) -> list[tuple[Any, Any]]:
    """(configuration, value) of a `@7F...` reference in every configuration; [] when there is no table, the
    reference is not numeric, or the table is damaged (a damaged resources.arsc only costs us this lookup)."""
    if not arsc or not ref.startswith("@"):
        return []
    try:
        rid = int(ref[1:], 16)
    except ValueError:
        return []
    try:
        return list(_arsc_parser(arsc).get_resolved_res_configs(rid))
    except Exception:
        return []


def resource_string(arsc: bytes | None, ref: str) -> str:
    """The text a string reference (`@7F0E001F`, the application's android:label) names in the default
    configuration, else in the first configuration that has it; a literal (not `@`) is returned as it is.

    "" when there is no resources.arsc, the reference is not a string, or the table is damaged: the app's
    label is a nicety for reports, never a reason to fail a scan.
    """
    if not ref.startswith("@"):
        return ref.strip()
    try:
        found = [
            (cfg.get_language().strip("\x00"), value)
            for cfg, value in _resolved(arsc, ref)
            if isinstance(value, str) and value.strip()
        ]
    except Exception:  # a damaged configuration only costs us the label
        return ""
    default = [v for lang, v in found if not lang]
    return " ".join((default or [v for _, v in found] or [""])[0].split())[:200]


def resource_file(arsc: bytes | None, ref: str) -> str | None:
    """The file path (e.g. res/xml/network_security_config.xml) that a `@7F...` reference names."""
    if ref.startswith("@xml/"):
        return f"res/xml/{ref[5:]}.xml" if arsc else None
    return next(
        (posixpath.normpath(v) for _cfg, v in _resolved(arsc, ref) if isinstance(v, str) and v.startswith("res/")),
        None,
    )
