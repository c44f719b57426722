"""The identifier matcher: every encoding of every identifier type, every place in a request, and no false positives.

Expected encodings are computed here independently (hashlib, base64, urllib), not taken from the module.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import random
import re
import uuid
import zlib
from urllib.parse import quote

import brotli
import pytest
import zstandard
from network_fixtures import SCALARS

from appaudit.network.detect import Encoding, Hit, Matcher, Request, decode_body, variants
from appaudit.network.profile import DeviceProfile, parse_profile

MAC = re.compile(r"^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$")
UUID = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", re.I)


@pytest.fixture(scope="module")
def matcher(profile: DeviceProfile) -> Matcher:
    return Matcher(profile)


def _b64_pair(data: bytes, label: str) -> list[tuple[str, str]]:
    std = base64.b64encode(data).decode()
    url = base64.urlsafe_b64encode(data).decode().rstrip("=")
    # When both alphabets give the same text there is no way to tell them apart: the standard label wins.
    return [(label, std), (label.replace("base64", "base64url") if url != std.rstrip("=") else label, url)]


def planted(data_type: str, value: str) -> list[tuple[str, str]]:
    """(expected encoding, text as an SDK would send it) for VALUE."""
    out = [("raw", value)]
    if value.upper() != value:
        out.append(("upper", value.upper()))
    if value.lower() != value:
        out.append(("lower", value.lower()))
    hash_inputs = [value]
    if MAC.match(value):
        octets = re.split("[:-]", value)
        for f in (str.lower, str.upper):
            out += [("mac_dash", f("-".join(octets))), ("mac_bare", f("".join(octets)))]
        hash_inputs.append("".join(octets).upper())  # Chinese SDKs often hash the bare upper-case MAC
    if UUID.match(value):
        out.append(("no_dashes", value.replace("-", "")))
    if data_type == "phone_number":
        out += [("digits", value.lstrip("+")), ("national", value.lstrip("+")[2:])]
    if quote(value, safe="") != value:
        out.append(("urlencoded", quote(value, safe="")))
    for text in hash_inputs:
        for algo in ("md5", "sha1", "sha256"):
            digest = hashlib.new(algo, text.encode()).digest()
            out += [(algo, digest.hex()), (f"{algo}_upper", digest.hex().upper())]
            out += _b64_pair(digest, f"base64_{algo}")
    out += _b64_pair(value.encode(), "base64")
    out += [("hex", value.encode().hex())]
    if not value.encode().hex().isdigit():
        out.append(("hex", value.encode().hex().upper()))
    return out


CASES = [(dt, v, enc, text) for dt, v in SCALARS for enc, text in planted(dt, v)]


@pytest.mark.parametrize(("data_type", "value", "encoding", "text"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_every_encoding_of_every_identifier(
    matcher: Matcher, data_type: str, value: str, encoding: str, text: str
) -> None:
    body = json.dumps({"v": text, "ts": 1763798400123}, ensure_ascii=False).encode()
    scan = matcher.scan(Request("POST", "https://sdk.example/collect", (("Content-Type", "application/json"),), body))
    assert scan.hits == (Hit(data_type, Encoding(encoding), "json:v"),), text


def test_base64_inside_a_larger_base64_blob(matcher: Matcher) -> None:
    # SDKs Base64 a whole JSON record: the identifier then sits at any byte alignment inside the blob.
    for prefix in ("", "x", "xy", "xyz"):
        blob = base64.b64encode(f'{prefix}{{"imei":"867530912345678"}}'.encode()).decode()
        hits = matcher.scan(Request("POST", "http://h/p", (), blob.encode())).hits
        assert [(h.data_type, h.encoding) for h in hits] == [("imei", Encoding.BASE64)], prefix


@pytest.mark.parametrize(
    ("url", "headers", "body", "where"),
    [
        ("http://h/u/867530912345678/x", (), b"", "path"),
        ("http://h/p?a=1&imei=867530912345678&b=2", (), b"", "query:imei"),
        ("http://h/p", (("X-Dev", "867530912345678"),), b"", "header:x-dev"),
        ("http://h/p", (("Cookie", "a=1; did=867530912345678; b=2"),), b"", "cookie:did"),
        (
            "http://h/p",
            (("Content-Type", "application/x-www-form-urlencoded"),),
            b"a=1&imei=867530912345678",
            "form:imei",
        ),
        ("http://h/p", (("Content-Type", "application/json"),), b'{"d":{"imei":"867530912345678"}}', "json:imei"),
        ("http://h/p", (("Content-Type", "text/plain"),), b"device 867530912345678 booted", "body"),
        ("http://h/p", (), b"\x08\x01\x12\x0f867530912345678\x18\x02", "body"),  # protobuf string field
    ],
)
def test_each_place_in_a_request(
    matcher: Matcher, url: str, headers: tuple[tuple[str, str], ...], body: bytes, where: str
) -> None:
    assert matcher.scan(Request("POST", url, headers, body)).hits == (Hit("imei", Encoding.RAW, where),)


def test_multipart_parts_are_named(matcher: Matcher) -> None:
    body = (
        b'--XyZ\r\nContent-Disposition: form-data; name="meta"\r\n\r\nhello\r\n'
        b'--XyZ\r\nContent-Disposition: form-data; name="dev"\r\nContent-Type: text/plain\r\n\r\n'
        b"867530912345678\r\n--XyZ--\r\n"
    )
    hits = matcher.scan(
        Request("POST", "http://h/up", (("Content-Type", 'multipart/form-data; boundary="XyZ"'),), body)
    )
    assert hits.hits == (Hit("imei", Encoding.RAW, "multipart:dev"),)


@pytest.mark.parametrize(
    ("coding", "compress"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("br", brotli.compress),
        ("zstd", zstandard.ZstdCompressor().compress),
        ("gzip, br", lambda b: brotli.compress(gzip.compress(b))),
        ("", gzip.compress),  # gzip without a Content-Encoding header, recognised by its magic bytes
    ],
)
def test_compressed_bodies(matcher: Matcher, coding: str, compress: object) -> None:
    assert callable(compress)
    body = compress(json.dumps({"imei": "867530912345678", "pad": "x" * 3000}).encode())
    headers = (("Content-Type", "application/json"),) + ((("Content-Encoding", coding),) if coding else ())
    applied = {"gzip, br": "br+gzip", "": "gzip"}.get(coding, coding)
    assert matcher.scan(Request("POST", "http://h/p", headers, body)).hits == (
        Hit("imei", Encoding.RAW, f"json:imei ({applied})"),
    )


def test_percent_encoded_base64_in_a_query(matcher: Matcher) -> None:
    # Standard Base64 '+' and '/' arrive as %2B / %2F in a query: found after percent-decoding.
    for algo in ("md5", "sha1", "sha256"):
        std = base64.b64encode(hashlib.new(algo, b"867530912345678").digest()).decode()
        if "+" in std or "/" in std:
            break
    else:
        pytest.fail("no digest of the IMEI has + or / in Base64")
    hits = matcher.scan(Request("GET", f"http://h/p?x={quote(std, safe='')}")).hits
    assert hits == (Hit("imei", Encoding(f"base64_{algo}"), "query:x"),)


def test_escaped_json_strings(matcher: Matcher) -> None:
    clip = json.dumps({"c": "￥AbCd1234￥ 复制这段话打开手机淘宝"}, ensure_ascii=True)  # \uffe5...
    hits = matcher.scan(Request("POST", "http://h/p", (("Content-Type", "application/json"),), clip.encode())).hits
    assert hits == (Hit("clipboard", Encoding.RAW, "json:c"),)
    std = base64.b64encode(hashlib.sha256(b"867530912345678").digest()).decode()
    escaped = json.dumps({"s": std}).replace("/", "\\/")
    hits = matcher.scan(Request("POST", "http://h/p", (), escaped.encode())).hits
    assert [(h.data_type, h.encoding) for h in hits] == [("imei", Encoding.BASE64_SHA256)]


@pytest.mark.parametrize("digits", [2, 3, 4, 5, 6])
def test_location_decimals_and_pairs(matcher: Matcher, digits: int) -> None:
    lat, lng = 31.230416, 121.473701
    for la, ln in ((f"{lat:.{digits}f}", f"{lng:.{digits}f}"), (str(int(lat * 10**digits) / 10**digits), None)):
        ln = ln or f"{int(lng * 10**digits) / 10**digits:.{digits}f}"  # truncated instead of rounded
        la = f"{float(la):.{digits}f}"
        hits = matcher.scan(Request("GET", f"http://h/p?lat={la}&lng={ln}")).hits
        assert hits == (Hit("location_precise", Encoding.DECIMAL, "query:lat+query:lng"),), (la, ln)
        for pair in (f"{la},{ln}", f"{ln},{la}", f"{la}, {ln}"):
            body = json.dumps({"loc": pair}).encode()
            hits = matcher.scan(Request("POST", "http://h/p", (), body)).hits
            assert hits == (Hit("location_precise", Encoding.LATLNG, "json:loc"),), pair
        hits = matcher.scan(Request("GET", f"http://h/p?ll={la}%2C{ln}")).hits
        assert hits == (Hit("location_precise", Encoding.LATLNG, "query:ll"),)


def test_location_needs_both_coordinates_at_token_boundaries(matcher: Matcher) -> None:
    for url in (
        "http://h/p?lat=31.2304",  # latitude alone: a price, a version
        "http://h/p?lat=131.2304&lng=121.4737",  # inside a longer number
        "http://h/p?lat=31.23049&lng=121.47",  # not 31.230416 rounded (31.23042) or truncated (31.23041)
        "http://h/p?v=1.31.23&w=5121.47",
    ):
        assert matcher.scan(Request("GET", url)).hits == (), url


def test_app_list(matcher: Matcher) -> None:
    body = json.dumps({"apps": ["com.tencent.mm", "com.sina.weibo", "com.taobao.taobao"]}).encode()
    assert matcher.scan(Request("POST", "http://h/p", (), body)).hits == (
        Hit("app_list", Encoding.PACKAGE_NAMES, "json:apps"),
    )
    form = b"apps=com.tencent.mm%2Ccom.sina.weibo%2Ccom.eg.android.AlipayGphone"
    headers = (("Content-Type", "application/x-www-form-urlencoded"),)
    assert matcher.scan(Request("POST", "http://h/p", headers, form)).hits == (
        Hit("app_list", Encoding.PACKAGE_NAMES, "form:apps"),
    )
    # One or two names are a share target or a deep link, not the installed-app list.
    two = json.dumps({"share": "com.tencent.mm", "via": "com.sina.weibo"}).encode()
    assert matcher.scan(Request("POST", "http://h/p", (), two)).hits == ()
    longer = json.dumps(["com.tencent.mmx", "xcom.sina.weibo", "com.taobao.taobao.lite", "com.tencent.mm"]).encode()
    assert matcher.scan(Request("POST", "http://h/p", (), longer)).hits == ()


def test_token_boundaries(matcher: Matcher) -> None:
    md5 = hashlib.md5(b"867530912345678").hexdigest()
    for url in (
        "http://h/p?n=18675309123456789",  # the IMEI inside a longer number
        f"http://h/p?h=a{md5}",  # the digest inside a longer hex string
        "http://h/p?s=XR58M4321ABC",
        "http://h/p?m=102:1a:11:f3:4b:9c0",
    ):
        assert matcher.scan(Request("GET", url)).hits == (), url


def _benign_request(rng: random.Random) -> Request:
    def token() -> str:
        kind = rng.randrange(7)
        if kind == 0:
            return rng.randbytes(rng.choice((16, 20, 32))).hex()
        if kind == 1:
            return str(uuid.UUID(int=rng.getrandbits(128)))
        if kind == 2:
            return str(rng.randrange(1_600_000_000_000, 1_900_000_000_000))  # ms timestamps
        if kind == 3:
            return f"{rng.uniform(-180, 180):.{rng.randrange(1, 8)}f}"
        if kind == 4:
            return base64.b64encode(rng.randbytes(rng.randrange(8, 48))).decode()
        if kind == 5:
            return str(rng.randrange(10**14, 10**20))  # digit runs as long as IMEIs and ICCIDs
        return rng.choice(["com.example.app", "okhttp/4.12.0", "Dalvik/2.1.0 (Linux; U; Android 11)", "zh-CN"])

    query = "&".join(f"k{i}={token()}" for i in range(rng.randrange(1, 8)))
    headers = tuple((f"X-H{i}", token()) for i in range(rng.randrange(0, 6)))
    records = [{f"f{j}": token() for j in range(6)} for _ in range(rng.randrange(0, 60))]
    body = json.dumps({"events": records}).encode()
    if rng.random() < 0.3:
        return Request(
            "POST", f"https://api.example/v1?{query}", (*headers, ("Content-Encoding", "gzip")), gzip.compress(body)
        )
    return Request("POST", f"https://api.example/v1?{query}", headers, body)


def test_zero_hits_on_benign_traffic(matcher: Matcher) -> None:
    rng = random.Random(20261122)
    for i in range(300):
        req = _benign_request(rng)
        assert matcher.scan(req).hits == (), (i, req.url)


def test_placeholders_and_short_values_are_not_searched() -> None:
    p = parse_profile(
        {
            "mac": "02:00:00:00:00:00",  # what Android 6+ returns to apps without the permission
            "imei": "000000000000000",
            "serial": "unknown",
            "android_id": "abc",
            "device_info": {"model": "Pixel 4", "brand": "google"},
        }
    )
    assert variants(p) == []
    m = Matcher(p)
    assert m.scan(Request("GET", "http://h/p?mac=02:00:00:00:00:00&imei=000000000000000&ua=google")).hits == ()


def test_malformed_input_never_raises(matcher: Matcher) -> None:
    rng = random.Random(7)
    kinds = ["gzip", "deflate", "br", "zstd", "compress", "gzip, deflate", ""]
    types = [
        "application/json",
        "multipart/form-data; boundary=b",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "",
    ]
    for _ in range(300):
        body = rng.randbytes(rng.randrange(0, 2000))
        if rng.random() < 0.3:
            body = b"\x1f\x8b" + body
        headers = (("Content-Encoding", rng.choice(kinds)), ("Content-Type", rng.choice(types)))
        url = "http://h/" + "".join(rng.choice("%?&=/+;:\\\x00\udcff") for _ in range(30))
        matcher.scan(Request("POST", url, headers, body))
    bad = matcher.scan(Request("POST", "http://h/p", (("Content-Encoding", "gzip"),), b"not gzip 867530912345678"))
    assert bad.notes and bad.hits == (Hit("imei", Encoding.RAW, "body"),)  # scanned as sent


def test_truncated_gzip_keeps_what_decoded(matcher: Matcher) -> None:
    pad = random.Random(1).randbytes(4000).hex()  # incompressible, so the cut falls after the identifier
    whole = gzip.compress(json.dumps({"imei": "867530912345678", "pad": pad}).encode())
    scan = matcher.scan(Request("POST", "http://h/p", (("Content-Encoding", "gzip"),), whole[: len(whole) // 2]))
    assert scan.hits == (Hit("imei", Encoding.RAW, "json:imei (gzip)"),)
    assert any("gzip" in n for n in scan.notes)


@pytest.mark.parametrize(
    ("coding", "compress"),
    [("gzip", gzip.compress), ("br", brotli.compress), ("zstd", zstandard.ZstdCompressor().compress)],
)
def test_decompression_is_bounded(coding: str, compress: object) -> None:
    assert callable(compress)
    bomb = compress(b"\0" * 5_000_000)
    body, applied, notes = decode_body(bomb, coding, 100_000)
    assert len(body) == 100_000 and applied == coding and notes


def test_empty_profile_finds_nothing() -> None:
    m = Matcher(DeviceProfile())
    assert m.pattern_count == 0
    assert m.scan(Request("GET", "http://h/p?imei=867530912345678")).hits == ()


def test_scan_text(matcher: Matcher) -> None:
    assert matcher.scan_text("ws frame imei=867530912345678", "websocket") == (Hit("imei", Encoding.RAW, "websocket"),)


def test_a_body_repeating_an_identifier_is_capped_not_slow(matcher: Matcher) -> None:
    body = json.dumps([{"imei": "867530912345678", "n": i} for i in range(20_000)]).encode()
    scan = matcher.scan(Request("POST", "http://h/p", (("Content-Type", "application/json"),), body))
    assert scan.hits == (Hit("imei", Encoding.RAW, "json:imei"),)
    assert any("repeated matches skipped" in n for n in scan.notes)


def test_variants_are_listed_once(profile: DeviceProfile) -> None:
    vs = variants(profile)
    assert len({(v.pattern, v.data_type, v.encoding, v.group) for v in vs}) == len(vs)
