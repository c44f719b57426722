package com.appaudit.probe;

import android.app.Service;
import android.content.Intent;
import android.os.IBinder;
import android.telephony.TelephonyManager;

/** Reads the IMEI every 20 ms while -Dprobe.poll=true (a target to kill mid-run); otherwise once. */
public class PollService extends Service {
    @Override
    public int onStartCommand(Intent intent, int flags, int startId) {
        TelephonyManager tm = (TelephonyManager) getSystemService("phone");
        tm.getDeviceId();
        while (Boolean.getBoolean("probe.poll")) {
            tm.getDeviceId();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return 2;
            }
        }
        return 1;
    }

    /** As an IntentService's worker (the harness calls it by name): never on the main thread, as Room insists. */
    protected void onHandleIntent(Intent intent) {
        if (android.os.Looper.getMainLooper().getThread() == Thread.currentThread()) {
            throw new IllegalStateException("Cannot access database on the main thread");
        }
    }

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
