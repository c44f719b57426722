package appaudit.harness;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The app's own environment (package, version, manifest meta-data; written by hostjvm.app_properties). */
public final class App {
    private static Properties props;

    private App() {}

    private static synchronized Properties props() {
        if (props == null) {
            props = new Properties();
            String path = System.getProperty("appaudit.app");
            if (path != null) {
                try (Reader r = new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8)) {
                    props.load(r);
                } catch (Exception e) {
                    System.err.println("appaudit harness: cannot read app environment " + path + ": " + e);
                }
            }
        }
        return props;
    }

    public static String get(String key, String dflt) {
        String v = props().getProperty(key);
        return v == null || v.isEmpty() ? dflt : v;
    }

    public static String packageName() {
        return get("package", System.getProperty("appaudit.package", ""));
    }

    public static Properties metaData() {
        Properties out = new Properties();
        for (String k : props().stringPropertyNames()) {
            if (k.startsWith("meta.")) out.setProperty(k.substring(5), resolved(props().getProperty(k)));
        }
        return out;
    }

    /**
     * A meta-data value as Android gives it: a `@7F..` reference is its resource's value when hostjvm wrote one
     * (`@integer/google_play_services_version`), else the resource id as a number (android:resource, a file).
     */
    private static String resolved(String v) {
        if (v == null || !v.matches("@[0-9A-Fa-f]{8}")) return v;
        long id = Long.parseLong(v.substring(1), 16);
        String value = get("res.0x" + Long.toHexString(id), null);
        return value != null ? value : Integer.toString((int) id);
    }

    /** The app's data directory (files, databases, shared_prefs): a scratch directory of this run. */
    public static File dataDir() {
        File d = new File(System.getProperty("appaudit.data", System.getProperty("java.io.tmpdir") + "/appaudit-data"));
        d.mkdirs();
        return d;
    }

    public static File dir(String name) {
        File d = new File(dataDir(), name);
        d.mkdirs();
        return d;
    }
}
