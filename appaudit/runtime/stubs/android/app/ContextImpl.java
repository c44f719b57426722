package android.app;

import android.content.ComponentName;
import android.content.ContentResolver;
import android.content.Context;
import android.content.Intent;
import android.content.ServiceConnection;
import android.content.SharedPreferences;
import android.content.pm.PackageManager;
import appaudit.harness.App;
import appaudit.harness.Defaults;
import java.util.HashMap;
import java.util.Map;

/** The one base context of the simulated app process (same class name as on Android). */
public final class ContextImpl extends Context {
    private static final ContextImpl INSTANCE = new ContextImpl();
    private final Map<String, SharedPreferences> prefs = new HashMap<>();
    private final Map<String, Object> services = new HashMap<>();
    private final ContentResolver resolver = new ContentResolver();
    private final PackageManager pm = new ApplicationPackageManager();
    private Context application;

    public static ContextImpl get() { return INSTANCE; }

    /** The app's Application is the application context once the harness created it. */
    public static void setApplication(Context app) { INSTANCE.application = app; }

    /** Android's managers by service name: the ones serving the profile are hand-written, others generated. */
    private static final String[][] MANAGERS = {
        {"activity", "android.app.ActivityManager"},
        {"connectivity", "android.net.ConnectivityManager"},
        {"power", "android.os.PowerManager"},
        {"window", "android.view.WindowManager"},
        {"alarm", "android.app.AlarmManager"},
        {"notification", "android.app.NotificationManager"},
        {"keyguard", "android.app.KeyguardManager"},
        {"audio", "android.media.AudioManager"},
        {"sensor", "android.hardware.SensorManager"},
        {"bluetooth", "android.bluetooth.BluetoothManager"},
        {"account", "android.accounts.AccountManager"},
        {"usagestats", "android.app.usage.UsageStatsManager"},
        {"jobscheduler", "android.app.job.JobScheduler"},
        {"device_policy", "android.app.admin.DevicePolicyManager"},
        {"telephony_subscription_service", "android.telephony.SubscriptionManager"},
        {"storage", "android.os.storage.StorageManager"},
        {"input_method", "android.view.inputmethod.InputMethodManager"},
        {"layout_inflater", "android.view.LayoutInflater"},
        {"vibrator", "android.os.Vibrator"},
        {"camera", "android.hardware.camera2.CameraManager"},
        {"uimode", "android.app.UiModeManager"},
        {"display", "android.hardware.display.DisplayManager"},
        {"batterymanager", "android.os.BatteryManager"},
        {"wifip2p", "android.net.wifi.p2p.WifiP2pManager"},
        {"appops", "android.app.AppOpsManager"},
        {"user", "android.os.UserManager"},
        {"download", "android.app.DownloadManager"},
    };

    /** The managers serving the profile, hand-written and new at each call (as the profile is read at each call). */
    private static final String[][] HANDWRITTEN = {
        {"phone", "android.telephony.TelephonyManager"},
        {"wifi", "android.net.wifi.WifiManager"},
        {"location", "android.location.LocationManager"},
        {"clipboard", "android.content.ClipboardManager"},
    };

    /** The service name of a manager class (getSystemService(Class)), null for a class that is not one. */
    public static String serviceName(Class<?> cls) {
        for (String[][] table : new String[][][] {HANDWRITTEN, MANAGERS}) {
            for (String[] m : table) {
                if (m[1].equals(cls.getName())) return m[0];
            }
        }
        return null;
    }

    @Override
    public synchronized Object getSystemService(String name) {
        String n = name == null ? "" : name;
        for (String[] m : HANDWRITTEN) {
            if (m[0].equals(n)) return manager(m[1]);
        }
        if (services.containsKey(n)) return services.get(n);
        Object o = null;
        for (String[] m : MANAGERS) {
            if (m[0].equals(n)) {
                o = manager(m[1]);
                break;
            }
        }
        services.put(n, o);
        return o;
    }

    private static Object manager(String cls) {
        return Defaults.value("L" + cls.replace('.', '/') + ";", "getSystemService");
    }

    @Override public ContentResolver getContentResolver() { return resolver; }
    @Override public PackageManager getPackageManager() { return pm; }

    @Override
    public synchronized SharedPreferences getSharedPreferences(String name, int mode) {
        return prefs.computeIfAbsent(String.valueOf(name), SharedPreferencesImpl::new);
    }

    @Override public Context getApplicationContext() { return application != null ? application : this; }
    @Override public String getPackageName() { return App.packageName(); }
    // No other app runs here: a bind or start reaches nobody (the agent records the attempt).
    private Intent lastStarted;

    @Override public boolean bindService(Intent service, ServiceConnection conn, int flags) { lastStarted = service; return false; }
    @Override public ComponentName startService(Intent service) { lastStarted = service; return null; }
    @Override public ComponentName startForegroundService(Intent service) { lastStarted = service; return null; }
    @Override public void startActivity(Intent intent) { lastStarted = intent; }
}
