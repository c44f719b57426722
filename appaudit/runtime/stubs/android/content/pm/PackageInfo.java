package android.content.pm;

public class PackageInfo {
    public String packageName;
    public String versionName;
    public int versionCode;
    public long firstInstallTime = 1_700_000_000_000L;
    public long lastUpdateTime = 1_700_000_000_000L;
    public ApplicationInfo applicationInfo;
    public String[] requestedPermissions;
    public Signature[] signatures = new Signature[0];

    public long getLongVersionCode() { return versionCode; }

    @Override
    public String toString() { return packageName; }
}
