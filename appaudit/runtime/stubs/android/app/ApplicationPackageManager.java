package android.app;

import android.content.pm.ApplicationInfo;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import appaudit.harness.App;
import appaudit.harness.Profile;
import java.util.ArrayList;
import java.util.List;

/** Serves the profile's app_list (comma separated) as installed packages, and the app's own package info. */
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

    @Override
    public PackageInfo getPackageInfo(String packageName, int flags) throws NameNotFoundException {
        PackageInfo info = new PackageInfo();
        info.packageName = packageName;
        if (packageName != null && packageName.equals(App.packageName())) {
            info.versionName = App.get("version_name", "1.0");
            try {
                info.versionCode = Integer.parseInt(App.get("version_code", "1"));
            } catch (NumberFormatException e) {
                info.versionCode = 1;
            }
            info.applicationInfo = ApplicationInfo.forApp();
            return info;
        }
        for (String p : Profile.get("app_list", "").split(",")) {
            if (p.equals(packageName)) {
                info.versionName = "1.0";
                info.versionCode = 1;
                return info;
            }
        }
        throw new NameNotFoundException(packageName);
    }

    @Override
    public ApplicationInfo getApplicationInfo(String packageName, int flags) throws NameNotFoundException {
        if (packageName != null && packageName.equals(App.packageName())) return ApplicationInfo.forApp();
        PackageInfo info = getPackageInfo(packageName, flags);
        ApplicationInfo a = new ApplicationInfo();
        a.packageName = info.packageName;
        return a;
    }
}
