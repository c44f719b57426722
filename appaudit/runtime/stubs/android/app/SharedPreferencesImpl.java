package android.app;

import android.content.SharedPreferences;
import appaudit.harness.App;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Preferences as a real map, persisted per run under the run's data directory (shared_prefs/NAME), so a
 * value an SDK writes in one component is there for the next. The class names match Android's so one
 * consent hook (put* of EditorImpl) serves both backends.
 */
public final class SharedPreferencesImpl implements SharedPreferences {
    private final Map<String, Object> values = new HashMap<>();
    private final Set<OnSharedPreferenceChangeListener> listeners = new LinkedHashSet<>();
    private final File file;

    public SharedPreferencesImpl() { this(null); }

    @SuppressWarnings("unchecked")
    public SharedPreferencesImpl(String name) {
        file = name == null ? null : new File(App.dir("shared_prefs"), name.replace('/', '_') + ".ser");
        if (file != null && file.isFile()) {
            try (ObjectInputStream in = new ObjectInputStream(new FileInputStream(file))) {
                values.putAll((Map<String, Object>) in.readObject());
            } catch (Exception e) {
                System.err.println("appaudit harness: cannot read " + file + ": " + e);
            }
        }
    }

    @Override public synchronized Map<String, ?> getAll() { return new HashMap<>(values); }
    @Override public synchronized boolean contains(String key) { return values.containsKey(key); }

    @Override
    public synchronized boolean getBoolean(String key, boolean defValue) {
        Object v = values.get(key);
        return v instanceof Boolean ? (Boolean) v : defValue;
    }

    @Override
    public synchronized String getString(String key, String defValue) {
        Object v = values.get(key);
        return v instanceof String ? (String) v : defValue;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized Set<String> getStringSet(String key, Set<String> defValues) {
        Object v = values.get(key);
        return v instanceof Set ? new HashSet<>((Set<String>) v) : defValues;
    }

    @Override public synchronized int getInt(String key, int d) { Object v = values.get(key); return v instanceof Integer ? (Integer) v : d; }
    @Override public synchronized long getLong(String key, long d) { Object v = values.get(key); return v instanceof Long ? (Long) v : d; }
    @Override public synchronized float getFloat(String key, float d) { Object v = values.get(key); return v instanceof Float ? (Float) v : d; }

    @Override public SharedPreferences.Editor edit() { return new EditorImpl(); }
    @Override public synchronized void registerOnSharedPreferenceChangeListener(OnSharedPreferenceChangeListener l) { listeners.add(l); }
    @Override public synchronized void unregisterOnSharedPreferenceChangeListener(OnSharedPreferenceChangeListener l) { listeners.remove(l); }

    private void save() {
        if (file == null) return;
        try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(file))) {
            out.writeObject(new HashMap<>(values));
        } catch (Exception e) {
            System.err.println("appaudit harness: cannot write " + file + ": " + e);
        }
    }

    public final class EditorImpl implements SharedPreferences.Editor {
        private final Map<String, Object> pending = new HashMap<>();
        private final Set<String> removed = new HashSet<>();
        private boolean clear;

        private SharedPreferences.Editor put(String key, Object value) {
            synchronized (this) {
                if (value == null) removed.add(key); else pending.put(key, value);
            }
            return this;
        }

        @Override public SharedPreferences.Editor putBoolean(String key, boolean value) { return put(key, value); }
        @Override public SharedPreferences.Editor putString(String key, String value) { return put(key, value); }
        @Override public SharedPreferences.Editor putStringSet(String key, Set<String> v) { return put(key, v == null ? null : new HashSet<>(v)); }
        @Override public SharedPreferences.Editor putInt(String key, int value) { return put(key, value); }
        @Override public SharedPreferences.Editor putLong(String key, long value) { return put(key, value); }
        @Override public SharedPreferences.Editor putFloat(String key, float value) { return put(key, value); }
        @Override public synchronized SharedPreferences.Editor remove(String key) { removed.add(key); return this; }
        @Override public synchronized SharedPreferences.Editor clear() { clear = true; return this; }

        @Override public void apply() { commit(); }

        @Override
        public boolean commit() {
            Set<OnSharedPreferenceChangeListener> notify;
            Set<String> changed = new HashSet<>();
            synchronized (SharedPreferencesImpl.this) {
                synchronized (this) {
                    if (clear) values.clear();
                    for (String k : removed) values.remove(k);
                    values.putAll(pending);
                    changed.addAll(removed);
                    changed.addAll(pending.keySet());
                }
                save();
                notify = new LinkedHashSet<>(listeners);
            }
            for (OnSharedPreferenceChangeListener l : notify) for (String k : changed) l.onSharedPreferenceChanged(SharedPreferencesImpl.this, k);
            return true;
        }
    }
}
