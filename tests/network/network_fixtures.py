"""Identifier values the network tests plant and look for: one value for every identifier type."""

from __future__ import annotations

from typing import Any

# Values chosen so that no two types share a value; shapes as devices return them.
PROFILE_DOC: dict[str, Any] = {
    "imei": "867530912345678",
    "meid": "A1000021ABCDE9",
    "imsi": "460001234567890",
    "iccid": "89860012345678901234",
    "android_id": "9774d56d682e549c",
    "oaid": "8f3c2a1e-6b7d-4e2f-9a10-5c4d3b2a1f0e",
    "gaid": "38400000-8cf0-11bd-b23e-10b96e40000d",
    "serial": "R58M4321ABC",
    "mac": "02:1a:11:f3:4b:9c",
    "bluetooth_mac": "3C:5A:B4:01:02:03",
    "phone_number": "+8613812345678",
    "clipboard": "￥AbCd1234￥ 复制这段话打开手机淘宝",
    "wifi_info": {"ssid": '"HomeWiFi-5G"', "bssid": "a4:56:02:7b:11:2c"},
    "location_precise": {"lat": 31.230416, "lng": 121.473701},
    "app_list": ["com.tencent.mm", "com.eg.android.AlipayGphone", "com.sina.weibo", "com.taobao.taobao"],
}

# (data type, the value as the device returns it) for every scalar identifier of PROFILE_DOC.
SCALARS = [
    ("imei", "867530912345678"),
    ("meid", "A1000021ABCDE9"),
    ("imsi", "460001234567890"),
    ("iccid", "89860012345678901234"),
    ("android_id", "9774d56d682e549c"),
    ("oaid", "8f3c2a1e-6b7d-4e2f-9a10-5c4d3b2a1f0e"),
    ("gaid", "38400000-8cf0-11bd-b23e-10b96e40000d"),
    ("serial", "R58M4321ABC"),
    ("mac", "02:1a:11:f3:4b:9c"),
    ("bluetooth_mac", "3C:5A:B4:01:02:03"),
    ("phone_number", "+8613812345678"),
    ("wifi_info", "a4:56:02:7b:11:2c"),
    ("clipboard", "￥AbCd1234￥ 复制这段话打开手机淘宝"),
]
