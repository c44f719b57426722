#!/usr/bin/env python3
"""Rebuild the hostile corpus of issue 14 (a fuzzing campaign's findings) and, with --run, measure every command on it.

    .venv/bin/python scripts/hostile_corpus.py OUT_DIR          # write the corpus (a few seconds, ~60 MB)
    .venv/bin/python scripts/hostile_corpus.py OUT_DIR --run    # also run each case: exit, seconds, peak RSS

Everything is generated here from code (and the manifest of the bundled sample app demo-clean), so the
corpus is reproducible and nothing hostile is committed. `cases(OUT_DIR)` is what
tests/fuzz/test_hostile_corpus.py runs; each case names the command line, what it must end in
("error": one line on stderr with exit 2; "ok": exit 0/1 with the expected text in the output) and the
text expected (the limit named, or the IMEI found).

Cases: tiny APKs whose dex tables alias the same bytes (string ids, overlapping strings, type lists in
protos and interfaces, shared class_data, shared and overlapping code items) and one method with 30,000
argument-filtered call sites, a manifest whose 20,000 attributes share one 30 KB string, a FIFO and
/dev/zero as APP; HTML policy bombs (40k-100k nesting, 100k
attributes, rowspan/colspan tables, 3 million cells, a 65k-phrase sentence, 50 MB text and HTML, a
PDF of 300,000 text operators) and
Markdown ones (200k emphasis markers, a 5,000-column table); traces and flow lines nested 100k deep,
with 5,000-digit numbers, "inf"/1e999/"nan" times, lone surrogates and a 200 KB stack frame; baselines
and allowlists nested deep or with huge numbers; mitmproxy flow files with brotli/gzip/zstd bombs and a
1,100-deep JSON body (IMEI in the query and headers), a tnetstring nested 3,000 deep and one that is
not a dict.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_APK = ROOT / "sample_apks" / "demo-clean" / "demo-clean.apk"
PROFILE = ROOT / "sample_apks" / "device_profile.json"
IMEI = "867530912345678"  # sample_apks/device_profile.json


@dataclass(frozen=True)
class Case:
    """One hostile input and what the command run on it must end in."""

    name: str
    argv: tuple[str, ...]  # after `appaudit`
    expect: str  # "error": exit 2, one line on stderr; "ok": exit 0 or 1
    text: str  # expected in stderr ("error") or in the output file / stdout ("ok"), case-insensitive
    output: str | None = None  # the -o file, checked for completeness (never half-written)


# ---------------------------------------------------------------- dex


def _uleb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


class _DexBuilder:
    """A minimal dex: header, id tables and data placed where the bomb needs them."""

    def __init__(self) -> None:
        self.buf = bytearray(0x70)
        self.tables: dict[str, tuple[int, int]] = {}

    def put(self, data: bytes, align: int = 4) -> int:
        while len(self.buf) % align:
            self.buf.append(0)
        off = len(self.buf)
        self.buf += data
        return off

    def table(self, name: str, count: int, data: bytes) -> int:
        off = self.put(data)
        self.tables[name] = (count, off)
        return off

    def build(self) -> bytes:
        b = self.buf
        b[0:8] = b"dex\n035\0"
        struct.pack_into("<III", b, 32, len(b), 0x70, 0x12345678)
        for i, name in enumerate(("strings", "types", "protos", "fields", "methods", "classes")):
            count, off = self.tables.get(name, (0, 0))
            struct.pack_into("<II", b, 56 + 8 * i, count, off)
        return bytes(b)


def _string_data(text: bytes) -> bytes:
    return _uleb(len(text)) + text + b"\0"


def _base(strings: list[bytes]) -> tuple[_DexBuilder, list[int]]:
    """A builder with STRINGS (distinct, in order) placed; returns their offsets (ids filled by the caller)."""
    d = _DexBuilder()
    offs = [d.put(_string_data(s), 1) for s in strings]
    return d, offs


def dex_strings_alias() -> bytes:
    """60,000 string ids on one 100 KB string (6 GB if each id is decoded)."""
    d, (off,) = _base([b"A" * 100_000])
    d.table("strings", 60_000, struct.pack("<I", off) * 60_000)
    return d.build()


def dex_strings_overlap() -> bytes:
    """5,000 string ids at consecutive offsets inside one 200 KB string (1 GB decoded)."""
    d, (off,) = _base([b"A" * 200_000])
    d.table("strings", 5_000, b"".join(struct.pack("<I", off + i) for i in range(5_000)))
    return d.build()


def dex_protos_alias() -> bytes:
    """20,000 protos sharing a type list of 20,000 references to a 50 KB type descriptor (1 GB per proto)."""
    d, (off,) = _base([b"L" + b"a" * 50_000 + b";"])
    d.table("strings", 1, struct.pack("<I", off))
    d.table("types", 1, struct.pack("<I", 0))
    tl = d.put(struct.pack("<I", 20_000) + b"\0\0" * 20_000)
    d.table("protos", 20_000, struct.pack("<III", 0, 0, tl) * 20_000)
    return d.build()


def _class_table(d: _DexBuilder, count: int, ifaces: int, data_off: int) -> None:
    d.table("classes", count, struct.pack("<8I", 0, 1, 0xFFFFFFFF, ifaces, 0xFFFFFFFF, 0, data_off, 0) * count)


def _one_method(d: _DexBuilder) -> None:
    d.table("protos", 1, struct.pack("<III", 1, 0, 0))
    d.table("methods", 1, struct.pack("<HHI", 0, 0, 1))


def dex_ifaces_alias() -> bytes:
    """20,000 classes sharing one interface list of 30,000 entries (600 M references)."""
    d, offs = _base([b"La;", b"V"])
    d.table("strings", 2, struct.pack("<II", *offs))
    d.table("types", 1, struct.pack("<I", 0))
    tl = d.put(struct.pack("<I", 30_000) + b"\0\0" * 30_000)
    _class_table(d, 20_000, tl, 0)
    return d.build()


def dex_classdata_alias() -> bytes:
    """10,000 class defs sharing one class_data of 50,000 methods (500 M method entries)."""
    d, offs = _base([b"La;", b"V"])
    d.table("strings", 2, struct.pack("<II", *offs))
    d.table("types", 1, struct.pack("<I", 0))
    _one_method(d)
    cd = d.put(_uleb(0) + _uleb(0) + _uleb(50_000) + _uleb(0) + b"\0\x01\0" * 50_000, 1)
    _class_table(d, 10_000, 0, cd)
    return d.build()


def _one_method_dex() -> _DexBuilder:
    """A dex of one class La; with one method `void m()` (string, type, proto and method tables), no code yet."""
    d, offs = _base([b"La;", b"V", b"m"])
    d.table("strings", 3, struct.pack("<III", *offs))
    d.table("types", 1, struct.pack("<I", 0))
    d.table("protos", 1, struct.pack("<III", 1, 0, 0))
    d.table("methods", 1, struct.pack("<HHI", 0, 0, 2))
    return d


def _code_item(units: int, body: bytes) -> bytes:
    return struct.pack("<HHHHII", 1, 0, 0, 0, 0, units) + body


def dex_code_alias() -> bytes:
    """20,000 methods sharing one code item of 100,000 invokes (12 GB of instructions to scan)."""
    d = _one_method_dex()
    invoke = struct.pack("<HHH", 0x106E, 0, 0)  # invoke-virtual {v0}, method@0
    code = d.put(_code_item(3 * 100_000, invoke * 100_000))
    methods = _uleb(0) + _uleb(1) + _uleb(code) + (_uleb(0) + _uleb(1) + _uleb(code)) * 19_999
    cd = d.put(_uleb(0) + _uleb(0) + _uleb(20_000) + _uleb(0) + methods, 1)
    _class_table(d, 1, 0, cd)
    return d.build()


def dex_code_overlap() -> bytes:
    """32,000 methods whose code items start 4 bytes apart inside one region, each 64 Ki units long."""
    d = _one_method_dex()
    # Every aligned word reads as insns_size 0x10000 and, as code, as a nop then a move (one unit each).
    region = d.put(b"\0\0\x01\0" * 65_536)
    n = 32_000
    methods = b"".join(_uleb(0) + _uleb(1) + _uleb(region + 4 * i) for i in range(n))
    cd = d.put(_uleb(0) + _uleb(0) + _uleb(n) + _uleb(0) + methods, 1)
    _class_table(d, 1, 0, cd)
    return d.build()


def dex_arg_sites() -> bytes:
    """One method with 30,000 `Settings.Secure.getString(resolver, "android_id")` calls: a legal dex whose
    argument tracking, restarted at every call site, was quadratic (2 billion steps)."""
    d, offs = _base([b"Landroid/provider/Settings$Secure;", b"Landroid/content/ContentResolver;",
                     b"Ljava/lang/String;", b"getString", b"LLL", b"La;", b"V", b"m", b"android_id"])
    d.table("strings", len(offs), struct.pack(f"<{len(offs)}I", *offs))
    d.table("types", 5, struct.pack("<5I", 0, 1, 2, 5, 6))
    params = d.put(struct.pack("<IHH", 2, 1, 2))
    d.table("protos", 2, struct.pack("<6I", 4, 2, params, 6, 4, 0))
    d.table("methods", 2, struct.pack("<HHIHHI", 0, 0, 3, 3, 1, 7))
    # const-string v1, "android_id"; invoke-static {v0, v1}, getString
    pair = struct.pack("<HH", 0x011A, 8) + struct.pack("<HHH", 0x2071, 0, 0x0010)
    n = 30_000
    code = d.put(_code_item(5 * n, pair * n))
    cd = d.put(_uleb(0) + _uleb(0) + _uleb(1) + _uleb(0) + _uleb(1) + _uleb(9) + _uleb(code), 1)
    d.table("classes", 1, struct.pack("<8I", 3, 1, 0xFFFFFFFF, 0, 0xFFFFFFFF, 0, cd, 0))
    return d.build()


DEX_BOMBS = {
    "strings_alias": dex_strings_alias,
    "strings_overlap": dex_strings_overlap,
    "protos_alias": dex_protos_alias,
    "ifaces_alias": dex_ifaces_alias,
    "classdata_alias": dex_classdata_alias,
    "code_alias": dex_code_alias,
    "code_overlap": dex_code_overlap,
}


def _axml_pool(strings: list[str]) -> bytes:
    data = b""
    offs = []
    for text in strings:
        raw = text.encode()
        offs.append(len(data))
        n = len(text)  # < 0x8000: one or two length bytes, as UTF-8 pools write them
        length = bytes([n]) if n < 0x80 else bytes([0x80 | (n >> 8), n & 0xFF])
        data += length + length + raw + b"\0"
    data += b"\0" * (-len(data) % 4)
    body = struct.pack(f"<{len(offs)}I", *offs) + data
    return struct.pack("<HHIIIIII", 1, 28, 28 + len(body), len(strings), 0, 0x100, 28 + 4 * len(strings), 0) + body


def axml_alias(attrs: int = 20_000, long: int = 30_000) -> bytes:
    """A manifest whose ATTRS attributes (distinct names) all hold one LONG-character string: 1.2 GB once parsed."""
    strings = ["manifest", "package", "com.x", *(f"a{i}" for i in range(attrs)), "x" * long]
    big = len(strings) - 1
    body = struct.pack("<IIIHBBI", 0xFFFFFFFF, 1, 2, 8, 0, 3, 2)
    body += b"".join(struct.pack("<IIIHBBI", 0xFFFFFFFF, 3 + i, big, 8, 0, 3, big) for i in range(attrs))
    start = struct.pack("<HHIII", 0x0102, 16, 36 + len(body), 1, 0xFFFFFFFF)
    start += struct.pack("<IIHHHHHH", 0xFFFFFFFF, 0, 20, 20, attrs + 1, 0, 0, 0) + body
    end = struct.pack("<HHIIIII", 0x0103, 16, 24, 1, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    chunks = _axml_pool(strings) + start + end
    return struct.pack("<HHI", 3, 8, 8 + len(chunks)) + chunks


def apk_with_dex(dex: bytes, manifest: bytes | None = None) -> bytes:
    """The sample app's manifest (or MANIFEST) plus DEX as classes.dex, deflated (the bombs compress to a few KB)."""
    with zipfile.ZipFile(SAMPLE_APK) as z:
        manifest = manifest or z.read("AndroidManifest.xml")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("AndroidManifest.xml", manifest)
        z.writestr("classes.dex", dex)
    return buf.getvalue()


# ---------------------------------------------------------------- policies


def _pdf_with_text_ops(count: int) -> bytes:
    """A one-page PDF whose content stream repeats a text-showing operator COUNT times (flate: a few KB)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(100, 100)
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 10 10 Td (We collect your IMEI) Tj ET\n" * count)
    page[NameObject("/Contents")] = w._add_object(stream.flate_encode())
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def policy_bombs() -> dict[str, bytes]:
    sentence = "We may share your device identifier with our partners for analytics and advertising, " * 65_000
    cell = '<td rowspan="64" colspan="64">IMEI</td>'
    return {
        "nested_li.html": b"<html><body>" + b"<ul><li>x" * 100_000 + b"</body></html>",
        "nested_div.html": b"<html><body>" + b"<div>" * 40_000 + b"IMEI" + b"</div>" * 40_000 + b"</body></html>",
        "attributes.html": b"<html><body><p " + b" ".join(b'a%d="x"' % i for i in range(100_000)) + b">IMEI</p>",
        "table_span.html": ("<table>" + ("<tr>" + cell * 8 + "</tr>") * 430 + "</table>").encode(),
        "table_span_big.html": ("<table>" + ("<tr>" + cell * 8 + "</tr>") * 4_400 + "</table>").encode(),
        "long_sentence.txt": sentence.encode(),
        "long_sentence_1m.txt": sentence[:990_000].encode(),  # just under the text budget: linear, analysed
        # One run of 900,000 word characters: a pattern rescanning the run from each character took hours.
        "word_run.txt": ("本应用使用了" + "很" * 900_000 + "SDK。\n").encode(),
        # A data word every 10 characters of one word run: each was followed by a scan of the rest of the run.
        "data_words.txt": ("我们收集" + ("邮箱" + "很" * 8) * 90_000 + "。\n").encode(),
        # One run-on sentence of product names and services (each a prose-row candidate): before the per-sentence
        # cap of round 5 the English run took 6 s and the Chinese one 18 s.
        "product_names.txt": ("We use " + ", ".join(["Firebase Analytics", "Unity Ads", "Mailchimp", "Sentry"]
                                                     * 13_000) + " to collect data.\n").encode(),
        "product_names_zh.txt": ("我们接入了" + "、".join(["极光推送", "友盟统计", "阿里云", "腾讯云"] * 5_000)
                                 + "用于收集信息。\n").encode(),
        # One line of 20,000 SDK records run together ("SDK名称：… 使用目的：…" with the line breaks lost): each record
        # scanned the whole block for its packages and links, ~13 min before round 11.
        "kv_records.txt": ("第三方SDK清单 " + "SDK名称：极光推送SDK 使用目的：消息推送 收集信息：IMEI " * 20_000
                           + "\n").encode(),
        "emphasis.md": b"*a" * 200_000 + b"\n",
        "md_table.md": b"|a" * 5_000 + b"|\n" + b"|-" * 5_000 + b"|\n" + (b"|x" * 5_000 + b"|\n") * 100,
        "cells.html": b"<table><tr>" + b"<td>x" * 3_000_000 + b"</table>",
        "text_ops.pdf": _pdf_with_text_ops(300_000),  # 16 MB of operators in ~40 KB: 108 s, 3.9 GB before
        "text_ops_under.pdf": _pdf_with_text_ops(2_500),  # just under the content budget: read
        "big.txt": ("We collect your IMEI and location.\n" * 1_500_000).encode(),
        "big.html": b"<html><body>" + b"<p>We collect your IMEI and location.</p>\n" * 1_250_000 + b"</body></html>",
    }


# ---------------------------------------------------------------- traces, flows, baselines, allowlists


def _trace(*records: str) -> bytes:
    header = json.dumps({"v": 1, "type": "header", "schema": 1, "package": "com.example", "backend": "hostjvm"})
    return (header + "\n" + "\n".join(records) + "\n").encode("utf-8", "surrogatepass")


def _read(extra: str) -> str:
    return '{"v": 1, "type": "read", "data_type": "imei", "api": "getDeviceId", "stack": [], ' + extra + "}"


def trace_bombs() -> dict[str, bytes]:
    frame = "a" * 200_000
    return {
        "deep.jsonl": _trace("[" * 100_000 + "]" * 100_000, _read('"at": 1.0')),
        "digits.jsonl": _trace(_read('"at": ' + "9" * 5_000)),
        "at_inf_string.jsonl": _trace(_read('"at": "inf"')),
        "at_1e999.jsonl": _trace(_read('"at": 1e999')),
        "at_nan.jsonl": _trace(_read('"at": NaN'), _read('"at": "nan"')),
        "window_inf.jsonl": _trace('{"v": 1, "type": "ready", "settings": {"window_s": "inf"}}', _read('"at": 2.0')),
        "surrogate.jsonl": _trace(_read('"at": 1.0, "value": "\\ud800\\udfff\\udc00"')),
        "frame_200k.jsonl": _trace(_read(f'"at": 1.0, "stack": ["{frame}", "{frame}.x(", "lib{frame}"]')),
    }


def flows_lines() -> dict[str, bytes]:
    ok = json.dumps({"time": 1.0, "method": "GET", "url": "https://a.example/x", "host": "a.example", "hits": []})
    return {
        "flows_deep.jsonl": ("[" * 100_000 + "]" * 100_000 + "\n" + ok + "\n").encode(),
        "flows_digits.jsonl": ('{"time": ' + "1" * 5_000 + ', "url": "u", "host": "h"}\n' + ok + "\n").encode(),
        "flows_inf.jsonl": ('{"time": 1e999, "url": "u", "host": "h"}\n' + ok + "\n").encode(),
    }


def baseline_bombs() -> dict[str, bytes]:
    return {
        "baseline_deep.json": b'{"schema_version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "baseline_digits.json": b'{"schema_version": ' + b"1" * 5_000 + b"}",
        "baseline_surrogate.json": b'{"schema_version": "\\ud800"}',
        "allow_deep.toml": b"sdks = " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
        "allow_digits.toml": b"x = " + b"1" * 5_000 + b"\n",
        "allow_inf.toml": b"x = inf\n",
        "profile_deep.json": b'{"imei": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    }


# ---------------------------------------------------------------- mitmproxy flow files


def _zeros_compressed(kind: str, size: int) -> bytes:
    chunk = bytes(16 << 20)
    if kind == "br":
        import brotli

        c = brotli.Compressor(quality=5, lgwin=24)
        return b"".join(c.process(chunk) for _ in range(size // len(chunk))) + c.finish()
    if kind == "gzip":
        co = zlib.compressobj(9, zlib.DEFLATED, 31)
        return b"".join(co.compress(chunk) for _ in range(size // len(chunk))) + co.flush()
    import zstandard

    cz = zstandard.ZstdCompressor(level=19).compressobj()
    return b"".join(cz.compress(chunk) for _ in range(size // len(chunk))) + cz.flush()


def flow_files() -> dict[str, bytes]:
    """mitmproxy flow files: each request carries the IMEI in its query and a header, and a hostile body."""
    from mitmproxy import io as mio
    from mitmproxy.test import tflow, tutils

    def flow(body: bytes, headers: dict[str, str]) -> bytes:
        req = tutils.treq(
            host="track.example.com",
            port=443,
            scheme=b"https",
            method=b"POST",
            path=f"/collect?imei={IMEI}&v=1".encode(),
            content=b"",
        )
        req.headers["X-Device"] = IMEI
        for k, v in headers.items():
            req.headers[k] = v
        req.raw_content = body
        f = tflow.tflow(req=req, resp=True)
        buf = io.BytesIO()
        mio.FlowWriter(buf).add(f)
        return buf.getvalue()

    nested = b"[" * 1_100 + b'"\\u0041", "' + IMEI.encode() + b'"' + b"]" * 1_100
    out = {
        "brotli_bomb.mitm": flow(_zeros_compressed("br", 1 << 30), {"Content-Encoding": "br"}),
        "gzip_bomb.mitm": flow(_zeros_compressed("gzip", 128 << 20), {"Content-Encoding": "gzip"}),
        "zstd_bomb.mitm": flow(_zeros_compressed("zstd", 1 << 30), {"Content-Encoding": "zstd"}),
        "nested_json.mitm": flow(nested, {"Content-Type": "application/json"}),
    }
    inner = b"0:~"
    for _ in range(3_000):
        inner = str(len(inner)).encode() + b":" + inner + b"]"
    out["tnet_deep.mitm"] = inner
    out["tnet_not_dict.mitm"] = b"5:hello,"
    out["tnet_dict_without_flow.mitm"] = b"8:1:a,1:b,}"
    return out


# ---------------------------------------------------------------- the cases


def build(out: Path) -> None:
    """Write the corpus under OUT (idempotent: existing files are kept)."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    for name, make in DEX_BOMBS.items():
        if not (out / f"dex_{name}.apk").exists():
            files[f"dex_{name}.apk"] = apk_with_dex(make())
    if not (out / "dex_arg_sites.apk").exists():
        files["dex_arg_sites.apk"] = apk_with_dex(dex_arg_sites())
    if not (out / "axml_alias.apk").exists():
        with zipfile.ZipFile(SAMPLE_APK) as z:
            files["axml_alias.apk"] = apk_with_dex(z.read("classes.dex"), axml_alias())
    for group in (policy_bombs, trace_bombs, flows_lines, baseline_bombs, flow_files):
        if not all((out / n).exists() for n in _names(group)):
            files.update(group())
    for name, data in files.items():
        (out / name).write_bytes(data)
    fifo = out / "fifo.apk"
    if not fifo.exists():
        os.mkfifo(fifo)


_NAME_CACHE: dict[str, tuple[str, ...]] = {
    "policy_bombs": ("nested_li.html", "nested_div.html", "attributes.html", "table_span.html",
                     "table_span_big.html", "long_sentence.txt", "long_sentence_1m.txt", "word_run.txt",
                     "data_words.txt", "product_names.txt", "product_names_zh.txt", "kv_records.txt",
                     "emphasis.md", "md_table.md", "cells.html", "text_ops.pdf",
                     "text_ops_under.pdf", "big.txt", "big.html"),
    "trace_bombs": ("deep.jsonl", "digits.jsonl", "at_inf_string.jsonl", "at_1e999.jsonl", "at_nan.jsonl",
                    "window_inf.jsonl", "surrogate.jsonl", "frame_200k.jsonl"),
    "flows_lines": ("flows_deep.jsonl", "flows_digits.jsonl", "flows_inf.jsonl"),
    "baseline_bombs": ("baseline_deep.json", "baseline_digits.json", "baseline_surrogate.json", "allow_deep.toml",
                       "allow_digits.toml", "allow_inf.toml", "profile_deep.json"),
    "flow_files": ("brotli_bomb.mitm", "gzip_bomb.mitm", "zstd_bomb.mitm", "nested_json.mitm", "tnet_deep.mitm",
                   "tnet_not_dict.mitm", "tnet_dict_without_flow.mitm"),
}


def _names(group: object) -> tuple[str, ...]:
    return _NAME_CACHE[getattr(group, "__name__", "")]


def cases(d: Path, work: Path, report: Path) -> list[Case]:
    """Every command on every hostile file. WORK holds outputs; REPORT is a valid JSON report (gate's APP)."""
    out: list[Case] = []

    def o(name: str) -> str:
        return str(work / name)

    for name in DEX_BOMBS:
        apk = str(d / f"dex_{name}.apk")
        out.append(Case(f"static:dex_{name}", ("static", apk, "--format", "json", "-o", o(f"{name}.json")), "ok",
                        "file size", o(f"{name}.json")))
    heavy = str(d / "dex_arg_sites.apk")
    out.append(Case("static:dex_arg_sites", ("static", heavy, "--format", "json", "-o", o("arg_sites.json")), "ok",
                    '"android_id"', o("arg_sites.json")))
    out.append(Case("static:axml_alias", ("static", str(d / "axml_alias.apk")), "error", "AndroidManifest.xml"))
    audit_out = o("audit_code_alias.json")
    out.append(Case("audit:dex_code_alias", ("audit", str(d / "dex_code_alias.apk"), "--format", "json", "-o",
                                              audit_out), "ok", "file size", audit_out))
    for app in (str(d / "fifo.apk"), "/dev/zero"):
        out.append(Case(f"static:{Path(app).name}", ("static", app), "error", "not a regular file"))
        out.append(Case(f"audit:{Path(app).name}", ("audit", app, "-o", o("fifo.html")), "error", app, o("fifo.html")))
    refused = {"nested_li.html": "100,000 html elements", "long_sentence.txt": "1,000,000 characters",
               "big.txt": "byte limit", "big.html": "byte limit", "emphasis.md": "markdown emphasis",
               "md_table.md": "markdown emphasis", "cells.html": "100,000 html elements"}
    noted = {"nested_div.html": "nested deeper than 256", "attributes.html": "more than 64 attributes",
             "table_span.html": "20000 cells", "table_span_big.html": "20000 cells",
             "text_ops.pdf": "KiB budget", "text_ops_under.pdf": "we collect your imei"}
    for name in _NAME_CACHE["policy_bombs"]:
        argv = ("policy", str(d / name), "-o", o(f"{name}.json"))
        if name in refused:
            out.append(Case(f"policy:{name}", argv, "error", refused[name], o(f"{name}.json")))
        else:
            out.append(Case(f"policy:{name}", argv, "ok", noted.get(name, ""), o(f"{name}.json")))
    expect_trace = {"deep.jsonl": "damaged", "digits.jsonl": "damaged", "at_1e999.jsonl": "damaged"}
    for name in _NAME_CACHE["trace_bombs"]:
        out.append(Case(f"trace:{name}", ("trace", str(d / name), "--format", "json", "-o", o(f"{name}.json")), "ok",
                        expect_trace.get(name, "imei"), o(f"{name}.json")))
    for name in _NAME_CACHE["flows_lines"]:
        out.append(Case(f"flows:{name}", ("flows", str(d / name), "--format", "json", "-o", o(f"{name}.json")), "ok",
                        '"bad_lines": 1', o(f"{name}.json")))
    for name in ("baseline_deep.json", "baseline_digits.json", "baseline_surrogate.json"):
        out.append(Case(f"gate:{name}", ("gate", str(report), "--baseline", str(d / name)), "error", "baseline"))
    for name in ("allow_deep.toml", "allow_digits.toml", "allow_inf.toml"):
        out.append(Case(f"gate:{name}", ("gate", str(report), "--baseline", str(report), "--allow", str(d / name)),
                        "error", name))
    out.append(Case("rescan:profile_deep.json", ("rescan", str(d / "brotli_bomb.mitm"), "--profile",
                                                 str(d / "profile_deep.json"), "-o", o("p.jsonl")), "error", "deeper"))
    for name in ("brotli_bomb.mitm", "gzip_bomb.mitm", "zstd_bomb.mitm", "nested_json.mitm"):
        out.append(Case(f"rescan:{name}", ("rescan", str(d / name), "--profile", str(PROFILE), "-o",
                                           o(f"{name}.jsonl")), "ok", '"data_type": "imei"', o(f"{name}.jsonl")))
    for name in ("tnet_deep.mitm", "tnet_not_dict.mitm", "tnet_dict_without_flow.mitm"):
        jsonl = o(f"{name}.jsonl")
        out.append(Case(f"rescan:{name}", ("rescan", str(d / name), "--profile", str(PROFILE), "-o", jsonl),
                        "error", "not a mitmproxy flow file", jsonl))
    return out


@dataclass(frozen=True)
class Outcome:
    case: Case
    code: int | None  # None: killed at the time limit
    seconds: float
    max_rss_mb: float
    stderr: str
    text: str  # the output file (or stdout)


def run_case(case: Case, *, appaudit: Path, timeout_s: float = 60.0, mem_bytes: int = 3 << 30) -> Outcome:
    """Run one case in a subprocess under an address-space limit (a safety net, not the measure): its own
    peak RSS comes from wait4's rusage, its time from the wall clock; killed after TIMEOUT_S (a hang)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    if case.output:
        Path(case.output).unlink(missing_ok=True)  # a stale file must not pass for this run's output
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen([str(appaudit), *case.argv], stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                preexec_fn=limit)
        code: int | None = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - t0 > timeout_s:
                proc.kill()
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = -9 if code is None else code  # reaped here: keep Popen from waiting again
        seconds = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if case.output and Path(case.output).is_file():
        text = Path(case.output).read_text(encoding="utf-8", errors="replace")
    return Outcome(case, code, seconds, usage.ru_maxrss / 1024, stderr, text)


def problems(r: Outcome) -> list[str]:
    """What is wrong with an outcome (empty: the case ended as it must)."""
    c = r.case
    errs: list[str] = []
    if r.code is None:
        return [f"still running after {r.seconds:.0f} s (killed)"]
    if "Traceback" in r.stderr:
        errs.append("traceback: " + r.stderr.strip().splitlines()[-1][:200])
    if c.expect == "error":
        lines = [ln for ln in r.stderr.splitlines() if ln.startswith("appaudit: error:")]
        if r.code != 2 or len(lines) != 1:
            errs.append(f"expected one error line and exit 2, got exit {r.code}: {r.stderr.strip()[-300:]}")
        elif c.text.lower() not in lines[0].lower():
            errs.append(f"error does not say {c.text!r}: {lines[0][:300]}")
        if c.output and Path(c.output).exists():
            errs.append(f"{c.output} was left behind by a failed command")
    else:
        if r.code not in (0, 1):
            errs.append(f"exit {r.code}: {r.stderr.strip()[-300:]}")
        if c.text and c.text.lower() not in r.text.lower():
            errs.append(f"output does not contain {c.text!r}")
        if c.output:
            try:
                json.loads(r.text) if c.output.endswith(".json") else [json.loads(x) for x in r.text.splitlines()]
            except ValueError as e:
                errs.append(f"{c.output} is not complete JSON ({e})")
    return errs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--run", action="store_true", help="run every case and print exit, time and peak RSS")
    ap.add_argument("--only", help="run the cases whose name contains this text")
    args = ap.parse_args()
    build(args.out)
    if not args.run:
        print(f"corpus written to {args.out}")
        return 0
    appaudit = Path(sys.executable).with_name("appaudit")
    work = args.out / "work"
    work.mkdir(exist_ok=True)
    report = work / "report.json"
    if not report.exists():
        subprocess.run([str(appaudit), "audit", str(SAMPLE_APK), "--format", "json", "-o", str(report)], check=False,
                       capture_output=True)
    bad = 0
    for case in cases(args.out, work, report):
        if args.only and args.only not in case.name:
            continue
        r = run_case(case, appaudit=appaudit)
        errs = problems(r)
        bad += bool(errs)
        print(f"{case.name:42} exit {r.code!s:4} {r.seconds:6.2f} s {r.max_rss_mb:7.0f} MB  "
              f"{'OK' if not errs else '; '.join(errs)}", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
