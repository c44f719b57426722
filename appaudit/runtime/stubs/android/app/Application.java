package android.app;

import android.content.Context;
import android.content.ContextWrapper;

public class Application extends ContextWrapper {
    public interface ActivityLifecycleCallbacks {
        void onActivityCreated(Activity activity, android.os.Bundle savedInstanceState);
        void onActivityStarted(Activity activity);
        void onActivityResumed(Activity activity);
        void onActivityPaused(Activity activity);
        void onActivityStopped(Activity activity);
        void onActivitySaveInstanceState(Activity activity, android.os.Bundle outState);
        void onActivityDestroyed(Activity activity);
    }

    private final java.util.List<ActivityLifecycleCallbacks> callbacks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Application() {}
    public void onCreate() { callbacks.size(); }
    public void onTerminate() { callbacks.size(); }
    public void onLowMemory() { callbacks.size(); }
    public void onTrimMemory(int level) { callbacks.size(); }

    /** The harness's entry for Android's Application.attach: attachBaseContext with the process context. */
    public void attach(Context base) { attachBaseContext(base); }

    public static String getProcessName() { return appaudit.harness.App.packageName(); }

    public void registerActivityLifecycleCallbacks(ActivityLifecycleCallbacks cb) { callbacks.add(cb); }
    public void unregisterActivityLifecycleCallbacks(ActivityLifecycleCallbacks cb) { callbacks.remove(cb); }
    public java.util.List<ActivityLifecycleCallbacks> lifecycleCallbacks() { return callbacks; }
}
