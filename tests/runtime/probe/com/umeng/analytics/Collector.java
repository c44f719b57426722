package com.umeng.analytics;

import android.content.Context;
import android.telephony.TelephonyManager;

/** Plays an analytics SDK (package com.umeng.analytics): reads the IMEI from Application.onCreate. */
public final class Collector {
    private Collector() {}

    public static String collect(Context ctx) {
        TelephonyManager tm = (TelephonyManager) ctx.getSystemService("phone");
        return tm.getDeviceId();
    }
}
