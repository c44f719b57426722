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
            if (k.startsWith("meta.")) out.setProperty(k.substring(5), props().getProperty(k));
        }
        return out;
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
