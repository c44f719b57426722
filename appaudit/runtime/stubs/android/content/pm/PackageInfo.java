package android.content.pm;

public class PackageInfo {
    public String packageName;

    @Override
    public String toString() { return packageName; }
}
