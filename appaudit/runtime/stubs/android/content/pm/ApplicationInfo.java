package android.content.pm;

import android.os.Bundle;
import appaudit.harness.App;
import java.util.Properties;

public class ApplicationInfo extends PackageItemInfo {
    public static final int FLAG_SYSTEM = 1;
    public static final int FLAG_DEBUGGABLE = 2;
    public String className;
    public String processName;
    public String dataDir;
    public String sourceDir;
    public String publicSourceDir;
    public String nativeLibraryDir;
    public int flags;
    public int uid = 10123;
    public int targetSdkVersion = 30;
    public int minSdkVersion = 21;
    public boolean enabled = true;

    public ApplicationInfo() {}

    /** This app's info: manifest meta-data as metaData, scratch paths, an app uid. */
    public static ApplicationInfo forApp() {
        ApplicationInfo a = new ApplicationInfo();
        a.packageName = App.packageName();
        a.processName = a.packageName;
        a.className = App.get("application", null);
        a.name = a.className;
        a.dataDir = App.dataDir().getPath();
        a.sourceDir = System.getProperty("appaudit.apk", a.dataDir + "/base.apk");
        a.publicSourceDir = a.sourceDir;
        a.nativeLibraryDir = App.dir("lib").getPath();
        a.metaData = new Bundle();
        Properties meta = App.metaData();
        for (String k : meta.stringPropertyNames()) a.metaData.putString(k, meta.getProperty(k));
        return a;
    }

    @Override public CharSequence loadLabel(PackageManager pm) { return packageName; }

    @Override
    public String toString() { return "ApplicationInfo{" + packageName + "}"; }
}
