package android.content.pm;

/** A component of an app (activity, service, receiver, provider) as the package manager describes it. */
public class ComponentInfo extends PackageItemInfo {
    public ApplicationInfo applicationInfo;
    public String processName;
    public boolean enabled = true;
    public boolean exported;

    public ComponentInfo() {}

    /**
     * A component of this app: its class and package, the app's info, and the manifest's meta-data (all of the
     * app's, as hostjvm keeps them in one table: a component's own keys are among them, e.g. the
     * `com.google.firebase.components:` keys of Firebase's ComponentDiscoveryService).
     */
    static <T extends ComponentInfo> T ofApp(T info, String className) {
        ApplicationInfo app = ApplicationInfo.forApp();
        info.name = className;
        info.packageName = app.packageName;
        info.processName = app.processName;
        info.applicationInfo = app;
        info.metaData = app.metaData;
        return info;
    }
}
