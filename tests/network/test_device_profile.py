"""The device profile: JSON and TOML files, runtime hook events, and every way a profile file can be wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from network_fixtures import PROFILE_DOC

from appaudit.errors import InputError
from appaudit.network.profile import (
    DeviceProfile,
    Location,
    added_values,
    load_profile,
    merge_profiles,
    parse_profile,
    profile_from_events,
    read_profile_document,
    values_from_trace,
)

ROOT = Path(__file__).resolve().parents[2]


def test_sample_profile_loads() -> None:
    p = load_profile(ROOT / "sample_apks" / "device_profile.json")
    assert p.values["imei"] == ("867530912345678",)
    assert p.values["mac"] == ("02:1a:11:f3:4b:9c",)
    assert p.locations["location_precise"] == (Location(31.2304, 121.4737),)
    assert "com.tencent.mm" in p.app_list
    assert "a4:56:02:7b:11:2c" in p.values["wifi_info"]  # a table's fields are its values


def test_json_and_toml_give_the_same_profile(tmp_path: Path) -> None:
    j = tmp_path / "p.json"
    j.write_text(json.dumps(PROFILE_DOC, ensure_ascii=False), encoding="utf-8")
    t = tmp_path / "p.toml"
    t.write_text(
        "\n".join(
            [
                'imei = "867530912345678"',
                'meid = "A1000021ABCDE9"',
                'imsi = "460001234567890"',
                'iccid = "89860012345678901234"',
                'android_id = "9774d56d682e549c"',
                'oaid = "8f3c2a1e-6b7d-4e2f-9a10-5c4d3b2a1f0e"',
                'gaid = "38400000-8cf0-11bd-b23e-10b96e40000d"',
                'serial = "R58M4321ABC"',
                'mac = "02:1a:11:f3:4b:9c"',
                'bluetooth_mac = "3C:5A:B4:01:02:03"',
                'phone_number = "+8613812345678"',
                'clipboard = "￥AbCd1234￥ 复制这段话打开手机淘宝"',
                'app_list = ["com.tencent.mm", "com.eg.android.AlipayGphone", "com.sina.weibo", "com.taobao.taobao"]',
                "location_precise = { lat = 31.230416, lng = 121.473701 }",
                'wifi_info = { ssid = "\\"HomeWiFi-5G\\"", bssid = "a4:56:02:7b:11:2c" }',
            ]
        ),
        encoding="utf-8",
    )
    assert load_profile(j) == load_profile(t)
    no_suffix = tmp_path / "profile"
    no_suffix.write_bytes(t.read_bytes())
    assert load_profile(no_suffix) == load_profile(t)


def test_values_lists_numbers_and_annotations() -> None:
    p = parse_profile(
        {"_comment": "ignored", "imei": ["867530912345678", 867530912345679], "location_coarse": "31.23, 121.47"}
    )
    assert p.values["imei"] == ("867530912345678", "867530912345679")
    assert p.locations["location_coarse"] == (Location(31.23, 121.47),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a valid device profile"),
        ('{"imie": "867530912345678"}', "unknown data type 'imie'"),
        ('{"location_precise": {"lat": 91, "lng": 0}}', "expected a location"),
        ('{"location_precise": {"lat": "x"}}', "expected a location"),
        ('{"imei": {"a": [1]}}', "expected a string"),
        ('{"imei": true}', "expected a string"),
        ('["imei"]', "expected a table/object"),
    ],
)
def test_bad_profiles_name_the_file_and_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        load_profile(path)
    assert str(path) in str(exc.value)


def test_unreadable_profiles(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_profile(tmp_path / "missing.json")
    binary = tmp_path / "p.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    with pytest.raises(InputError, match="UTF-8"):
        load_profile(binary)


def test_profile_from_runtime_events() -> None:
    events: list[dict[str, Any]] = [
        {"data_type": "imei", "value": "867530912345678"},
        {"data_type": "imei", "value": "867530912345678"},  # the same read twice
        {"data_type": "location_precise", "value": {"lat": 31.2304, "lng": 121.4737}},
        {"data_type": "location_precise", "value": {"lat": None}},  # a hook that returned null: skipped
        {"data_type": "app_list", "value": ["com.tencent.mm", "com.sina.weibo"]},
        {"data_type": "not_a_type", "value": "x"},
        {"data_type": "oaid", "value": None},
        {"value": "no type"},
    ]
    p = profile_from_events(events)
    assert p.values == {"imei": ("867530912345678",)}
    assert p.locations == {"location_precise": (Location(31.2304, 121.4737),)}
    assert p.app_list == ("com.tencent.mm", "com.sina.weibo")
    merged = merge_profiles(parse_profile({"imei": "867530912345679", "app_list": ["com.tencent.mm"]}), p)
    assert merged.values["imei"] == ("867530912345679", "867530912345678")
    assert merged.app_list == ("com.tencent.mm", "com.sina.weibo")


def test_a_profile_written_back_loads_unchanged(tmp_path: Path) -> None:
    # A run writes the profile its hooks observed (to_dict) for the proxy's --profile.
    p = merge_profiles(parse_profile(PROFILE_DOC), profile_from_events([{"data_type": "imei", "value": "1234567890"}]))
    path = tmp_path / "observed.json"
    path.write_text(json.dumps(p.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert load_profile(path) == p


def test_values_from_a_trace_keep_reads_with_values_and_name_the_hashed_ones() -> None:
    records: list[dict[str, Any]] = [
        {"type": "header", "schema": 1},
        {"type": "read", "data_type": "imei", "value": "867530912345678"},
        {"type": "read", "data_type": "imei", "value": "867530912345678"},  # read twice, one value
        {"type": "read", "data_type": "mac", "value": "02:1a:11:f3:4b:9c"},
        {"type": "read", "data_type": "oaid", "value_sha256": "ab" * 32},  # --values sha256: no value
        {"type": "read", "data_type": "imsi", "value_sha256": "cd" * 32},
        {"type": "read", "data_type": "imsi", "value": "460001234567890"},  # the raw value seen once is enough
        {"type": "consent", "data_type": "serial", "value": "R58M4321ABC"},  # not a read: not a profile value
        {"type": "read", "data_type": "location_precise", "value": {"lat": 31.2304, "lng": 121.4737}},
    ]
    got = values_from_trace(records)
    assert got.profile.values == {
        "imei": ("867530912345678",),
        "mac": ("02:1a:11:f3:4b:9c",),
        "imsi": ("460001234567890",),
    }
    assert got.profile.locations == {"location_precise": (Location(31.2304, 121.4737),)}
    assert got.hashed_only == ("oaid",)


def test_added_values_counts_what_the_trace_adds_to_a_given_profile() -> None:
    given = parse_profile({"imei": "867530912345678", "mac": ["02:1a:11:f3:4b:9c"]})
    learned = profile_from_events(
        [
            {"data_type": "imei", "value": "867530912345678"},  # already given
            {"data_type": "imei", "value": "867530912345679"},  # second SIM slot: new
            {"data_type": "android_id", "value": "9774d56d682e549c"},
            {"data_type": "app_list", "value": ["com.tencent.mm", "com.sina.weibo"]},
        ]
    )
    assert added_values(given, learned) == {"android_id": 1, "app_list": 2, "imei": 1}
    assert added_values(learned, learned) == {}
    assert added_values(DeviceProfile(), given) == {"imei": 1, "mac": 1}


def test_read_profile_document_is_the_raw_table(tmp_path: Path) -> None:
    # The local JVM backend (runtime/hostjvm) flattens this raw table; a BOM and an unknown suffix are read.
    bom = tmp_path / "profile.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + b'{"imei": "861234567890123", "_comment": "kept"}')
    assert read_profile_document(bom) == {"imei": "861234567890123", "_comment": "kept"}
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="keyed by data-type ids"):
        read_profile_document(listed)
