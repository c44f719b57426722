package android.app;

import android.content.ContextWrapper;
import android.content.Intent;
import android.os.IBinder;

public abstract class Service extends ContextWrapper {
    public static final int START_STICKY = 1;
    public static final int START_NOT_STICKY = 2;
    public static final int START_REDELIVER_INTENT = 3;
    private Application application;

    public Service() {}
    public void onCreate() { hashCode(); }
    public int onStartCommand(Intent intent, int flags, int startId) { onStart(intent, startId); return START_STICKY; }
    public void onStart(Intent intent, int startId) { hashCode(); }
    public void onDestroy() { hashCode(); }
    public abstract IBinder onBind(Intent intent);
    public boolean onUnbind(Intent intent) { return false; }
    public void attachApplication(Application app) { this.application = app; }
    public Application getApplication() { return application; }
    public void stopSelf() { hashCode(); }
    public void stopSelf(int startId) { hashCode(); }
    public boolean stopSelfResult(int startId) { return true; }
    public void startForeground(int id, Notification notification) { hashCode(); }
    public void stopForeground(boolean removeNotification) { hashCode(); }
}
