package android.content.res;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The APK's assets/ (read from the APK itself, -Dappaudit.apk), as the SDK config files many apps ship. */
public final class AssetManager implements AutoCloseable {
    private static final long MAX = 16L << 20;

    public InputStream open(String name) throws IOException { return open(name, 0); }

    public InputStream open(String name, int mode) throws IOException { return entry("assets/" + name); }

    /** A file of the APK (an asset, a res/raw file), read whole: at most 16 MiB. */
    static InputStream entry(String path) throws IOException {
        String apk = System.getProperty("appaudit.apk");
        if (apk == null) throw new FileNotFoundException(path);
        try (ZipFile z = new ZipFile(apk)) {
            ZipEntry e = z.getEntry(path);
            if (e == null || e.isDirectory() || e.getSize() > MAX) throw new FileNotFoundException(path);
            try (InputStream in = z.getInputStream(e)) {
                return new ByteArrayInputStream(in.readNBytes((int) MAX));
            }
        }
    }

    public String[] list(String path) throws IOException {
        String apk = System.getProperty("appaudit.apk");
        List<String> out = new ArrayList<>();
        if (apk == null) return new String[0];
        String prefix = "assets/" + (path.isEmpty() ? "" : path + "/");
        try (ZipFile z = new ZipFile(apk)) {
            z.stream().forEach(e -> {
                String n = e.getName();
                if (n.startsWith(prefix)) {
                    String rest = n.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    String child = slash >= 0 ? rest.substring(0, slash) : rest;
                    if (!child.isEmpty() && !out.contains(child)) out.add(child);
                }
            });
        }
        return out.toArray(new String[0]);
    }

    @Override
    public void close() { hashCode(); }
}
