package android.provider;

import android.content.ContentResolver;
import appaudit.harness.Profile;

public final class Settings {
    private Settings() {}

    public static final class Secure {
        private Secure() {}

        public static String getString(ContentResolver resolver, String name) {
            if ("android_id".equals(name)) return Profile.get("android_id");
            return null;
        }
    }
}
