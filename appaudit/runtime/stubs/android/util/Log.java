package android.util;

/** Log lines go to stderr, tagged like logcat. */
public final class Log {
    private Log() {}

    private static int log(char level, String tag, String msg) {
        System.err.println(level + "/" + tag + ": " + msg);
        return 0;
    }

    public static int d(String tag, String msg) { return log('D', tag, msg); }
    public static int i(String tag, String msg) { return log('I', tag, msg); }
    public static int w(String tag, String msg) { return log('W', tag, msg); }
}
