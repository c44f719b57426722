package android.content.res;

/** Attribute values of a theme or layout: every attribute "has a value" and each getter returns its default. */
public class TypedArray {
    public TypedArray() {}
    public boolean hasValue(int index) { return true; }
    public boolean hasValueOrEmpty(int index) { return true; }
    public int length() { return 0; }
    public int getIndexCount() { return 0; }
    public boolean getBoolean(int index, boolean def) { return true; }  // windowNoTitle & co: AppCompat needs one
    public int getInt(int index, int def) { return def; }
    public int getInteger(int index, int def) { return def; }
    public float getFloat(int index, float def) { return def; }
    public int getColor(int index, int def) { return def; }
    public int getResourceId(int index, int def) { return def; }
    public float getDimension(int index, float def) { return def; }
    public int getDimensionPixelSize(int index, int def) { return def; }
    public int getDimensionPixelOffset(int index, int def) { return def; }
    public int getLayoutDimension(int index, int def) { return def; }
    public String getString(int index) { return null; }
    public CharSequence getText(int index) { return null; }
    public void recycle() { hashCode(); }
}
