package android.content;

/** An explicit component (package + class) that an Intent targets; the agent reads both names. */
public final class ComponentName {
    private final String pkg;
    private final String cls;

    public ComponentName(String pkg, String cls) {
        this.pkg = pkg;
        this.cls = cls;
    }

    public ComponentName(Context ctx, String cls) { this(ctx.getPackageName(), cls); }
    public ComponentName(Context ctx, Class<?> cls) { this(ctx.getPackageName(), cls.getName()); }

    public String getPackageName() { return pkg; }
    public String getClassName() { return cls; }
    public String getShortClassName() { return cls != null && pkg != null && cls.startsWith(pkg + ".") ? cls.substring(pkg.length()) : cls; }
    public String flattenToString() { return pkg + "/" + cls; }
    public String flattenToShortString() { return pkg + "/" + getShortClassName(); }
    @Override public String toString() { return "ComponentInfo{" + pkg + "/" + cls + "}"; }
}
