package android.content;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

public final class ContentValues {
    private final Map<String, Object> values = new HashMap<>();

    public ContentValues() {}
    public void put(String key, String v) { values.put(key, v); }
    public void put(String key, Integer v) { values.put(key, v); }
    public void put(String key, Long v) { values.put(key, v); }
    public void put(String key, Boolean v) { values.put(key, v); }
    public void put(String key, byte[] v) { values.put(key, v); }
    public Object get(String key) { return values.get(key); }
    public String getAsString(String key) { Object v = values.get(key); return v == null ? null : v.toString(); }
    public Set<String> keySet() { return values.keySet(); }
    public int size() { return values.size(); }
}
