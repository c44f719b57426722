package android.app;

import android.content.ClipboardManager;
import android.content.ComponentName;
import android.content.ContentResolver;
import android.content.Context;
import android.content.Intent;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import android.location.LocationManager;
import android.net.wifi.WifiManager;
import android.telephony.TelephonyManager;
import java.util.HashMap;
import java.util.Map;

/** The one base context of the simulated app process (same class name as on Android). */
public final class ContextImpl extends Context {
    private static final ContextImpl INSTANCE = new ContextImpl();
    private final Map<String, SharedPreferences> prefs = new HashMap<>();
    private final ContentResolver resolver = new ContentResolver();
    private final PackageManager pm = new ApplicationPackageManager();

    public static ContextImpl get() { return INSTANCE; }

    @Override
    public Object getSystemService(String name) {
        switch (name == null ? "" : name) {
            case "phone": return new TelephonyManager();
            case "wifi": return new WifiManager();
            case "location": return new LocationManager();
            case "clipboard": return new ClipboardManager();
            default: return null;
        }
    }

    @Override public ContentResolver getContentResolver() { return resolver; }
    @Override public PackageManager getPackageManager() { return pm; }

    @Override
    public synchronized SharedPreferences getSharedPreferences(String name, int mode) {
        return prefs.computeIfAbsent(String.valueOf(name), n -> new SharedPreferencesImpl());
    }

    @Override public Context getApplicationContext() { return this; }
    @Override public String getPackageName() { return System.getProperty("appaudit.package", ""); }
    // No other app runs here: a bind or start reaches nobody (the agent records the attempt).
    private Intent lastStarted;

    @Override public boolean bindService(Intent service, Object conn, int flags) { lastStarted = service; return false; }
    @Override public ComponentName startService(Intent service) { lastStarted = service; return null; }
    @Override public void startActivity(Intent intent) { lastStarted = intent; }
}
