package com.appaudit.probe;

import android.app.Activity;
import android.location.LocationManager;
import android.os.Bundle;

/** A screen the user opens after agreeing (not the launcher): it reads the last known location. */
public class MapActivity extends Activity {
    @Override
    protected void onCreate(Bundle b) {
        super.onCreate(b);
        LocationManager lm = (LocationManager) getSystemService("location");
        lm.getLastKnownLocation("gps");
    }
}
