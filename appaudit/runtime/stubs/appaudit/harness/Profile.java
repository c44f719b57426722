package appaudit.harness;

import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The device profile the stubs serve (a UTF-8 properties file written by appaudit.runtime.hostjvm). */
public final class Profile {
    private static Properties props;

    private Profile() {}

    private static synchronized Properties props() {
        if (props == null) {
            props = new Properties();
            String path = System.getProperty("appaudit.profile");
            if (path != null) {
                try (Reader r = new InputStreamReader(new FileInputStream(path), StandardCharsets.UTF_8)) {
                    props.load(r);
                } catch (Exception e) {
                    System.err.println("appaudit harness: cannot read profile " + path + ": " + e);
                }
            }
        }
        return props;
    }

    public static String get(String key) {
        return props().getProperty(key);
    }

    public static String get(String key, String dflt) {
        return props().getProperty(key, dflt);
    }

    public static double getDouble(String key) {
        String v = get(key);
        try {
            return v == null ? 0.0 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    public static int getInt(String key, int dflt) {
        String v = get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
