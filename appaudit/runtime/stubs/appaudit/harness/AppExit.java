package appaudit.harness;

/**
 * What an app's System.exit, Runtime.exit and Runtime.halt become (FieldReads rewrites the calls): on a device
 * the process ends there and the system starts it again for its next service, broadcast or screen; here one
 * process plays them all, so the call ends only the entry point it was made in (a quit button clicked by the
 * harness, an app that exits after its splash screen), which records it as this error.
 */
public final class AppExit extends Error {
    private AppExit(int status) {
        super("the app asked to exit (status " + status + "); the harness went on with its next entry point");
    }

    public static void exit(int status) {
        throw new AppExit(status);
    }

    public static void exit(Runtime runtime, int status) {
        throw new AppExit(status);
    }
}
