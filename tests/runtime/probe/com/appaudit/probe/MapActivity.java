package com.appaudit.probe;

import android.app.Activity;
import android.content.ClipboardManager;
import android.location.LocationManager;
import android.os.Bundle;
import android.view.View;

/**
 * A screen the user opens after agreeing (not the launcher): it reads the last known location, and has two
 * buttons the harness clicks: "paste" reads the clipboard, "quit" exits the app. Made and created on the main
 * thread only, as androidx's activities insist.
 */
public class MapActivity extends Activity {
    public MapActivity() {
        mainThreadOnly();
    }

    /** What androidx's LifecycleRegistry checks: a lifecycle runs on the main looper's thread. */
    static void mainThreadOnly() {
        if (android.os.Looper.getMainLooper().getThread() != Thread.currentThread()) {
            throw new IllegalStateException("not on the main thread");
        }
    }

    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        mainThreadOnly();
        LocationManager lm = (LocationManager) getSystemService("location");
        lm.getLastKnownLocation("gps");
        new View().setOnClickListener(new View.OnClickListener() {
            @Override
            public void onClick(View v) {
                ((ClipboardManager) getSystemService("clipboard")).getPrimaryClip();
            }
        });
        new View().setOnClickListener(new View.OnClickListener() {
            @Override
            public void onClick(View v) {
                System.exit(0);
            }
        });
    }
}
