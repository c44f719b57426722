package android.app;

import android.content.ContextWrapper;
import android.os.Bundle;

/** onResume/onPause mark foreground/background for the agent; the harness drives them. */
public class Activity extends ContextWrapper {
    public Activity() {}
    // Non-empty bodies on purpose: HotSpot enters an empty method through a fast path that a Frida
    // replacement does not see.
    private String state = "created";
    private String[] requested = new String[0];

    protected void onCreate(Bundle savedInstanceState) { state = "created"; }
    protected void onStart() { state = "started"; }
    protected void onResume() { state = "resumed"; }
    protected void onPause() { state = "paused"; }
    protected void onStop() { state = "stopped"; }
    public final void requestPermissions(String[] permissions, int requestCode) { requested = permissions; }
    public String lifecycleState() { return state + " " + requested.length; }
}
