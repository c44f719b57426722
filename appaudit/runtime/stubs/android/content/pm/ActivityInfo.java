package android.content.pm;

/** An activity or a receiver of an app (PackageManager.getActivityInfo / getReceiverInfo). */
public class ActivityInfo extends ComponentInfo {
    public int theme;
    public int launchMode;
    public int screenOrientation = -1;
    public int flags;
    public String permission;
    public String taskAffinity;
    public String targetActivity;

    public ActivityInfo() {}

    public static ActivityInfo forApp(String className) { return ofApp(new ActivityInfo(), className); }
}
