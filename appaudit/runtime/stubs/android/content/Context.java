package android.content;

import android.content.pm.PackageManager;

public abstract class Context {
    public abstract Object getSystemService(String name);
    public abstract ContentResolver getContentResolver();
    public abstract PackageManager getPackageManager();
    public abstract SharedPreferences getSharedPreferences(String name, int mode);
    public abstract Context getApplicationContext();
    public abstract String getPackageName();
    public abstract boolean bindService(Intent service, Object conn, int flags);
    public abstract ComponentName startService(Intent service);
    public abstract void startActivity(Intent intent);
}
