package android.app;

import android.content.Intent;
import android.os.Bundle;
import android.view.ContextThemeWrapper;

/** onResume/onPause mark foreground/background for the agent; the harness drives them. */
public class Activity extends ContextThemeWrapper {
    public Activity() {}
    // Non-empty bodies on purpose: HotSpot enters an empty method through a fast path that a Frida
    // replacement does not see.
    private String state = "created";
    private String[] requested = new String[0];
    private Intent intent = new Intent("android.intent.action.MAIN");
    private Application application;
    private boolean finished;

    // Android's Activity dispatches to the Application's ActivityLifecycleCallbacks from these (SDKs such
    // as AppsFlyer and Firebase start their session on onActivityResumed).
    protected void onCreate(Bundle savedInstanceState) { state = "created"; dispatch(0, savedInstanceState); }
    protected void onPostCreate(Bundle savedInstanceState) { state = "created"; }
    protected void onStart() { state = "started"; dispatch(1, null); }
    protected void onRestart() { state = "started"; }
    protected void onResume() { state = "resumed"; dispatch(2, null); }
    protected void onPostResume() { state = "resumed"; }
    protected void onPause() { state = "paused"; dispatch(3, null); }
    protected void onStop() { state = "stopped"; dispatch(4, null); }
    protected void onDestroy() { state = "destroyed"; dispatch(6, null); }

    private void dispatch(int what, Bundle b) {
        if (application == null) return;
        for (Application.ActivityLifecycleCallbacks cb : application.lifecycleCallbacks()) {
            switch (what) {
                case 0: cb.onActivityCreated(this, b); break;
                case 1: cb.onActivityStarted(this); break;
                case 2: cb.onActivityResumed(this); break;
                case 3: cb.onActivityPaused(this); break;
                case 4: cb.onActivityStopped(this); break;
                default: cb.onActivityDestroyed(this); break;
            }
        }
    }
    public void requestPermissions(String[] permissions, int requestCode) { requested = permissions; }
    public String lifecycleState() { return state + " " + requested.length; }

    /** The harness attaches the app's Application (what getApplication() returns). */
    public void attachApplication(Application app) { this.application = app; }
    public Application getApplication() { return application; }
    public Intent getIntent() { return intent; }
    public void setIntent(Intent i) { intent = i; }
    public void finish() { finished = true; }
    public boolean isFinishing() { return finished; }
    public boolean isDestroyed() { return "destroyed".equals(state); }
    public void setContentView(int layoutResID) { state.hashCode(); }
    public void runOnUiThread(Runnable action) { new android.os.Handler(android.os.Looper.getMainLooper()).post(action); }
    public String getLocalClassName() { return getClass().getName(); }
    public android.content.ComponentName getComponentName() { return new android.content.ComponentName(getPackageName(), getClass().getName()); }
}
