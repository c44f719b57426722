package android.content.res;

import appaudit.harness.App;

/** The app's string resources and resource ids (from its resources.arsc, via hostjvm.app_properties). */
public class Resources {
    private static final Resources APP = new Resources();
    private final AssetManager assets = new AssetManager();

    public static class NotFoundException extends RuntimeException {
        public NotFoundException() { super(); }
        public NotFoundException(String name) { super(name); }
    }

    public Resources() {}

    public static Resources forApp() { return APP; }
    public static Resources getSystem() { return APP; }

    public String getString(int id) {
        // The table read from resources.arsc may lack a configuration-only string: "" rather than a crash.
        String v = App.get("res.0x" + Integer.toHexString(id), null);
        return v == null ? "" : v;
    }

    public String getString(int id, Object... args) { return String.format(getString(id), args); }
    public CharSequence getText(int id) { return getString(id); }
    public CharSequence getText(int id, CharSequence def) {
        String v = App.get("res.0x" + Integer.toHexString(id), null);
        return v == null ? def : v;
    }

    public int getIdentifier(String name, String defType, String defPackage) {
        String n = name;
        String type = defType;
        int colon = n.indexOf(':');
        if (colon >= 0) n = n.substring(colon + 1);
        int slash = n.indexOf('/');
        if (slash >= 0) { type = n.substring(0, slash); n = n.substring(slash + 1); }
        String v = App.get("id." + type + "/" + n, null);
        try {
            return v == null ? 0 : (int) Long.parseLong(v.substring(2), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A res/raw file of the APK (hostjvm.resource_properties names it by id), as Android opens it. */
    public java.io.InputStream openRawResource(int id) {
        String path = App.get("file.0x" + Integer.toHexString(id), null);
        if (path == null) throw new NotFoundException("Resource ID #0x" + Integer.toHexString(id));
        try {
            return AssetManager.entry(path);
        } catch (java.io.IOException e) {
            throw new NotFoundException("File " + path + " from resource ID #0x" + Integer.toHexString(id));
        }
    }

    public String getResourceName(int id) { return App.get("name.0x" + Integer.toHexString(id), ""); }
    public AssetManager getAssets() { return assets; }
}
