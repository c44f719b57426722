"""The device profile: JSON and TOML files, runtime hook events, and every way a profile file can be wrong."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from network_fixtures import PROFILE_DOC

from appaudit.cli import main
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
from appaudit.runtime import device
from appaudit.runtime.device import CommandResult

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


# ---------------------------------------------------------------------- `appaudit profile --device`

ADB_PROFILE = Path(__file__).parent / "data" / "adb_profile_api30.json"


class _Adb:
    """adb answering from a recording; an unrecorded call fails the test."""

    def __init__(self, answers: dict[str, list[Any]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, argv: Sequence[str], timeout: float = 60.0) -> CommandResult:
        args = list(argv[1:])
        if args[:2] == ["-s", "emulator-5554"]:
            args = args[2:]
        key = " ".join(args)
        self.calls.append(key)
        if key not in self.answers:
            raise AssertionError(f"unrecorded adb call: {key}")
        rc, out = self.answers[key]
        return CommandResult(rc, out, "")


def test_profile_from_device_reads_the_real_identifiers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adb = _Adb(json.loads(ADB_PROFILE.read_text(encoding="utf-8")))
    monkeypatch.setattr(device, "subprocess_runner", adb)
    out = tmp_path / "device.json"
    res = CliRunner().invoke(main, ["profile", "--device", "emulator-5554", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_mode & 0o777 == 0o600  # the device's identifiers: readable by its owner only
    doc = json.loads(out.read_text(encoding="utf-8"))
    p = load_profile(out)  # the file is a profile the proxy and rescan read
    assert p.values["android_id"] == ("4f3c2e1d0a9b8c7d",)
    assert p.values["serial"] == ("EMULATOR30X2X5X0",)
    assert p.values["imei"] == ("358240051111110",)  # decoded from the service call parcel
    assert p.values["iccid"] == ("89014103211118510720",)
    assert p.values["phone_number"] == ("+15555215554",)
    assert p.values["imsi"] == ("310260000000000",)
    assert p.values["mac"] == ("02:15:b2:00:00:00",)
    assert p.values["wifi_info"] == ("AndroidWifi", "00:13:10:85:fe:01")
    assert p.values["gaid"] == ("38400000-8cf0-11bd-b23e-10b96e40000d",)
    assert p.locations["location_precise"] == (Location(37.421998, -122.084),)
    assert "com.tencent.mm" in p.app_list
    # Not readable here: said, never guessed (the emulator has no Bluetooth address, no vivo provider).
    assert set(doc["_source"]["unreadable"]) == {"bluetooth_mac", "oaid", "meid"}
    assert "bluetooth_mac" not in p.values and "oaid" not in p.values
    assert doc["_build"]["VERSION.SDK_INT"] == 30
    assert "not readable: oaid" in res.output
    # siminfo serves three types with one adb call
    assert adb.calls.count("shell content query --uri content://telephony/siminfo") == 1


def test_profile_without_root_says_what_needs_it(tmp_path: Path) -> None:
    answers = json.loads(ADB_PROFILE.read_text(encoding="utf-8"))
    answers["root"] = [1, "adbd cannot run as root in production builds\n"]
    answers["shell su 0 id -u"] = [127, "/system/bin/sh: su: inaccessible or not found\n"]
    answers["shell su -c 'id -u'"] = [127, "/system/bin/sh: su: inaccessible or not found\n"]
    # As the shell user the privileged reads fail the way Android 10+ answers them.
    answers["shell service call iphonesubinfo 1 s16 com.android.shell"] = [
        0,
        "Result: Parcel(ffffffff 0000004c 00650052 00750071 '....L...R.e.q.u.')\n",
    ]
    answers["shell content query --uri content://telephony/siminfo"] = [1, "Error while accessing provider\n"]
    answers["shell cat /sys/class/net/wlan0/address"] = [1, "cat: /sys/class/net/wlan0/address: Permission denied\n"]
    answers["shell cat /data/data/com.google.android.gms/shared_prefs/adid_settings.xml"] = [1, "Permission denied\n"]
    found = device.read_identifiers(device.AndroidDevice("emulator-5554", _Adb(answers)))
    assert "imei" not in found.doc and "(needs root)" in found.unreadable["imei"]
    assert {"iccid", "phone_number", "imsi", "mac", "gaid"} <= set(found.unreadable)
    assert found.doc["android_id"] == "4f3c2e1d0a9b8c7d"


def test_profile_help_documents_the_command() -> None:
    res = CliRunner().invoke(main, ["profile", "--help"])
    assert res.exit_code == 0
    text = " ".join(res.output.split())
    assert "--device SERIAL" in text and "over adb" in text and "appaudit proxy --profile device.json" in text


def test_parcel_errors_are_not_values() -> None:
    assert device.parse_parcel_string("Result: Parcel(ffffffe4 00000000 '........')") is None
    assert device.parse_parcel_string("Result: Parcel(00000000 00000000 '........')") is None
    assert device.parse_parcel_string("garbage") is None
