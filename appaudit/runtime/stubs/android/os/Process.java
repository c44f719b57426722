package android.os;

/** The app's process: an app uid (10000 + n), the JVM's pid, thread priorities accepted and ignored. */
public class Process {
    public static final int FIRST_APPLICATION_UID = 10000;
    public static final int SYSTEM_UID = 1000;
    public static final int THREAD_PRIORITY_DEFAULT = 0;
    public static final int THREAD_PRIORITY_BACKGROUND = 10;
    private static final int UID = 10123;

    public static int myPid() { return (int) ProcessHandle.current().pid(); }
    public static int myTid() { return (int) Thread.currentThread().getId(); }
    public static int myUid() { return UID; }
    public static UserHandle myUserHandle() { return new UserHandle(); }
    public static boolean is64Bit() { return true; }
    public static boolean isIsolated() { return false; }
    public static String myProcessName() { return appaudit.harness.App.get("package", ""); }
    public static int getUidForName(String name) { return -1; }
    public static int getGidForName(String name) { return -1; }
    public static long getElapsedCpuTime() { return SystemClock.uptimeMillis() / 10; }
    public static long getStartElapsedRealtime() { return 3_600_000L; }
    public static long getStartUptimeMillis() { return 3_600_000L; }
    public static void setThreadPriority(int priority) { Thread.currentThread().getId(); }
    public static void setThreadPriority(int tid, int priority) { Thread.currentThread().getId(); }
    public static int getThreadPriority(int tid) { return THREAD_PRIORITY_DEFAULT; }
    public static void killProcess(int pid) { System.err.println("appaudit harness: app asked to kill process " + pid + " (ignored)"); }
    public static void sendSignal(int pid, int signal) { System.err.println("appaudit harness: app sent signal " + signal + " (ignored)"); }
}
