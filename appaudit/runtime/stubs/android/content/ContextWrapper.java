package android.content;

import android.app.ContextImpl;
import android.content.pm.PackageManager;

/** Delegates to the attached base context, or to the process's ContextImpl when none was attached. */
public class ContextWrapper extends Context {
    private Context base;

    public ContextWrapper() {}
    public ContextWrapper(Context base) { this.base = base; }

    protected void attachBaseContext(Context base) { this.base = base; }
    public Context getBaseContext() { return base != null ? base : ContextImpl.get(); }

    @Override public Object getSystemService(String name) { return getBaseContext().getSystemService(name); }
    @Override public ContentResolver getContentResolver() { return getBaseContext().getContentResolver(); }
    @Override public PackageManager getPackageManager() { return getBaseContext().getPackageManager(); }
    @Override public SharedPreferences getSharedPreferences(String n, int m) { return getBaseContext().getSharedPreferences(n, m); }
    @Override public Context getApplicationContext() { return getBaseContext().getApplicationContext(); }
    @Override public String getPackageName() { return getBaseContext().getPackageName(); }
    @Override public boolean bindService(Intent s, ServiceConnection c, int f) { return getBaseContext().bindService(s, c, f); }
    @Override public ComponentName startService(Intent s) { return getBaseContext().startService(s); }
    @Override public ComponentName startForegroundService(Intent s) { return getBaseContext().startForegroundService(s); }
    @Override public void startActivity(Intent i) { getBaseContext().startActivity(i); }
}
