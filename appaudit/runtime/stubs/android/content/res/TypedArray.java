package android.content.res;

/** Attribute values of a theme or layout: every attribute "has a value" and each getter returns its default. */
public class TypedArray {
    public TypedArray() {}
    public boolean hasValue(int index) { return true; }
    public boolean hasValueOrEmpty(int index) { return true; }
    public int length() { return 0; }
    public int getIndexCount() { return 0; }
    /**
     * The default, except for AppCompat's theme check (windowNoTitle / windowActionBar), which needs one of
     * them set to build its window: an app theme always sets them.
     */
    public boolean getBoolean(int index, boolean def) {
        String caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass().getName();
        return caller.contains("AppCompatDelegate") || def;
    }
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
