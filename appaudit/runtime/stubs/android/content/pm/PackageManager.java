package android.content.pm;

import java.util.List;

public abstract class PackageManager {
    public abstract List<PackageInfo> getInstalledPackages(int flags);
}
