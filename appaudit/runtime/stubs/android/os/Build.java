package android.os;

import appaudit.harness.Profile;

/** Build constants from the profile; `<FIELD>$read()` are the accessors the harness rewrites getstatic into. */
public class Build {
    public static final String MODEL = Profile.get("_build.MODEL", "unknown");
    public static final String BRAND = Profile.get("_build.BRAND", "unknown");
    public static final String MANUFACTURER = Profile.get("_build.MANUFACTURER", "unknown");
    public static final String FINGERPRINT = Profile.get("_build.FINGERPRINT", "unknown");
    public static final String SERIAL = Profile.get("_build.SERIAL", Profile.get("serial", "unknown"));

    public static String getSerial() { return SERIAL; }

    public static String MODEL$read() { return MODEL; }
    public static String BRAND$read() { return BRAND; }
    public static String MANUFACTURER$read() { return MANUFACTURER; }
    public static String FINGERPRINT$read() { return FINGERPRINT; }
    public static String SERIAL$read() { return SERIAL; }

    public static class VERSION {
        public static final int SDK_INT = Profile.getInt("_build.VERSION.SDK_INT", 30);
        public static final String RELEASE = Profile.get("_build.VERSION.RELEASE", "11");

        public static int SDK_INT$read() { return SDK_INT; }
        public static String RELEASE$read() { return RELEASE; }
    }
}
