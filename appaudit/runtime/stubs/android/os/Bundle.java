package android.os;

import java.io.Serializable;
import java.util.ArrayList;

public class Bundle extends BaseBundle implements Parcelable {
    public static final Bundle EMPTY = new Bundle();

    public Bundle() {}
    public Bundle(int capacity) {}
    public Bundle(Bundle b) { if (b != null) map.putAll(b.map); }
    public Bundle(ClassLoader loader) {}

    public void putAll(Bundle b) { if (b != null) map.putAll(b.map); }
    public void putCharSequence(String key, CharSequence v) { map.put(key, v); }
    public void putFloat(String key, float v) { map.put(key, v); }
    public void putByteArray(String key, byte[] v) { map.put(key, v); }
    public void putBundle(String key, Bundle v) { map.put(key, v); }
    public void putSerializable(String key, Serializable v) { map.put(key, v); }
    public void putParcelable(String key, Parcelable v) { map.put(key, v); }
    public void putStringArrayList(String key, ArrayList<String> v) { map.put(key, v); }
    public void putIntegerArrayList(String key, ArrayList<Integer> v) { map.put(key, v); }
    public void setClassLoader(ClassLoader loader) { map.size(); }

    public CharSequence getCharSequence(String key) { Object v = map.get(key); return v instanceof CharSequence ? (CharSequence) v : null; }
    public float getFloat(String key) { return getFloat(key, 0f); }
    public float getFloat(String key, float d) { Object v = map.get(key); return v instanceof Number ? ((Number) v).floatValue() : d; }
    public byte[] getByteArray(String key) { Object v = map.get(key); return v instanceof byte[] ? (byte[]) v : null; }
    public Bundle getBundle(String key) { Object v = map.get(key); return v instanceof Bundle ? (Bundle) v : null; }
    public Serializable getSerializable(String key) { Object v = map.get(key); return v instanceof Serializable ? (Serializable) v : null; }
    @SuppressWarnings("unchecked")
    public <T extends Parcelable> T getParcelable(String key) { return (T) map.get(key); }
    @SuppressWarnings("unchecked")
    public ArrayList<String> getStringArrayList(String key) { Object v = map.get(key); return v instanceof ArrayList ? (ArrayList<String>) v : null; }
    public int describeContents() { return 0; }
    public void writeToParcel(Parcel dest, int flags) { dest.hashCode(); }
}
