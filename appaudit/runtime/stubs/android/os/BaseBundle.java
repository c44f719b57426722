package android.os;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A real map of values, as apps use Bundle (extras, metaData, saved state). */
public class BaseBundle {
    final Map<String, Object> map = new LinkedHashMap<>();

    BaseBundle() {}

    public int size() { return map.size(); }
    public boolean isEmpty() { return map.isEmpty(); }
    public void clear() { map.clear(); }
    public boolean containsKey(String key) { return map.containsKey(key); }
    public Object get(String key) { return map.get(key); }
    public void remove(String key) { map.remove(key); }
    public Set<String> keySet() { return map.keySet(); }

    public void putString(String key, String v) { map.put(key, v); }
    public void putInt(String key, int v) { map.put(key, v); }
    public void putLong(String key, long v) { map.put(key, v); }
    public void putBoolean(String key, boolean v) { map.put(key, v); }
    public void putDouble(String key, double v) { map.put(key, v); }
    public void putStringArray(String key, String[] v) { map.put(key, v); }

    public String getString(String key) { Object v = map.get(key); return v == null ? null : v.toString(); }
    public String getString(String key, String d) { String v = getString(key); return v == null ? d : v; }
    public int getInt(String key) { return getInt(key, 0); }
    public int getInt(String key, int d) {
        Object v = map.get(key);
        if (v instanceof Number) return ((Number) v).intValue();
        if (v instanceof String) { try { return Integer.parseInt((String) v); } catch (NumberFormatException e) { return d; } }
        return d;
    }
    public long getLong(String key) { return getLong(key, 0L); }
    public long getLong(String key, long d) { Object v = map.get(key); return v instanceof Number ? ((Number) v).longValue() : d; }
    public double getDouble(String key) { return getDouble(key, 0.0); }
    public double getDouble(String key, double d) { Object v = map.get(key); return v instanceof Number ? ((Number) v).doubleValue() : d; }
    public boolean getBoolean(String key) { return getBoolean(key, false); }
    public boolean getBoolean(String key, boolean d) {
        Object v = map.get(key);
        if (v instanceof Boolean) return (Boolean) v;
        if (v instanceof String) return Boolean.parseBoolean((String) v);
        return d;
    }
    public String[] getStringArray(String key) { Object v = map.get(key); return v instanceof String[] ? (String[]) v : null; }

    @Override
    public String toString() { return "Bundle[" + map + "]"; }
}
