package android.os;

import appaudit.harness.Profile;

/** Build constants from the profile; `<FIELD>$read()` are the accessors the harness rewrites getstatic into. */
public class Build {
    public static final String MODEL = Profile.get("_build.MODEL", "unknown");
    public static final String BRAND = Profile.get("_build.BRAND", "unknown");
    public static final String MANUFACTURER = Profile.get("_build.MANUFACTURER", "unknown");
    public static final String FINGERPRINT = Profile.get("_build.FINGERPRINT", "unknown");
    public static final String SERIAL = Profile.get("_build.SERIAL", Profile.get("serial", "unknown"));
    // Not in the ontology (no accessor): served from the profile when it has them, else plausible values.
    public static final String DEVICE = Profile.get("_build.DEVICE", "generic");
    public static final String PRODUCT = Profile.get("_build.PRODUCT", "generic");
    public static final String BOARD = Profile.get("_build.BOARD", "unknown");
    public static final String HARDWARE = Profile.get("_build.HARDWARE", "qcom");
    public static final String DISPLAY = Profile.get("_build.DISPLAY", "RQ3A.211001.001");
    public static final String ID = Profile.get("_build.ID", "RQ3A.211001.001");
    public static final String HOST = Profile.get("_build.HOST", "build");
    public static final String TAGS = Profile.get("_build.TAGS", "release-keys");
    public static final String TYPE = Profile.get("_build.TYPE", "user");
    public static final String USER = Profile.get("_build.USER", "android-build");
    public static final String BOOTLOADER = Profile.get("_build.BOOTLOADER", "unknown");
    public static final String RADIO = Profile.get("_build.RADIO", "unknown");
    public static final String CPU_ABI = "arm64-v8a";
    public static final String CPU_ABI2 = "";
    public static final String[] SUPPORTED_ABIS = {"arm64-v8a", "armeabi-v7a", "armeabi"};
    public static final String[] SUPPORTED_32_BIT_ABIS = {"armeabi-v7a", "armeabi"};
    public static final String[] SUPPORTED_64_BIT_ABIS = {"arm64-v8a"};
    public static final long TIME = 1_633_046_400_000L;
    public static final String UNKNOWN = "unknown";

    public static String getSerial() { return SERIAL; }
    public static String getRadioVersion() { return RADIO; }

    public static class VERSION_CODES {
        public static final int BASE = 1;
        public static final int CUR_DEVELOPMENT = 10000;
    }

    public static String MODEL$read() { return MODEL; }
    public static String BRAND$read() { return BRAND; }
    public static String MANUFACTURER$read() { return MANUFACTURER; }
    public static String FINGERPRINT$read() { return FINGERPRINT; }
    public static String SERIAL$read() { return SERIAL; }

    public static class VERSION {
        public static final int SDK_INT = Profile.getInt("_build.VERSION.SDK_INT", 30);
        public static final String RELEASE = Profile.get("_build.VERSION.RELEASE", "11");
        public static final String SDK = String.valueOf(SDK_INT);
        public static final String CODENAME = "REL";
        public static final String INCREMENTAL = Profile.get("_build.VERSION.INCREMENTAL", "7654321");
        public static final String SECURITY_PATCH = "2021-10-01";
        public static final String BASE_OS = "";
        public static final int PREVIEW_SDK_INT = 0;

        public static int SDK_INT$read() { return SDK_INT; }
        public static String RELEASE$read() { return RELEASE; }
    }
}
