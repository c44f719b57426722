package android.app;

import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import appaudit.harness.Profile;
import java.util.ArrayList;
import java.util.List;

/** Serves the profile's app_list (comma separated) as installed packages. */
public final class ApplicationPackageManager extends PackageManager {
    @Override
    public List<PackageInfo> getInstalledPackages(int flags) {
        List<PackageInfo> out = new ArrayList<>();
        for (String p : Profile.get("app_list", "").split(",")) {
            if (!p.isEmpty()) {
                PackageInfo info = new PackageInfo();
                info.packageName = p;
                out.add(info);
            }
        }
        return out;
    }
}
