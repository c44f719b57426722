package appaudit.harness;

/**
 * System.loadLibrary / System.load / Runtime.loadLibrary from app code (FieldReads rewrites the calls to
 * these): an APK's native libraries are built for Android (ARM, bionic) and cannot load into this JVM. The
 * attempt is reported once per library as a harness record and never thrown, so the rest of a static
 * initialiser or onCreate still runs; a native method of the library then fails when it is called, as its
 * code is absent.
 */
public final class Natives {
    private static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Natives() {}

    public static void loadLibrary(String name) {
        if (SEEN.add(name)) Main.report("native library lib" + name + ".so", "not loadable on this JVM (built for Android); skipped");
    }

    public static void load(String path) {
        if (SEEN.add(path)) Main.report("native library " + path, "not loadable on this JVM (built for Android); skipped");
    }

    public static void loadLibrary(Runtime runtime, String name) { loadLibrary(name); }

    public static void load(Runtime runtime, String path) { load(path); }
}
