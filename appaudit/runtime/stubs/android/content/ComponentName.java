package android.content;

/** An explicit component (package + class) that an Intent targets; the agent reads both names. */
public final class ComponentName {
    private final String pkg;
    private final String cls;

    public ComponentName(String pkg, String cls) {
        this.pkg = pkg;
        this.cls = cls;
    }

    public String getPackageName() { return pkg; }
    public String getClassName() { return cls; }
    @Override public String toString() { return "ComponentInfo{" + pkg + "/" + cls + "}"; }
}
