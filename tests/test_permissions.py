from __future__ import annotations

from appaudit import permissions


def test_levels_come_from_aosp_data() -> None:
    t = permissions.table()
    assert len(t) > 500
    assert permissions.lookup("android.permission.READ_PHONE_STATE").protection_level == "dangerous"
    assert permissions.lookup("android.permission.INTERNET").protection_level == "normal"
    assert permissions.lookup("android.permission.READ_PRIVILEGED_PHONE_STATE").protection_level == "signature"
    assert permissions.lookup("android.permission.SYSTEM_ALERT_WINDOW").protection_level == "special"


def test_newer_and_play_restricted_permissions() -> None:
    assert permissions.lookup("android.permission.POST_NOTIFICATIONS").added_api == 33
    for name in (
        "QUERY_ALL_PACKAGES",
        "MANAGE_EXTERNAL_STORAGE",
        "ACCESS_BACKGROUND_LOCATION",
        "REQUEST_INSTALL_PACKAGES",
    ):
        info = permissions.lookup(f"android.permission.{name}")
        assert info.play_restricted, name
        assert permissions.is_sensitive(info)
    assert not permissions.is_sensitive(permissions.lookup("android.permission.INTERNET"))


def test_unknown_permission_is_reported_as_unknown() -> None:
    assert permissions.lookup("com.example.permission.MINE").protection_level == "unknown"
