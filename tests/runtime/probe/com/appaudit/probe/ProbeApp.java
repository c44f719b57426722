package com.appaudit.probe;

import android.app.Application;

/** Application: an SDK reads the IMEI before consent. */
public class ProbeApp extends Application {
    @Override
    public void onCreate() {
        super.onCreate();
        com.umeng.analytics.Collector.collect(this);
    }
}
