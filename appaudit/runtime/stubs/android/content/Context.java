package android.content;

import android.content.pm.ApplicationInfo;
import android.content.pm.PackageManager;
import android.os.Handler;
import android.os.Looper;
import appaudit.harness.App;
import java.io.File;

/**
 * The Context API the apps call most. Abstract methods are what ContextImpl/ContextWrapper implement;
 * the concrete ones are the same for every context of the one simulated process (files live in the
 * run's scratch data directory). Permission checks answer "granted": the audit is about what the app
 * does when the user allowed it.
 */
public abstract class Context {
    public static final int MODE_PRIVATE = 0;
    public static final String TELEPHONY_SERVICE = "phone";
    public static final String WIFI_SERVICE = "wifi";
    public static final String LOCATION_SERVICE = "location";
    public static final String CONNECTIVITY_SERVICE = "connectivity";
    public static final String CLIPBOARD_SERVICE = "clipboard";
    public static final int BIND_AUTO_CREATE = 1;

    public abstract Object getSystemService(String name);
    public abstract ContentResolver getContentResolver();
    public abstract PackageManager getPackageManager();
    public abstract SharedPreferences getSharedPreferences(String name, int mode);
    public abstract Context getApplicationContext();
    public abstract String getPackageName();
    public abstract boolean bindService(Intent service, ServiceConnection conn, int flags);
    public abstract ComponentName startService(Intent service);
    public abstract void startActivity(Intent intent);

    public ComponentName startForegroundService(Intent service) { return startService(service); }
    public boolean stopService(Intent service) { return service != null; }
    public void unbindService(ServiceConnection conn) { conn.hashCode(); }
    public void startActivity(Intent intent, android.os.Bundle options) { startActivity(intent); }
    public void sendBroadcast(Intent intent) { intent.hashCode(); }
    public void sendBroadcast(Intent intent, String permission) { intent.hashCode(); }
    public Intent registerReceiver(BroadcastReceiver receiver, IntentFilter filter) { return null; }
    public Intent registerReceiver(BroadcastReceiver receiver, IntentFilter filter, int flags) { return null; }
    public Intent registerReceiver(BroadcastReceiver receiver, IntentFilter filter, String perm, Handler h) { return null; }
    public void unregisterReceiver(BroadcastReceiver receiver) { receiver.hashCode(); }

    public <T> T getSystemService(Class<T> cls) {
        String name = getSystemServiceName(cls);
        Object o = name == null ? null : getSystemService(name);
        return cls.isInstance(o) ? cls.cast(o) : null;
    }

    /** Android's service name for a manager class (SystemServiceRegistry), from ContextImpl's one table. */
    public String getSystemServiceName(Class<?> cls) { return android.app.ContextImpl.serviceName(cls); }

    public String getOpPackageName() { return getPackageName(); }
    public String getPackageCodePath() { return new File(App.dataDir(), "base.apk").getPath(); }
    public String getPackageResourcePath() { return getPackageCodePath(); }
    public ApplicationInfo getApplicationInfo() { return ApplicationInfo.forApp(); }
    public ClassLoader getClassLoader() { return Context.class.getClassLoader(); }
    public Looper getMainLooper() { return Looper.getMainLooper(); }
    public File getFilesDir() { return App.dir("files"); }
    public File getCacheDir() { return App.dir("cache"); }
    public File getCodeCacheDir() { return App.dir("code_cache"); }
    public File getNoBackupFilesDir() { return App.dir("no_backup"); }
    public File getDataDir() { return App.dataDir(); }
    public File getDir(String name, int mode) { return App.dir("app_" + name); }
    public File getDatabasePath(String name) { return new File(App.dir("databases"), name); }
    public File getFileStreamPath(String name) { return new File(getFilesDir(), name); }
    public File getExternalFilesDir(String type) { return App.dir("external/files" + (type == null ? "" : "/" + type)); }
    public File getExternalCacheDir() { return App.dir("external/cache"); }
    public File[] getExternalFilesDirs(String type) { return new File[] {getExternalFilesDir(type)}; }
    public File[] getExternalCacheDirs() { return new File[] {getExternalCacheDir()}; }
    public File getObbDir() { return App.dir("obb"); }
    public String[] fileList() { String[] l = getFilesDir().list(); return l == null ? new String[0] : l; }
    public boolean deleteFile(String name) { return getFileStreamPath(name).delete(); }
    public boolean deleteDatabase(String name) { return getDatabasePath(name).delete(); }
    public java.io.FileInputStream openFileInput(String name) throws java.io.FileNotFoundException {
        return new java.io.FileInputStream(getFileStreamPath(name));
    }
    public java.io.FileOutputStream openFileOutput(String name, int mode) throws java.io.FileNotFoundException {
        return new java.io.FileOutputStream(getFileStreamPath(name), (mode & 0x8000) != 0);
    }
    public int checkSelfPermission(String permission) { return PackageManager.PERMISSION_GRANTED; }
    public int checkPermission(String permission, int pid, int uid) { return PackageManager.PERMISSION_GRANTED; }
    public int checkCallingOrSelfPermission(String permission) { return PackageManager.PERMISSION_GRANTED; }
    public int checkCallingPermission(String permission) { return PackageManager.PERMISSION_GRANTED; }
    public void enforceCallingOrSelfPermission(String permission, String message) { permission.hashCode(); }
    public boolean isRestricted() { return false; }
    public boolean isDeviceProtectedStorage() { return false; }
    public Context createDeviceProtectedStorageContext() { return this; }
    public Context createPackageContext(String pkg, int flags) { return this; }
    public Context createConfigurationContext(Object config) { return this; }
    public String getString(int resId) { return android.content.res.Resources.forApp().getString(resId); }
    public String getString(int resId, Object... args) { return android.content.res.Resources.forApp().getString(resId, args); }
    public CharSequence getText(int resId) { return getString(resId); }
    public android.content.res.Resources getResources() { return android.content.res.Resources.forApp(); }
    public android.content.res.AssetManager getAssets() { return getResources().getAssets(); }
}
