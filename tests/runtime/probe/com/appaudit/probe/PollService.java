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

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
