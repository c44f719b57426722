package android.util;

public final class Base64 {
    public static final int DEFAULT = 0;
    public static final int NO_WRAP = 2;

    private Base64() {}

    public static String encodeToString(byte[] input, int flags) {
        // Only NO_WRAP is used by the sample apps; DEFAULT wraps at 76 columns like android.util.Base64.
        if ((flags & NO_WRAP) != 0) return java.util.Base64.getEncoder().encodeToString(input);
        return java.util.Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(input) + "\n";
    }
}
