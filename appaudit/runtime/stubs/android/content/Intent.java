package android.content;

import android.net.Uri;
import android.os.Bundle;

public class Intent {
    private String action;
    private String pkg;
    private ComponentName component;
    private Uri data;
    private int flags;
    private Bundle extras;

    public Intent() {}
    public Intent(String action) { this.action = action; }
    public Intent(String action, Uri data) { this.action = action; this.data = data; }
    public Intent(Context ctx, Class<?> cls) { this.component = new ComponentName(ctx, cls); }
    public Intent(Intent o) { action = o.action; pkg = o.pkg; component = o.component; data = o.data; flags = o.flags; extras = o.extras == null ? null : new Bundle(o.extras); }

    public String getAction() { return action; }
    public Intent setAction(String action) { this.action = action; return this; }
    public String getPackage() { return pkg; }
    public Intent setPackage(String pkg) { this.pkg = pkg; return this; }
    public ComponentName getComponent() { return component; }
    public Intent setComponent(ComponentName component) { this.component = component; return this; }
    public Intent setClassName(String pkg, String cls) { this.component = new ComponentName(pkg, cls); return this; }
    public Intent setClassName(Context ctx, String cls) { this.component = new ComponentName(ctx, cls); return this; }
    public Intent setClass(Context ctx, Class<?> cls) { this.component = new ComponentName(ctx, cls); return this; }
    public Uri getData() { return data; }
    public Intent setData(Uri d) { data = d; return this; }
    public int getFlags() { return flags; }
    public Intent setFlags(int f) { flags = f; return this; }
    public Intent addFlags(int f) { flags |= f; return this; }
    public Intent addCategory(String c) { return this; }

    private Bundle extras() { if (extras == null) extras = new Bundle(); return extras; }
    public Bundle getExtras() { return extras == null ? null : new Bundle(extras); }
    public boolean hasExtra(String name) { return extras != null && extras.containsKey(name); }
    public Intent putExtras(Bundle b) { extras().putAll(b); return this; }
    public Intent putExtra(String name, String v) { extras().putString(name, v); return this; }
    public Intent putExtra(String name, int v) { extras().putInt(name, v); return this; }
    public Intent putExtra(String name, long v) { extras().putLong(name, v); return this; }
    public Intent putExtra(String name, boolean v) { extras().putBoolean(name, v); return this; }
    public Intent putExtra(String name, Bundle v) { extras().putBundle(name, v); return this; }
    public String getStringExtra(String name) { return extras == null ? null : extras.getString(name); }
    public int getIntExtra(String name, int d) { return extras == null ? d : extras.getInt(name, d); }
    public long getLongExtra(String name, long d) { return extras == null ? d : extras.getLong(name, d); }
    public boolean getBooleanExtra(String name, boolean d) { return extras == null ? d : extras.getBoolean(name, d); }
    public Bundle getBundleExtra(String name) { return extras == null ? null : extras.getBundle(name); }

    @Override
    public String toString() { return "Intent { act=" + action + (component != null ? " cmp=" + component : "") + " }"; }
}
