"""Properties of the network matcher on hostile requests: the scan never raises, decoded bodies never
exceed the cap, and nothing in a body can hide an identifier carried in the URL or headers."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import brotli
import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from appaudit.network import detect
from appaudit.network.profile import load_profile

PROFILE = Path(__file__).resolve().parents[2] / "sample_apks" / "device_profile.json"
IMEI = "867530912345678"  # in PROFILE

_MATCHER = detect.Matcher(load_profile(PROFILE))
_LIMIT = 4096

_CODINGS = st.sampled_from(["", "gzip", "deflate", "br", "zstd", "gzip, br", "x-unknown", "br, br"])
_CTYPES = st.sampled_from(["", "application/json", "application/x-www-form-urlencoded", "multipart/form-data; b=x",
                           "multipart/form-data; boundary=zz", "text/plain"])


def _encode(coding: str, raw: bytes) -> bytes:
    for c in reversed([c.strip() for c in coding.split(",") if c.strip()]):
        raw = {
            "gzip": gzip.compress,
            "deflate": zlib.compress,
            "br": brotli.compress,
            "zstd": zstandard.ZstdCompressor().compress,
        }.get(c, lambda b: b)(raw)
    return raw


_BODIES = st.one_of(
    st.binary(max_size=512),
    st.integers(1, 3000).map(lambda n: ("[" * n + '"\\u0041"' + "]" * n).encode()),
    st.integers(1, 2000).map(lambda n: ('{"a":' * n + '"\\/x"' + "}" * n).encode()),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@given(body=_BODIES, coding=_CODINGS, ctype=_CTYPES, compress=st.booleans())
def test_the_url_and_headers_are_found_whatever_the_body(body: bytes, coding: str, ctype: str, compress: bool) -> None:
    sent = _encode(coding, body) if compress else body
    headers = (("Content-Encoding", coding), ("Content-Type", ctype), ("X-Device", IMEI))
    scan = _MATCHER.scan(detect.Request("POST", f"https://t.example/c?imei={IMEI}", headers, sent))
    wheres = {h.where for h in scan.hits if h.data_type == "imei"}
    assert {"query:imei", "header:x-device"} <= wheres, scan


@given(body=_BODIES, coding=_CODINGS)
def test_decoded_bodies_never_exceed_the_cap(body: bytes, coding: str) -> None:
    out, _applied, _notes = detect.decode_body(_encode(coding, body), coding, _LIMIT)
    assert len(out) <= _LIMIT


def test_a_brotli_bomb_stops_near_the_cap() -> None:
    c = brotli.Compressor(quality=5, lgwin=24)
    chunk = bytes(16 << 20)
    bomb = b"".join(c.process(chunk) for _ in range(16)) + c.finish()  # 256 MiB of zeros in ~300 bytes
    out, applied, notes = detect.decode_body(bomb, "br", 8 << 20)
    assert len(out) == 8 << 20 and applied == "br" and any("over" in n for n in notes)


def test_a_deep_json_body_is_scanned_as_text_and_its_imei_found() -> None:
    body = ("[" * 1100 + f'"\\u0041", "{IMEI}"' + "]" * 1100).encode()
    scan = _MATCHER.scan(detect.Request("POST", "https://t.example/c", (("Content-Type", "application/json"),), body))
    assert any(h.data_type == "imei" and h.where.startswith("json") for h in scan.hits)
    assert any("nested deeper than 100" in n for n in scan.notes) and scan.errors == 0


def test_a_body_scan_error_is_counted_and_the_rest_still_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(detect.Matcher, "_scan_body", boom)
    scan = _MATCHER.scan(detect.Request("POST", f"https://t.example/c?imei={IMEI}", (), f"id={IMEI}".encode()))
    assert scan.errors == 1 and any(n.startswith("scan error") for n in scan.notes)
    assert {h.where for h in scan.hits} >= {"query:imei", "body"}
