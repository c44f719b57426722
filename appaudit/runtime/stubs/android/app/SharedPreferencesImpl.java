package android.app;

import android.content.SharedPreferences;
import java.util.HashMap;
import java.util.Map;

/** In-memory preferences; the class names match Android's so one consent hook serves both backends. */
public final class SharedPreferencesImpl implements SharedPreferences {
    private final Map<String, Object> values = new HashMap<>();

    @Override
    public synchronized boolean getBoolean(String key, boolean defValue) {
        Object v = values.get(key);
        return v instanceof Boolean ? (Boolean) v : defValue;
    }

    @Override
    public SharedPreferences.Editor edit() { return new EditorImpl(); }

    public final class EditorImpl implements SharedPreferences.Editor {
        private final Map<String, Object> pending = new HashMap<>();

        @Override
        public SharedPreferences.Editor putBoolean(String key, boolean value) {
            pending.put(key, value);
            return this;
        }

        public SharedPreferences.Editor putString(String key, String value) {
            pending.put(key, value);
            return this;
        }

        @Override
        public void apply() { commit(); }

        public boolean commit() {
            synchronized (SharedPreferencesImpl.this) {
                values.putAll(pending);
            }
            return true;
        }
    }
}
