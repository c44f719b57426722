package android.content.pm;

import android.os.Bundle;

/** What every package item has (as on Android): its name, its package, its meta-data. */
public class PackageItemInfo {
    public String name;
    public String packageName;
    public Bundle metaData;
    public int icon;
    public int labelRes;
    public CharSequence nonLocalizedLabel;

    public PackageItemInfo() {}

    public CharSequence loadLabel(PackageManager pm) {
        return nonLocalizedLabel != null ? nonLocalizedLabel : name != null ? name : packageName;
    }
}
