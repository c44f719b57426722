package android.content.pm;

/** A service of an app (PackageManager.getServiceInfo). */
public class ServiceInfo extends ComponentInfo {
    public String permission;
    public int flags;

    public ServiceInfo() {}

    public static ServiceInfo forApp(String className) { return ofApp(new ServiceInfo(), className); }
}
