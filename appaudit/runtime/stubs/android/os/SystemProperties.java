package android.os;

import appaudit.harness.Profile;

/** Hidden on Android (apps reach it by reflection); serves ro.serialno from the profile. */
public class SystemProperties {
    public static String get(String key) { return get(key, ""); }

    public static String get(String key, String def) {
        if ("ro.serialno".equals(key) || "ro.boot.serialno".equals(key)) return Profile.get("serial", def);
        return def;
    }
}
