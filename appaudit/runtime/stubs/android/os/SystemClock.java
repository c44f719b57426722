package android.os;

/** Android's clocks: uptime and elapsed time since this process started (a freshly booted device). */
public final class SystemClock {
    private static final long START = System.nanoTime();
    private static final long BOOT_OFFSET_MS = 3_600_000L; // the device has been up for an hour

    private SystemClock() {}

    public static long uptimeMillis() { return (System.nanoTime() - START) / 1_000_000L + BOOT_OFFSET_MS; }
    public static long elapsedRealtime() { return uptimeMillis(); }
    public static long elapsedRealtimeNanos() { return elapsedRealtime() * 1_000_000L; }
    public static long uptimeNanos() { return uptimeMillis() * 1_000_000L; }
    public static long currentThreadTimeMillis() { return uptimeMillis(); }
    public static long currentTimeMillis() { return System.currentTimeMillis(); }
    public static boolean setCurrentTimeMillis(long millis) { return false; }

    public static void sleep(long ms) {
        try {
            Thread.sleep(Math.min(ms, Looper.MAX_DELAY));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
