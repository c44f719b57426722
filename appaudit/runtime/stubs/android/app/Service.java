package android.app;

import android.content.ContextWrapper;
import android.content.Intent;
import android.os.IBinder;

public abstract class Service extends ContextWrapper {
    public Service() {}
    public void onCreate() {}
    public int onStartCommand(Intent intent, int flags, int startId) { return 1; }
    public abstract IBinder onBind(Intent intent);
}
