package android.content.pm;

import java.util.List;

public abstract class PackageManager {
    public static final int PERMISSION_GRANTED = 0;
    public static final int PERMISSION_DENIED = -1;
    public static final int GET_META_DATA = 128;

    public static class NameNotFoundException extends android.util.AndroidException {
        public NameNotFoundException() { super(); }
        public NameNotFoundException(String name) { super(name); }
    }

    public abstract List<PackageInfo> getInstalledPackages(int flags);
    public abstract PackageInfo getPackageInfo(String packageName, int flags) throws NameNotFoundException;
    public abstract ApplicationInfo getApplicationInfo(String packageName, int flags) throws NameNotFoundException;
    public abstract ServiceInfo getServiceInfo(android.content.ComponentName component, int flags) throws NameNotFoundException;
    public abstract ActivityInfo getActivityInfo(android.content.ComponentName component, int flags) throws NameNotFoundException;
    public abstract ActivityInfo getReceiverInfo(android.content.ComponentName component, int flags) throws NameNotFoundException;
    public int checkPermission(String permission, String packageName) { return PERMISSION_GRANTED; }
}
