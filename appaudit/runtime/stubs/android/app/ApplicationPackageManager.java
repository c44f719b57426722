package android.app;

import android.content.ComponentName;
import android.content.pm.ActivityInfo;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.content.pm.ServiceInfo;
import android.content.pm.Signature;
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
            info.signatures = appSignatures();
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

    // The app's own components, with the manifest's meta-data (Firebase finds its registrars in its discovery
    // service's); another app's are not installed here.
    @Override
    public ServiceInfo getServiceInfo(ComponentName component, int flags) throws NameNotFoundException {
        return ServiceInfo.forApp(own(component));
    }

    @Override
    public ActivityInfo getActivityInfo(ComponentName component, int flags) throws NameNotFoundException {
        return ActivityInfo.forApp(own(component));
    }

    @Override
    public ActivityInfo getReceiverInfo(ComponentName component, int flags) throws NameNotFoundException {
        return ActivityInfo.forApp(own(component));
    }

    private static String own(ComponentName c) throws NameNotFoundException {
        if (c == null || !App.packageName().equals(c.getPackageName())) {
            throw new NameNotFoundException(c == null ? "null" : c.flattenToString());
        }
        return c.getClassName();
    }

    private static Signature[] signatures;

    /**
     * The app's own signing certificate (v1: the PKCS#7 block under META-INF of its APK), as PackageInfo.signatures
     * gives it: SDKs check it at init (WeChat, Alipay, Bmob), and an empty array failed them there.
     */
    static synchronized Signature[] appSignatures() {
        if (signatures != null) return signatures.clone();
        signatures = new Signature[0];
        String apk = System.getProperty("appaudit.apk");
        if (apk == null) return signatures.clone();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(apk)) {
            java.util.Enumeration<? extends java.util.zip.ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                java.util.zip.ZipEntry e = all.nextElement();
                String n = e.getName();
                if (!n.matches("META-INF/[^/]+\\.(RSA|DSA|EC)") || e.getSize() > (1 << 20)) continue;
                try (java.io.InputStream in = zip.getInputStream(e)) {
                    for (java.security.cert.Certificate c
                            : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        signatures = new Signature[] {new Signature(c.getEncoded())};
                        return signatures.clone();
                    }
                }
            }
        } catch (Exception e) {
            // unreadable or v2-only: no v1 certificate, as before
        }
        return signatures.clone();
    }
}
